"""What every petition service shares: tracking codes, the access check, deadlines and the timeline."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from doanket.accounts.models import User
from doanket.accounts.selectors import require
from doanket.core.services import validate_and_save

from ..models import Action, DeadlineRule, Petition, Status, Transition
from ..permissions import PetitionPerm
from ..reference import DEADLINES
from ..workdays import add_working_days

# No 0/O, 1/I/L: a code read over the phone or copied from a slip is not mistaken. 31^10 ≈ 8·10^14.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
        if not Petition.objects.filter(code=code).exists():
            return code


def normalize_code(text: str | None) -> str:
    """What the citizen typed, as stored: upper case, dashes and spaces removed."""
    return re.sub(r"[^A-Z0-9]", "", (text or "").upper())


def check_access(actor: User | None, petition: Petition, perm: PetitionPerm) -> None:
    """The actor must hold `perm` on the petition's unit: 404 when they cannot even see it, 403 when
    they see it without the right. `None` is the system (scheduled jobs, the demo)."""
    if actor is not None:
        require(actor, petition.unit.path, perm, seen_with=PetitionPerm.VIEW)


def deadline_for(kind: str, start: dt.date) -> tuple[dt.date, str]:
    """(the answer deadline for a period starting on `start`, its legal basis), from the kind's rule."""
    rule = DeadlineRule.objects.filter(kind=kind).first()
    days, basis = (rule.working_days, rule.legal_basis) if rule else DEADLINES[kind][:2]
    return add_working_days(start, days), basis


def escalation_grace(kind: str) -> int:
    rule = DeadlineRule.objects.filter(kind=kind).first()
    return rule.escalate_after if rule else DEADLINES[kind][2]


def today() -> dt.date:
    return timezone.localdate()


def move(petition: Petition, *, actor: User | None, action: Action, to: Status, allowed_from: Iterable[Status],
         note: str = "", fields: Iterable[str] = (), public: bool = True, message: str = "") -> Petition:
    """Change the status (refused with `message` from any other status than `allowed_from`), save the
    changed `fields` attributed to the actor and add the step to the timeline."""
    if petition.status not in set(allowed_from):
        raise ValidationError(message or _wrong_state(petition))
    previous = petition.status
    petition.status = to
    validate_and_save(petition, actor, update_fields=sorted({"status", *fields}))
    Transition.objects.create(petition=petition, at=timezone.now(), actor=actor, action=action, from_status=previous,
                              to_status=to, unit=petition.unit, note=note, public=public)
    return petition


def _wrong_state(petition: Petition) -> str:
    return _("Không thực hiện được thao tác này khi phản ánh đang ở trạng thái “%(status)s”.") % {
        "status": petition.get_status_display()}
