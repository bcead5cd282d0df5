"""A user's own account security: two-factor authentication (set up, verify after the password, recovery
codes, turn off) and password change and reset by e-mail."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from doanket.core import jobs

from .. import services, twofactor
from ..forms import TwoFactorCodeForm, TwoFactorSetupForm

PENDING = "twofactor_pending_device"


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return str(reverse_lazy(settings.LOGIN_REDIRECT_URL))


@login_required
def security(request: HttpRequest) -> HttpResponse:
    """“Bảo mật tài khoản”: the state of two-factor authentication and what the user can do about it."""
    user = request.user
    return render(request, "accounts/security.html", {
        "enabled": twofactor.is_enabled(user), "required": twofactor.is_required(user),
        "remaining": twofactor.recovery_remaining(user), "nav": "security",
    })


@login_required
@require_http_methods(["GET", "POST"])
def twofactor_setup(request: HttpRequest) -> HttpResponse:
    """Scan the QR code, type the first code: the authenticator is confirmed and ten recovery codes shown once."""
    user = request.user
    device = twofactor.pending_device(user, request.session.get(PENDING))
    if device is None:
        device = twofactor.totp_begin(user)  # type: ignore[arg-type]
        request.session[PENDING] = device.pk
    form = TwoFactorSetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.totp_confirm(user, device, form.cleaned_data["code"])  # type: ignore[arg-type]
        if codes is not None:
            request.session.pop(PENDING, None)
            otp_login(request, device)
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request),
                                                                   "nav": "security", "first_time": True})
        form.add_error("code", _("Mã không đúng. Hãy kiểm tra giờ trên điện thoại và nhập mã đang hiện."))
    return render(request, "accounts/twofactor_setup.html", {
        "form": form, "qr": twofactor.qr_data_uri(device), "secret": twofactor.secret_text(device),
        "next": _next(request), "required": twofactor.is_required(user), "nav": "security",
    })


@login_required
@require_http_methods(["GET", "POST"])
def twofactor_verify(request: HttpRequest) -> HttpResponse:
    """After the password: the code from the authenticator app, or a recovery code."""
    user = request.user
    if not twofactor.is_enabled(user) or user.is_verified():  # type: ignore[union-attr]
        return redirect(_next(request))
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, reason = twofactor.verify(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, twofactor.RecoveryCodeDevice):
                messages.warning(request, _("Bạn vừa dùng một mã khôi phục; còn %(n)d mã. Hãy tạo bộ mã mới nếu "
                                            "sắp hết.") % {"n": device.remaining()})
            return redirect(_next(request))
        if reason == "throttled":
            form.add_error("code", _("Đã nhập sai nhiều lần. Hãy chờ một lát rồi thử lại."))
        else:
            form.add_error("code", _("Mã không đúng hoặc đã hết hạn."))
    return render(request, "accounts/twofactor_verify.html", {"form": form, "next": _next(request)})


@login_required
@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes (the old ones stop working), shown once."""
    if not twofactor.is_enabled(request.user):
        return redirect("accounts:security")
    codes = twofactor.recovery_codes_regenerate(request.user)  # type: ignore[arg-type]
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse_lazy("accounts:security"),
                                                           "nav": "security"})


@login_required
@require_POST
def twofactor_disable(request: HttpRequest) -> HttpResponse:
    if twofactor.is_required(request.user):
        messages.error(request, _("Vai trò của bạn bắt buộc dùng xác thực hai bước; không thể tắt."))
    else:
        twofactor.disable(request.user)  # type: ignore[arg-type]
        messages.success(request, _("Đã tắt xác thực hai bước."))
    return redirect("accounts:security")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_form.html"
    success_url = reverse_lazy("accounts:security")
    extra_context = {"title": gettext_lazy("Đổi mật khẩu"), "nav": "security"}

    def form_valid(self, form):
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    """Always the same answer, in the same time, whether an account has that address or not: the page only
    schedules the job that looks the address up and mails active accounts that have it, after the response
    (a mail sent in the request took ~60 ms more for a known address, which told who has an account)."""

    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        jobs.after_response(services.password_reset_mail_send, form.cleaned_data["email"], self.request.get_host(),
                            self.request.is_secure(), translation.get_language())
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_form.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    extra_context = {"title": gettext_lazy("Đặt mật khẩu mới")}

    def form_valid(self, form):
        from axes.utils import reset as axes_reset

        response = super().form_valid(form)
        # Whoever reads the account's mailbox may try again at once: lift the lockout of this account name.
        axes_reset(username=form.user.get_username())
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
