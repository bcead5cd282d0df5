"""Form pieces shared by every domain: dd/mm/yyyy dates and date-times, service errors onto forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DATE_INPUT = "%d/%m/%Y"


class VNDateField(forms.DateField):
    """A date typed and shown as dd/mm/yyyy whatever the interface language ("05/09/2022" = 5 September)."""

    widget = forms.DateInput(format=DATE_INPUT, attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric",
                                                       "autocomplete": "off", "pattern": r"\d{1,2}/\d{1,2}/\d{4}"})
    default_error_messages = {"invalid": _("Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy, ví dụ 05/09/2022.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", [DATE_INPUT, "%d/%m/%y", "%Y-%m-%d"])
        super().__init__(**kwargs)


DATETIME_INPUT = "%d/%m/%Y %H:%M"


class VNDateTimeField(forms.DateTimeField):
    """A date-time typed and shown as "dd/mm/yyyy hh:mm" (24 hours), in the project's time zone (Asia/Ho_Chi_Minh).

    Accepts what cadres type — "20/09/2022 14:00", with seconds, "20/09/2022 14h00", "20/09/2022 14h", a date alone
    (midnight) — and the ISO forms a browser's date-time picker or an API client sends."""

    widget = forms.DateTimeInput(format=DATETIME_INPUT, attrs={
        "placeholder": _("ngày/tháng/năm giờ:phút"), "autocomplete": "off", "inputmode": "numeric",
        "pattern": r"\s*(\d{1,2}/\d{1,2}/\d{4}( \d{1,2}(:\d{2}(:\d{2})?|h(\d{2})?))?|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2})\s*"})
    default_error_messages = {"invalid": _("Thời điểm không hợp lệ: hãy nhập theo dạng dd/mm/yyyy hh:mm, "
                                           "ví dụ 23/09/2022 16:15.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", [DATETIME_INPUT, "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %Hh%M", "%d/%m/%Y %Hh",
                                            "%d/%m/%Y", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
        super().__init__(**kwargs)


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when the form has it, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for err in errors:
                form.add_error(target, err)
    else:
        for message in exc.messages:
            form.add_error(None, message)
