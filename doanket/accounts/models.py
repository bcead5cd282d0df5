from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin
from simple_history.models import HistoricalRecords

from doanket.core.permissions import Role


class User(AbstractUser):
    """A login. `unit` is where the user works; what they may reach comes from their role grants."""

    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="users", verbose_name=_("đơn vị"))
    full_name = models.CharField(_("họ và tên"), max_length=255, blank=True)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username


class RoleGrant(models.Model):
    """A role held on a unit; it applies to the unit and everything below it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants")
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.CASCADE, related_name="role_grants",
                             verbose_name=_("đơn vị"))
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="rolegrant_unique",
                                               violation_error_message=_("Người dùng đã có vai trò này ở đơn vị này."))]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


def recovery_digest(code: str) -> str:
    """Keyed hash of a recovery code (HMAC-SHA256 with the site's secret key): the database alone does not
    give the codes back, and spaces, dashes and letter case do not matter when it is typed."""
    from django.utils.crypto import salted_hmac

    normalised = "".join(ch for ch in str(code).upper() if ch.isalnum())
    return salted_hmac("doanket.accounts.recovery-code", normalised, algorithm="sha256").hexdigest()


class RecoveryCodeDevice(ThrottlingMixin, Device):
    """The one-time recovery codes of a user, used when the phone with the authenticator app is lost.
    A django-otp device, so a verified session records which device (this one) was used."""

    class Meta:
        verbose_name = _("bộ mã khôi phục")
        verbose_name_plural = _("bộ mã khôi phục")

    def get_throttle_factor(self) -> int:
        return int(getattr(settings, "OTP_TOTP_THROTTLE_FACTOR", 1))

    def remaining(self) -> int:
        return self.codes.filter(used_at__isnull=True).count()

    def verify_token(self, token: str) -> bool:
        allowed, _data = self.verify_is_allowed()
        if not allowed:
            return False
        code = self.codes.filter(digest=recovery_digest(token), used_at__isnull=True).first()
        if code is None:
            self.throttle_increment(commit=True)
            return False
        code.used_at = timezone.now()
        code.save(update_fields=["used_at"])
        self.throttle_reset(commit=True)
        return True


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mã khôi phục")
        verbose_name_plural = _("mã khôi phục")

    def __str__(self) -> str:
        return f"{self.device} #{self.pk}"
