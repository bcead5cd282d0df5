"""The upload form."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .columns import KIND_LABELS, Kind

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def max_megabytes() -> str:
    return f"{settings.IMPORT_MAX_BYTES / 1024 / 1024:g}"


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại dữ liệu"), choices=[(k.value, KIND_LABELS[k]) for k in Kind])
    file = forms.FileField(label=gettext_lazy("Tệp Excel (.xlsx)"),
                           widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX_MIME}"}))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["file"].help_text = _("Tối đa %(size)s MB. Tệp có dòng lỗi sẽ không được nhập dòng nào.") % {
            "size": max_megabytes()}

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_BYTES
        if limit and (upload.size or 0) > limit:
            raise forms.ValidationError(_("Tệp lớn hơn giới hạn cho phép (%(limit)s MB).") % {"limit": max_megabytes()})
        return upload
