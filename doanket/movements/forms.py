from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from doanket.core.forms import VNDateField
from doanket.orgunits.forms import UnitChoiceField

from . import rules
from .models import CampaignKind, IndicatorKind, TitleKind, VoteMethod


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("Tên cuộc vận động, phong trào"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại"), choices=CampaignKind.choices)
    content = forms.CharField(label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    starts_on = VNDateField(label=_("Từ ngày"))
    ends_on = VNDateField(label=_("Đến ngày"))

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"] = UnitChoiceField(label=_("Đơn vị phát động"), queryset=units)
            self.order_fields(["title", "unit", "kind", "content", "starts_on", "ends_on"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu."))
        return data


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Tên chỉ tiêu"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại chỉ tiêu"), choices=IndicatorKind.choices)
    target = forms.IntegerField(label=_("Mục tiêu mỗi khu dân cư"), min_value=0, max_value=10**12, required=False,
                                help_text=_("Chỉ với chỉ tiêu số lượng; chỉ tiêu Có/Không có mục tiêu là “Có”"))
    measure = forms.CharField(label=_("Đơn vị tính"), max_length=40, required=False)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitChoiceField(label=_("Đơn vị đặt chỉ tiêu"), queryset=units)


class AdoptForm(forms.Form):
    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitChoiceField(label=_("Triển khai tới đơn vị (và mọi đơn vị trực thuộc)"),
                                              queryset=units)


class TargetForm(forms.Form):
    target = forms.IntegerField(label=_("Mục tiêu riêng mỗi khu dân cư"), min_value=0, max_value=10**12,
                                required=False, help_text=_("Để trống để bỏ mục tiêu riêng"))

    def __init__(self, *args: Any, units: Any = None, indicators: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"] = forms.ModelChoiceField(label=_("Chỉ tiêu"), queryset=indicators)
        self.fields["unit"] = UnitChoiceField(label=_("Đơn vị"), queryset=units)
        self.order_fields(["indicator", "unit", "target"])


YES_NO = [("", _("Chưa nhập")), ("yes", _("Có")), ("no", _("Không"))]


class ResultsForm(forms.Form):
    """One field per indicator, sized for a phone: numbers with the numeric keypad, yes/no as two taps."""

    def __init__(self, *args: Any, indicators: Any = (), results: Any = None, targets: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        results = results or {}
        targets = targets or {}
        self.indicators = list(indicators)
        for ind in self.indicators:
            name, current = f"i{ind.pk}", results.get(ind.pk)
            label = ind.name + (f" ({ind.measure})" if ind.measure else "")
            if ind.kind == IndicatorKind.NUMBER:
                target = targets.get(ind.pk)
                field: forms.Field = forms.IntegerField(
                    label=label, required=False, min_value=0, max_value=10**12,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
                    help_text=_("Mục tiêu: %(t)s") % {"t": target} if target is not None else "")
                initial = current.value_number if current else None
            elif ind.kind == IndicatorKind.YESNO:
                field = forms.ChoiceField(label=label, required=False, choices=YES_NO,
                                          widget=forms.RadioSelect(attrs={"class": "choices"}))
                initial = "" if not current or current.value_bool is None else ("yes" if current.value_bool else "no")
            else:
                field = forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 2}))
                initial = current.value_text if current else ""
            field.initial = initial
            self.fields[name] = field

    def values(self) -> dict[int, Any]:
        return {ind.pk: self.cleaned_data.get(f"i{ind.pk}") for ind in self.indicators}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Hoạt động"), max_length=255)
    held_on = VNDateField(label=_("Ngày thực hiện"))
    participants = forms.IntegerField(label=_("Số người tham gia"), min_value=0, max_value=10**7, required=False,
                                      widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    description = forms.CharField(label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    photos = PhotosField(label=_("Ảnh (JPEG, PNG)"), required=False,
                         widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png", "capture": "environment"}))

    def __init__(self, *args: Any, branches: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = forms.ModelMultipleChoiceField(label=_("Chi hội, đoàn thể tham gia"), queryset=branches,
                                               required=False, widget=forms.CheckboxSelectMultiple)
        self.fields["branches"] = field
        self.order_fields(["title", "held_on", "participants", "branches", "description", "photos"])


# -- evaluation -------------------------------------------------------------------------------------
class HouseholdForm(forms.Form):
    head_name = forms.CharField(label=_("Chủ hộ"), max_length=255)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    members = forms.IntegerField(label=_("Số nhân khẩu"), min_value=1, max_value=100, required=False)
    register = forms.BooleanField(label=_("Đăng ký “Gia đình văn hóa” năm nay"), required=False, initial=True)


class SelfAssessForm(forms.Form):
    """The three standards of the Decree, then the criteria of the registration's set (if any)."""

    def __init__(self, *args: Any, criteria: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            note = gettext("%(n)s điểm, bắt buộc") if c.required else gettext("%(n)s điểm")
            self.fields[f"c{c.pk}"] = forms.BooleanField(label=f"{c.text} ({note % {'n': c.points}})",
                                                         required=False)

    def marks(self) -> dict[int, bool]:
        return {c.pk: bool(self.cleaned_data.get(f"c{c.pk}")) for c in self.criteria}

    law_abiding = forms.BooleanField(label=_("Gương mẫu chấp hành chủ trương, chính sách, pháp luật"), required=False)
    takes_part = forms.BooleanField(label=_("Tích cực tham gia phong trào thi đua ở địa phương"), required=False)
    prosperous = forms.BooleanField(label=_("Gia đình no ấm, tiến bộ, hạnh phúc, tương trợ"), required=False)
    text = forms.CharField(label=_("Tự đánh giá"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MeetingForm(forms.Form):
    held_on = VNDateField(label=_("Ngày họp"))
    called = forms.IntegerField(label=_("Số người được triệu tập"), min_value=1, max_value=100_000,
                                widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    attended = forms.IntegerField(
        label=_("Số người có mặt"), min_value=0, max_value=100_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("Cuộc họp hợp lệ khi có mặt từ %(q)s %% số người được triệu tập (mặc định theo quy định: 60 %%; "
                    "đổi bằng cài đặt DOANKET_MOVEMENTS_QUORUM_PERCENT)."))
    method = forms.ChoiceField(label=_("Hình thức biểu quyết"), choices=VoteMethod.choices)
    chair = forms.CharField(label=_("Chủ trì"), max_length=255)
    secretary = forms.CharField(label=_("Thư ký"), max_length=255)
    minutes = forms.CharField(label=_("Biên bản (diễn biến, ý kiến)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, registrations: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attended"].help_text = self.fields["attended"].help_text % {"q": rules.quorum_percent()}
        self.registrations = list(registrations)
        for reg in self.registrations:
            self.fields[f"v{reg.pk}"] = forms.IntegerField(
                label=_("Số tán thành: %(who)s") % {"who": reg.shown_label}, min_value=0, max_value=100_000,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                help_text=_("Được đề nghị khi từ %(a)s %% số người có mặt tán thành (mặc định 60 %%; cài đặt "
                            "DOANKET_MOVEMENTS_APPROVAL_PERCENT).") % {"a": rules.approval_percent()})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("attended") is not None and data.get("called") and data["attended"] > data["called"]:
            self.add_error("attended", _("Số người có mặt không thể lớn hơn số người được triệu tập."))
        return data

    def votes(self) -> dict[int, int]:
        return {reg.pk: self.cleaned_data[f"v{reg.pk}"] for reg in self.registrations}


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Danh hiệu"), choices=TitleKind.choices)
    number = forms.CharField(label=_("Số quyết định"), max_length=60)
    signed_on = VNDateField(label=_("Ngày ký"))
    signer = forms.CharField(label=_("Người ký"), max_length=255)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitChoiceField(label=_("Xã, phường"), queryset=units)
        self.order_fields(["unit", "kind", "number", "signed_on", "signer"])


class CriteriaSetForm(forms.Form):
    kind = forms.ChoiceField(label=_("Danh hiệu"), choices=TitleKind.choices)
    year = forms.IntegerField(label=_("Năm áp dụng"), min_value=2000, max_value=2100)
    name = forms.CharField(label=_("Tên bộ tiêu chí"), max_length=255)
    pass_points = forms.IntegerField(label=_("Số điểm tối thiểu để đạt"), min_value=0, max_value=1000, initial=0)
    quorum_percent = forms.IntegerField(label=_("Tỉ lệ có mặt tối thiểu (%)"), min_value=1, max_value=100,
                                        required=False, help_text=_("Để trống: theo quy định (mặc định 60 %)"))
    approval_percent = forms.IntegerField(label=_("Tỉ lệ tán thành tối thiểu (%)"), min_value=1, max_value=100,
                                          required=False, help_text=_("Để trống: theo quy định (mặc định 60 %)"))

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"] = UnitChoiceField(label=_("Tỉnh, thành phố"), queryset=units)
        self.order_fields(["province", "kind", "year", "name"])


class CriterionForm(forms.Form):
    text = forms.CharField(label=_("Tiêu chí"), max_length=500)
    points = forms.IntegerField(label=_("Điểm"), min_value=0, max_value=100, initial=1)
    required = forms.BooleanField(label=_("Bắt buộc đạt"), required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))
