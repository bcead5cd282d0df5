from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .permissions import Role


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
