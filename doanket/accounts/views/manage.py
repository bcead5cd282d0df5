"""Administrators' pages for the accounts of their subtree."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from doanket.accounts.permissions import AccountPerm
from doanket.core.views import report_errors, submit
from doanket.orgunits.selectors import unit_choices

from .. import selectors, services, twofactor
from ..forms import GrantForm, UserCreateForm
from ..http import AuthedRequest


def _units(request: AuthedRequest):
    units = unit_choices(request.user, AccountPerm.USER_MANAGE)
    if not units.exists():
        raise PermissionDenied
    return units


@login_required
def user_list(request: AuthedRequest) -> HttpResponse:
    _units(request)
    users = selectors.users_visible(request.user).prefetch_related("role_grants__unit")
    return render(request, "accounts/users.html", {"users": users, "nav": "users"})


@login_required
@require_http_methods(["GET", "POST"])
def user_create(request: AuthedRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None, units=_units(request))
    user = submit(request, form, lambda data: services.user_create(actor=request.user, **data),
                  lambda u: _("Đã tạo tài khoản %(name)s.") % {"name": u.username})
    if user:
        return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "accounts/form.html", {"form": form, "nav": "users", "title": _("Tạo tài khoản")})


@login_required
@require_http_methods(["GET", "POST"])
def user_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    units = _units(request)  # 403 for a user who manages no accounts at all, before any lookup
    account = selectors.access_user(request.user, pk)
    form = GrantForm(request.POST or None, units=units, initial={"unit": account.unit})
    if submit(request, form, lambda data: services.role_grant(actor=request.user, user=account, **data),
              _("Đã cấp vai trò.")):
        return redirect("accounts:user_detail", pk=account.pk)
    grants = account.role_grants.select_related("unit").order_by("unit__path", "role")
    beyond = {g.pk for g in selectors.grants_beyond_reach(request.user, account)}
    return render(request, "accounts/user_detail.html", {
        "account": account, "grants": grants, "form": form, "twofactor": twofactor.is_enabled(account),
        "nav": "users", "beyond": beyond, "may_act": selectors.user_may_act_on(request.user, account),
    })


@login_required
@require_http_methods(["POST"])
def grant_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    _units(request)
    grant = selectors.access_grant(request.user, pk)
    try:
        services.role_revoke(actor=request.user, grant=grant)
    except ValidationError as exc:
        report_errors(request, exc)
    else:
        messages.success(request, _("Đã thu hồi vai trò."))
    if selectors.users_visible(request.user).filter(pk=grant.user_id).exists():
        return redirect("accounts:user_detail", pk=grant.user_id)
    return redirect("accounts:user_list")


@login_required
@require_http_methods(["POST"])
def user_toggle_active(request: AuthedRequest, pk: int) -> HttpResponse:
    _units(request)
    account = selectors.access_user(request.user, pk)
    try:
        services.user_set_active(actor=request.user, user=account, active=not account.is_active)
    except ValidationError as exc:
        report_errors(request, exc)
    else:
        messages.success(request, _("Đã mở khoá tài khoản.") if account.is_active else _("Đã khoá tài khoản."))
    return redirect("accounts:user_detail", pk=account.pk)


@login_required
@require_http_methods(["POST"])
def user_password_reset(request: AuthedRequest, pk: int) -> HttpResponse:
    account = selectors.access_user(request.user, pk)
    try:
        services.user_password_reset(actor=request.user, user=account, domain=request.get_host(),
                                     use_https=request.is_secure())
    except ValidationError as exc:
        report_errors(request, exc)
    else:
        messages.success(request, _("Đã gửi liên kết đặt lại mật khẩu tới thư điện tử của %(name)s.")
                         % {"name": account.username})
    return redirect("accounts:user_detail", pk=account.pk)


@login_required
@require_http_methods(["POST"])
def user_twofactor_reset(request: AuthedRequest, pk: int) -> HttpResponse:
    account = selectors.access_user(request.user, pk)
    services.user_twofactor_reset(actor=request.user, user=account)
    messages.success(request, _("Đã đặt lại xác thực hai bước của %(name)s; lần đăng nhập tới họ sẽ cài lại.")
                     % {"name": account.username})
    return redirect("accounts:user_detail", pk=account.pk)
