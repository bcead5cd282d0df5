"""Two-factor authentication: a TOTP authenticator app (django-otp) plus ten one-time recovery codes.

Required for administrators, the standing committee and operators when `DOANKET_REQUIRE_2FA` is on;
optional for everyone else. After the password, a user with a confirmed authenticator must enter a
code before any management page (see `middleware.TwoFactorMiddleware`)."""

from __future__ import annotations

import secrets
from typing import Any

import segno
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from doanket.core.permissions import Role

from .models import RecoveryCode, RecoveryCodeDevice, RoleGrant, User, recovery_digest

RECOVERY_CODE_COUNT = 10
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are copied by hand
ROLES_REQUIRING_2FA = (Role.ADMIN, Role.STANDING)


def is_required(user: Any) -> bool:
    """Must this user use two-factor authentication before managing anything?"""
    if not getattr(settings, "DOANKET_REQUIRE_2FA", True) or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return RoleGrant.objects.filter(user_id=user.pk, role__in=ROLES_REQUIRING_2FA).exists()


def authenticator(user: Any, *, for_verify: bool = False) -> TOTPDevice | None:
    qs = TOTPDevice.objects.filter(user_id=user.pk, confirmed=True)
    return (qs.select_for_update() if for_verify else qs).first()


def is_enabled(user: Any) -> bool:
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


def recovery_device(user: Any, *, for_verify: bool = False) -> RecoveryCodeDevice | None:
    qs = RecoveryCodeDevice.objects.filter(user_id=user.pk, confirmed=True)
    return (qs.select_for_update() if for_verify else qs).first()


def recovery_remaining(user: Any) -> int:
    device = recovery_device(user)
    return device.remaining() if device else 0


@transaction.atomic
def totp_begin(user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator for `user` (earlier unconfirmed ones are dropped)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=False)


def pending_device(user: Any, device_id: Any) -> TOTPDevice | None:
    if not device_id:
        return None
    return TOTPDevice.objects.filter(user_id=user.pk, pk=device_id, confirmed=False).first()


def qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// link as an SVG QR code, inline as a data: URI (allowed by the page's CSP)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32 groups of four, for typing into the app by hand."""
    from base64 import b32encode

    raw = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


@transaction.atomic
def totp_confirm(user: User, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the pending authenticator with a code from the app. Replaces any earlier authenticator and
    issues a fresh set of recovery codes, returned in clear this once. None if the code is wrong."""
    if device.user_id != user.pk or device.confirmed or not device.verify_token(_digits(token)):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_regenerate(user)


@transaction.atomic
def recovery_codes_regenerate(user: User) -> list[str]:
    """Ten new recovery codes (the old ones stop working). Only their keyed hashes are stored."""
    RecoveryCodeDevice.objects.filter(user=user).delete()
    device = RecoveryCodeDevice.objects.create(user=user, name="Mã khôi phục", confirmed=True)
    codes = ["".join(secrets.choice(_ALPHABET) for _ in range(10)) for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create([RecoveryCode(device=device, digest=recovery_digest(c)) for c in codes])
    return [f"{c[:5]}-{c[5:]}" for c in codes]


@transaction.atomic
def disable(user: User) -> None:
    """Remove the authenticator and the recovery codes."""
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCodeDevice.objects.filter(user=user).delete()


def _digits(token: str) -> str:
    return "".join(ch for ch in str(token) if ch.isdigit())


@transaction.atomic  # the device rows are locked, so two guesses at once cannot both skip the throttle
def verify(user: Any, token: str) -> tuple[Any, str]:
    """Check a code typed after the password: a six-digit code from the app, or a recovery code.
    Returns (device that accepted it, "") or (None, reason) where reason is "throttled" or "wrong"."""
    token = (token or "").strip()
    device = authenticator(user, for_verify=True)
    throttled = False
    if device is not None and len(_digits(token)) == len(token.replace(" ", "")) and _digits(token):
        allowed, _data = device.verify_is_allowed()
        if not allowed:
            throttled = True
        elif device.verify_token(_digits(token)):
            return device, ""
    elif token:
        recovery = recovery_device(user, for_verify=True)
        if recovery is not None:
            allowed, _data = recovery.verify_is_allowed()
            if not allowed:
                throttled = True
            elif recovery.verify_token(token):
                return recovery, ""
    return None, ("throttled" if throttled else "wrong")
