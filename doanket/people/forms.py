from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from doanket.core.forms import VNDateField
from doanket.orgunits.forms import UnitChoiceField
from doanket.orgunits.models import Branch

from .models import Gender, Position


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=255)
    title = forms.CharField(label=_("Học hàm, học vị"), max_length=60, required=False)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=[("", "—"), *Gender.choices], required=False)
    birth_year = forms.IntegerField(label=_("Năm sinh"), required=False, min_value=1900,
                                    max_value=dt.date.today().year)
    phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)
    id_number = forms.CharField(label=_("Số định danh cá nhân"), max_length=12, required=False,
                                help_text=_("12 chữ số; chỉ nhập khi công việc cần."))
    affiliation = forms.CharField(label=_("Nơi công tác"), max_length=255, required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitChoiceField(label=_("Đơn vị quản lý"), queryset=units)
        self.order_fields(["full_name", "unit"])


class AssignmentForm(forms.Form):
    position = forms.ModelChoiceField(label=_("Chức vụ"), queryset=Position.objects.all())
    start_date = VNDateField(label=_("Từ ngày"), required=False)
    end_date = VNDateField(label=_("Đến ngày"), required=False, help_text=_("Để trống nếu đang giữ chức vụ"))
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitChoiceField(label=_("Đơn vị"), queryset=units)
        branch = forms.ModelChoiceField(
            label=_("Chi hội (nếu là chức vụ của tổ chức thành viên)"), required=False,
            queryset=Branch.objects.filter(unit__in=units).select_related("unit"),
        )
        branch.label_from_instance = lambda b: f"{b.name} — {b.unit.name}"  # type: ignore[method-assign,assignment]
        self.fields["branch"] = branch
        self.order_fields(["position", "unit", "branch"])

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class DirectoryFilter(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên"), required=False,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("vd: khong minh thao")}))
    position = forms.ModelChoiceField(label=_("Chức vụ"), queryset=Position.objects.all(), required=False,
                                      empty_label=_("Mọi chức vụ"))
    current = forms.BooleanField(label=_("Chỉ người đang giữ chức vụ"), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitChoiceField(label=_("Đơn vị (gồm trực thuộc)"), queryset=units, required=False,
                                              empty_label=_("Mọi đơn vị"))
        self.order_fields(["q", "unit", "position", "current"])


class PositionForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = ["name", "abbreviation", "body", "rank"]


class ErasureForm(forms.Form):
    reason = forms.CharField(label=_("Lý do xoá dữ liệu"), max_length=255,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Ví dụ: theo đơn yêu cầu của người này ngày 05/01/2026. Lý do được ghi vào "
                                         "nhật ký dữ liệu cá nhân."))
