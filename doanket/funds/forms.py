"""Forms of the funds pages: shape only (dd/mm/yyyy dates, amounts in integer đồng); the rules are the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from doanket.core.forms import VNDateField

from .models import BudgetSource, Channel, DonorKind, Form, FundKind, HouseholdCategory, MilestoneKind
from .money import parse_money


class MoneyField(forms.CharField):
    """Integer đồng as typed in Vietnam: "1.500.000", "1 500 000" or "1500000"; fractions refused."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "placeholder": "1.500.000"})

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_money(text, None)
        except ValidationError as exc:
            raise ValidationError(exc.messages[0]) from exc


class FundForm(forms.Form):
    unit: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label=_("Đơn vị quản lý"))
    kind = forms.ChoiceField(choices=FundKind.choices, label=_("Loại quỹ"))
    name = forms.CharField(max_length=255, label=_("Tên quỹ"))
    starts_on = VNDateField(label=_("Nhận ủng hộ từ ngày"))
    ends_on = VNDateField(required=False, label=_("Đến ngày"),
                          help_text=_("Để trống với quỹ thường xuyên; ghi ngày kết thúc với đợt vận động cứu trợ."))
    call_text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}), label=_("Lời kêu gọi"))
    receiving_place = forms.CharField(required=False, max_length=500,
                                      label=_("Thời gian, địa điểm, cách thức tiếp nhận"))
    is_public = forms.BooleanField(required=False, initial=True, label=_("Công khai trên cổng thông tin"))

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class FundEditForm(forms.Form):
    kind = forms.ChoiceField(choices=FundKind.choices, label=_("Loại quỹ"))
    name = forms.CharField(max_length=255, label=_("Tên quỹ"))
    starts_on = VNDateField(label=_("Nhận ủng hộ từ ngày"))
    ends_on = VNDateField(required=False, label=_("Đến ngày"))
    call_text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}), label=_("Lời kêu gọi"))
    receiving_place = forms.CharField(required=False, max_length=500,
                                      label=_("Thời gian, địa điểm, cách thức tiếp nhận"))
    is_public = forms.BooleanField(required=False, label=_("Công khai trên cổng thông tin"))
    overdraft_limit = MoneyField(required=False, label=_("Được chi vượt số dư tối đa (đồng)"),
                                 help_text=_("Mặc định 0: không được chi quá số dư. Chỉ đặt khác 0 khi có quyết định "
                                             "cho tạm ứng."))

    def clean_overdraft_limit(self) -> int:
        return self.cleaned_data.get("overdraft_limit") or 0


class ReceiptForm(forms.Form):
    received_on = VNDateField(label=_("Ngày nhận"))
    donor_kind = forms.ChoiceField(choices=DonorKind.choices, label=_("Người ủng hộ là"))
    donor_name = forms.CharField(required=False, max_length=255, label=_("Tên người, đơn vị ủng hộ"))
    donor_address = forms.CharField(required=False, max_length=255, label=_("Địa chỉ"))
    donor_phone = forms.CharField(required=False, max_length=20, label=_("Điện thoại"))
    form = forms.ChoiceField(choices=Form.choices, label=_("Hình thức"))
    amount = MoneyField(label=_("Số tiền (đồng)"), help_text=_("Với hiện vật: giá trị quy ra tiền."))
    goods = forms.CharField(required=False, max_length=500, label=_("Hiện vật"))
    channel = forms.ChoiceField(choices=Channel.choices, label=_("Hình thức tiếp nhận"))
    area: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, required=False, label=_("Khu dân cư thu"))
    bank_reference = forms.CharField(required=False, max_length=100, label=_("Số giao dịch ngân hàng"))
    note = forms.CharField(required=False, max_length=500, label=_("Ghi chú"))

    def __init__(self, *args: Any, areas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]


