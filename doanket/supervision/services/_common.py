"""What every supervision service checks first: the actor's right on the unit and the activity's stage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from doanket.accounts.selectors import require
from doanket.core.text import normalize_text
from doanket.orgunits.models import OrgUnit

from ..models import ActivityStatus, SupervisionActivity
from ..permissions import SupervisionPerm


def require_perm(actor: Any, unit: OrgUnit, perm: SupervisionPerm) -> None:
    """`perm` on `unit`'s subtree (404 outside the VIEW reach, 403 inside it). `actor=None` is the system
    (demo loader, the overdue job)."""
    if actor is not None:
        require(actor, unit.path, perm, seen_with=SupervisionPerm.VIEW)


def require_status(activity: SupervisionActivity, allowed: Collection[str], message: str | None = None) -> None:
    if activity.status not in allowed:
        raise ValidationError(message or _("Không thể thực hiện khi cuộc giám sát ở trạng thái “%(status)s”.")
                              % {"status": activity.get_status_display()})


def required_text(value: str | None, field: str, message: str) -> str:
    text = normalize_text(value or "").strip()
    if not text:
        raise ValidationError({field: [message]})
    return text


def not_future(day: dt.date | None, field: str, label: str) -> dt.date:
    if day is None:
        raise ValidationError({field: [_("Cần nhập %(what)s (dd/mm/yyyy).") % {"what": label}]})
    if day > dt.date.today():
        raise ValidationError({field: [_("%(what)s không được ở tương lai.") % {"what": label[:1].upper() + label[1:]}]})
    return day


BEFORE_CONDUCT = (ActivityStatus.PLANNED, ActivityStatus.NOTIFIED)
