from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from doanket.core.permissions import Role
from doanket.orgunits.forms import UnitChoiceField


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=255)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    password = forms.CharField(label=_("Mật khẩu ban đầu"), widget=forms.PasswordInput,
                               help_text=_("Ít nhất 10 ký tự, không quá đơn giản."))
    roles = forms.MultipleChoiceField(label=_("Vai trò"), choices=Role.choices, widget=forms.CheckboxSelectMultiple,
                                      initial=[Role.VIEWER])

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitChoiceField(label=_("Đơn vị"), queryset=units)
        self.order_fields(["username", "full_name", "unit"])


class GrantForm(forms.Form):
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitChoiceField(label=_("Đơn vị"), queryset=units)


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(label=_("Mã xác thực"), max_length=32, strip=True,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True,
                                                         "inputmode": "text", "spellcheck": "false"}),
                           help_text=_("Sáu chữ số trong ứng dụng xác thực trên điện thoại, hoặc một mã khôi phục."))


class TwoFactorSetupForm(forms.Form):
    code = forms.CharField(label=_("Mã sáu chữ số trong ứng dụng"), max_length=12, strip=True,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                                         "autofocus": True}))
