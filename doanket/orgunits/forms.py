from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from doanket.core.forms import VNDateField

from .models import LineageKind, MemberOrganisation, UnitType


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Tên đơn vị"), max_length=255)
    unit_type = forms.ModelChoiceField(label=_("Loại đơn vị"), queryset=UnitType.objects.all())
    code = forms.CharField(label=_("Mã đơn vị"), max_length=32, required=False,
                           help_text=_("Mã đơn vị hành chính chính thức, nếu có"))
    short_name = forms.CharField(label=_("Tên ngắn"), max_length=120, required=False)
    valid_from = VNDateField(label=_("Hiệu lực từ ngày"), required=False)
    valid_to = VNDateField(label=_("Hiệu lực đến ngày"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if data.get("valid_from") and data.get("valid_to") and data["valid_to"] < data["valid_from"]:
            self.add_error("valid_to", _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))
        return data


class LineageForm(forms.Form):
    """Record that this unit merged into / was renamed to / partly moved to another unit."""

    successor = forms.ModelChoiceField(label=_("Đơn vị mới"), queryset=None)  # type: ignore[arg-type]
    kind = forms.ChoiceField(label=_("Hình thức"), choices=LineageKind.choices)
    effective_date = VNDateField(label=_("Ngày hiệu lực"))
    legal_basis = forms.CharField(label=_("Căn cứ"), max_length=255, required=False,
                                  help_text=_("Ví dụ: Nghị quyết số 1656/NQ-UBTVQH15"))

    def __init__(self, *args, successors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = successors
        self.fields["successor"].label_from_instance = lambda u: u.label


class BranchForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Tổ chức thành viên"), queryset=MemberOrganisation.objects.all())
    name = forms.CharField(label=_("Tên chi hội"), max_length=255, help_text=_("Ví dụ: Chi hội Phụ nữ khu dân cư số 1"))
    valid_from = VNDateField(label=_("Thành lập từ ngày"), required=False)
