"""Accounts of a subtree: create logins, grant and revoke roles. Administrators only, inside their reach."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from doanket.accounts.permissions import AccountPerm
from doanket.core import jobs
from doanket.core.permissions import Role
from doanket.core.services import as_actor, validate_and_save
from doanket.core.text import normalize_text
from doanket.orgunits.models import OrgUnit

from .models import RoleGrant, User
from .selectors import require, user_may_act_on

RESET_EMAIL_TEMPLATE = "accounts/email/password_reset.txt"
RESET_SUBJECT_TEMPLATE = "accounts/email/password_reset_subject.txt"


def _require_authority(actor: Any, account: User) -> None:
    """The account must be visible (its home unit in the reach: else 404) and every grant it holds inside the
    reach (else 403): an administrator acts only on accounts that hold no more than they do."""
    if actor is None:
        return
    if account.unit is None:
        raise Http404
    require(actor, account.unit.path, AccountPerm.USER_MANAGE)
    if not user_may_act_on(actor, account):
        raise PermissionDenied(_("Tài khoản này có vai trò ở đơn vị ngoài phạm vi của bạn; chỉ quản trị cấp trên "
                                 "mới thao tác được."))


@transaction.atomic
def user_create(*, actor: User | None, username: str, full_name: str, unit: OrgUnit, password: str, email: str = "",
                roles: list[str] | None = None) -> User:
    """A login working at `unit`, with roles on that unit (a viewer by default)."""
    require(actor, unit.path, AccountPerm.USER_MANAGE)
    user = User(username=normalize_text(username), full_name=normalize_text(full_name), unit=unit,
                email=(email or "").strip())
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    validate_and_save(user, actor, exclude=["password"])
    for role in roles or [Role.VIEWER]:
        role_grant(actor=actor, user=user, unit=unit, role=role)
    return user


@transaction.atomic
def role_grant(*, actor: User | None, user: User, unit: OrgUnit, role: str) -> RoleGrant:
    """Give `user` a role on `unit` (and so on its subtree). Both the account and the unit must be
    inside the actor's reach: an administrator cannot hand out more than they hold."""
    require(actor, unit.path, AccountPerm.USER_MANAGE)
    _require_authority(actor, user)
    if role not in Role.values:
        raise ValidationError({"role": [_("Vai trò không hợp lệ.")]})
    grant = RoleGrant(user=user, unit=unit, role=role)
    return validate_and_save(grant, actor)


@transaction.atomic
def role_revoke(*, actor: User | None, grant: RoleGrant) -> None:
    require(actor, grant.unit.path, AccountPerm.USER_MANAGE)
    _require_authority(actor, grant.user)
    if actor is not None and grant.user_id == getattr(actor, "pk", None) and grant.role == Role.ADMIN:
        raise ValidationError(_("Không thể tự thu hồi quyền quản trị của chính mình."))
    as_actor(grant, actor)
    grant.delete()


@transaction.atomic
def user_set_active(*, actor: User | None, user: User, active: bool) -> User:
    """Lock or unlock a login; accounts are never deleted, so their history keeps its actor."""
    _require_authority(actor, user)
    if actor is not None and user.pk == getattr(actor, "pk", None) and not active:
        raise ValidationError(_("Không thể tự khoá tài khoản của chính mình."))
    user.is_active = active
    validate_and_save(user, actor, update_fields=["is_active"], exclude=["password"])
    if active:
        # Unlocking also lifts a lockout from failed logins on this account name (django-axes).
        from axes.utils import reset as axes_reset

        axes_reset(username=user.get_username())
    return user


@transaction.atomic
def user_twofactor_reset(*, actor: User | None, user: User) -> User:
    """An administrator removes the authenticator and recovery codes of a login in their reach (a lost
    phone): the user sets two-factor authentication up again at the next login. Recorded in the account's
    history with the administrator as actor."""
    from . import twofactor

    _require_authority(actor, user)
    twofactor.disable(user)
    as_actor(user, actor)
    user._change_reason = "Đặt lại xác thực hai bước"  # type: ignore[attr-defined]  # read by simple-history
    user.save(update_fields=["full_name"])
    return user


@transaction.atomic
def user_password_reset(*, actor: Any, user: User, domain: str, use_https: bool) -> User:
    """An administrator sends the account's owner a link to set a new password (the administrator never
    learns or chooses it). The mail leaves after the transaction commits, outside the request."""
    _require_authority(actor, user)
    if not user.email or not user.is_active or not user.has_usable_password():
        raise ValidationError(_("Tài khoản này chưa có thư điện tử hoặc đang bị khoá: không gửi được liên kết đặt lại "
                                "mật khẩu."))
    as_actor(user, actor)
    user._change_reason = "Gửi liên kết đặt lại mật khẩu"  # type: ignore[attr-defined]  # read by simple-history
    user.save(update_fields=["full_name"])
    jobs.after_response(password_reset_mail_send, user.email, domain, use_https, translation.get_language(), user.pk)
    return user


def password_reset_mail_send(email: str, domain: str, use_https: bool, language: str | None,
                             user_id: int | None = None) -> int:
    """Job: mail a password-reset link to each active account with `email` (only account `user_id` when
    given). Runs after the response, so the page answers alike and as fast for known and unknown addresses.
    Returns how many mails were sent."""
    form = PasswordResetForm()
    sent = 0
    with translation.override(language or settings.LANGUAGE_CODE):
        for user in form.get_users(email):
            if user_id is not None and user.pk != user_id:
                continue
            context = {"email": user.email, "domain": domain, "site_name": domain, "user": user,
                       "uid": urlsafe_base64_encode(force_bytes(user.pk)),
                       "token": default_token_generator.make_token(user), "protocol": "https" if use_https else "http"}
            form.send_mail(RESET_SUBJECT_TEMPLATE, RESET_EMAIL_TEMPLATE, context, None, user.email)
            sent += 1
    return sent