class TransferForm(forms.Form):
    target: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label=_("Chuyển đến quỹ"))
    transferred_on = VNDateField(label=_("Ngày chuyển"))
    form = forms.ChoiceField(choices=Form.choices, label=_("Hình thức"))
    amount = MoneyField(label=_("Số tiền (đồng)"))
    decision = forms.CharField(required=False, max_length=255, label=_("Căn cứ (văn bản, quyết định)"))
    note = forms.CharField(required=False, max_length=500, label=_("Ghi chú"))

    def __init__(self, *args: Any, targets: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets  # type: ignore[attr-defined]
        self.fields["target"].label_from_instance = lambda f: f"{f.name} — {f.unit.name}"  # type: ignore[attr-defined]


class DisbursementForm(forms.Form):
    paid_on = VNDateField(label=_("Ngày chi"))
    form = forms.ChoiceField(choices=Form.choices, label=_("Hình thức"))
    amount = MoneyField(label=_("Số tiền (đồng)"))
    purpose = forms.CharField(max_length=500, label=_("Nội dung chi"))
    decision = forms.CharField(max_length=255, label=_("Quyết định phê duyệt"),
                               help_text=_("Số, ký hiệu của quyết định, ví dụ 15/QĐ-MTTQ."))
    decision_date = VNDateField(label=_("Ngày quyết định"))
    beneficiary: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, required=False, label=_("Hộ được hỗ trợ"))
    house: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, required=False, label=_("Nhà Đại đoàn kết"))
    category = forms.ChoiceField(choices=[("", "—"), *HouseholdCategory.choices], required=False,
                                 label=_("Diện hỗ trợ"), help_text=_("Lấy theo hộ khi đã chọn hộ."))
    households = forms.IntegerField(min_value=1, initial=1, label=_("Số hộ"),
                                    help_text=_("Khi chi chung cho nhiều hộ cùng diện."))

    def __init__(self, *args: Any, beneficiaries: Any, houses: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["beneficiary"].queryset = beneficiaries  # type: ignore[attr-defined]
        self.fields["house"].queryset = houses  # type: ignore[attr-defined]


class CancelForm(forms.Form):
    reason = forms.CharField(max_length=500, label=_("Lý do huỷ"))


class CloseForm(forms.Form):
    month = VNDateField(label=_("Khoá sổ đến hết tháng của ngày"), help_text=_("Ví dụ 30/11/2022 khoá hết tháng 11/2022."))


class BeneficiaryForm(forms.Form):
    unit: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label=_("Khu dân cư"))
    head_name = forms.CharField(max_length=255, label=_("Chủ hộ"))
    category = forms.ChoiceField(choices=HouseholdCategory.choices, label=_("Diện hỗ trợ"))
    members = forms.IntegerField(min_value=1, max_value=99, initial=1, label=_("Số nhân khẩu"))
    address = forms.CharField(required=False, max_length=255, label=_("Địa chỉ"))
    phone = forms.CharField(required=False, max_length=20, label=_("Điện thoại"))
    id_number = forms.CharField(required=False, max_length=12, label=_("Số định danh cá nhân"))

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class HouseForm(forms.Form):
    beneficiary: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label=_("Hộ được hỗ trợ"))
    title = forms.CharField(max_length=255, label=_("Tên công trình"))
    decision = forms.CharField(max_length=255, label=_("Quyết định phê duyệt"))
    is_repair = forms.BooleanField(required=False, label=_("Sửa chữa (không phải xây mới)"))

    def __init__(self, *args: Any, beneficiaries: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["beneficiary"].queryset = beneficiaries  # type: ignore[attr-defined]


class BudgetForm(forms.Form):
    source = forms.ChoiceField(choices=BudgetSource.choices, label=_("Nguồn"))
    sponsor = forms.CharField(required=False, max_length=255, label=_("Tên nhà tài trợ"))
    amount = MoneyField(label=_("Số tiền (đồng)"))


class MilestoneForm(forms.Form):
    kind = forms.ChoiceField(choices=MilestoneKind.choices, label=_("Mốc"))
    reached_on = VNDateField(label=_("Ngày"))
    photo = forms.FileField(required=False, label=_("Ảnh"))
    note = forms.CharField(required=False, max_length=500, label=_("Ghi chú"))
    handover_record = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                      label=_("Biên bản bàn giao"), help_text=_("Chỉ ghi khi bàn giao."))


class EraseForm(forms.Form):
    reason = forms.CharField(max_length=255, label=_("Lý do xoá dữ liệu cá nhân"))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"),
                           help_text=_("Sao kê ngân hàng hoặc bảng thu của khu dân cư; dòng đầu là tiêu đề: Ngày nhận, "
                                       "Người ủng hộ, Số tiền, Hình thức tiếp nhận, Khu dân cư, Số giao dịch, Hiện vật."))
    channel = forms.ChoiceField(choices=Channel.choices, initial=Channel.BANK, label=_("Hình thức tiếp nhận mặc định"))
