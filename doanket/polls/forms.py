from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from doanket.core.forms import VNDateTimeField
from doanket.orgunits.forms import UnitChoiceField


class PollForm(forms.Form):
    title = forms.CharField(label=_("Tên cuộc bình chọn"), max_length=255)
    description = forms.CharField(label=_("Giới thiệu, thể lệ"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    opens_at = VNDateTimeField(label=_("Bắt đầu"))
    closes_at = VNDateTimeField(label=_("Kết thúc"))
    allow_codes = forms.BooleanField(label=_("Bình chọn bằng mã phiếu do khu dân cư phát"), required=False, initial=True)
    allow_accounts = forms.BooleanField(label=_("Bình chọn bằng e-mail đã xác nhận"), required=False, initial=True)
    live_results = forms.BooleanField(label=_("Công khai kết quả ngay trong khi bình chọn"), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitChoiceField(label=_("Đơn vị tổ chức"), queryset=units)
        self.fields["area"] = UnitChoiceField(label=_("Chỉ dành cho địa bàn (không bắt buộc)"), queryset=units,
                                              required=False, empty_label=_("Mọi địa bàn của đơn vị"))
        self.order_fields(["title", "unit", "description", "opens_at", "closes_at", "area"])

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("Thời điểm kết thúc phải sau thời điểm bắt đầu."))
        if not data.get("allow_codes") and not data.get("allow_accounts"):
            self.add_error("allow_codes", _("Hãy cho phép ít nhất một cách bình chọn trực tuyến."))
        return data


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Tên nhóm"), max_length=255)
    max_choices = forms.IntegerField(label=_("Mỗi phiếu được chọn tối đa"), min_value=1, max_value=100, initial=1)


class OptionForm(forms.Form):
    name = forms.CharField(label=_("Tên lựa chọn"), max_length=255)
    description = forms.CharField(label=_("Mô tả"), max_length=500, required=False)

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"] = forms.ModelChoiceField(label=_("Nhóm"), queryset=groups)
        self.order_fields(["group", "name", "description"])


class CodesForm(forms.Form):
    count = forms.IntegerField(label=_("Số mã cần tạo"), min_value=1, max_value=5000, initial=50)

    def __init__(self, *args, areas=None, labels=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = forms.ModelChoiceField(label=_("Khu dân cư"), queryset=areas)
        labels = labels or {}
        field.label_from_instance = lambda u: labels.get(u.pk, u.name)  # type: ignore[method-assign,assignment]
        self.fields["area"] = field
        self.order_fields(["area", "count"])


class AreaPickForm(forms.Form):
    def __init__(self, *args, areas=None, labels=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = forms.ModelChoiceField(label=_("Khu dân cư"), queryset=areas)
        labels = labels or {}
        field.label_from_instance = lambda u: labels.get(u.pk, u.name)  # type: ignore[method-assign,assignment]
        self.fields["khu"] = field


class TallyForm(forms.Form):
    """The paper ballots of one residential area: ballots collected, then votes for each option."""

    ballots = forms.IntegerField(label=_("Số phiếu thu về"), min_value=0, max_value=10_000_000)

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = []
        for group in groups or []:
            names = []
            for option in group.options.all():
                name = f"option_{option.pk}"
                self.fields[name] = forms.IntegerField(label=option.name, min_value=0, max_value=10_000_000,
                                                       required=False, initial=0)
                names.append(name)
            self.groups.append((group, names))

    def votes(self) -> dict[int, int]:
        return {int(name.removeprefix("option_")): value or 0 for name, value in self.cleaned_data.items()
                if name.startswith("option_")}

    def grouped_fields(self):
        return [(group, [self[name] for name in names]) for group, names in self.groups]


class CitizenForm(forms.Form):
    email = forms.EmailField(label=_("Địa chỉ e-mail"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    full_name = forms.CharField(label=_("Họ và tên (không bắt buộc)"), max_length=255, required=False,
                                widget=forms.TextInput(attrs={"autocomplete": "name"}))
