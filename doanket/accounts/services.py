"""Accounts of a subtree: create logins, grant and revoke roles. Administrators only, inside their reach."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from doanket.accounts.permissions import AccountPerm
from doanket.core.permissions import Role
from doanket.core.services import as_actor, validate_and_save
from doanket.core.text import normalize_text
from doanket.orgunits.models import OrgUnit

from .models import RoleGrant, User
from .selectors import require


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
    if user.unit is not None:
        require(actor, user.unit.path, AccountPerm.USER_MANAGE)
    if role not in Role.values:
        raise ValidationError({"role": [_("Vai trò không hợp lệ.")]})
    grant = RoleGrant(user=user, unit=unit, role=role)
    return validate_and_save(grant, actor)


@transaction.atomic
def role_revoke(*, actor: User | None, grant: RoleGrant) -> None:
    require(actor, grant.unit.path, AccountPerm.USER_MANAGE)
    if actor is not None and grant.user_id == getattr(actor, "pk", None) and grant.role == Role.ADMIN:
        raise ValidationError(_("Không thể tự thu hồi quyền quản trị của chính mình."))
    as_actor(grant, actor)
    grant.delete()


@transaction.atomic
def user_set_active(*, actor: User | None, user: User, active: bool) -> User:
    """Lock or unlock a login; accounts are never deleted, so their history keeps its actor."""
    if user.unit is None:
        raise Http404
    require(actor, user.unit.path, AccountPerm.USER_MANAGE)
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

    if user.unit is None:
        raise Http404
    require(actor, user.unit.path, AccountPerm.USER_MANAGE)
    twofactor.disable(user)
    as_actor(user, actor)
    user._change_reason = "Đặt lại xác thực hai bước"  # type: ignore[attr-defined]  # read by simple-history
    user.save(update_fields=["full_name"])
    return user
