"""The daily overdue run (`manage.py petitions_overdue`, started by deploy/doanket-petitions-overdue.timer):
open petitions past their deadline are marked overdue and their unit is told; those still unanswered
after the rule's grace are escalated to the parent unit, which then sees them in its inbox as its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doanket.orgunits.models import OrgUnit

from ..models import OPEN_STATUSES, Action, Petition, Status, Transition
from ..workdays import working_days_between
from ._common import escalation_grace, move, today


@dataclass
class OverdueRun:
    marked: int = 0
    escalated: int = 0


def petitions_mark_overdue(*, on: dt.date | None = None) -> OverdueRun:
    """Mark and escalate; each petition in its own transaction, so a run stopped halfway resumes."""
    on = on or today()
    run = OverdueRun()
    late = (Petition.objects.filter(status__in=OPEN_STATUSES, deadline__lt=on)
            .select_related("unit").order_by("deadline", "id"))
    for petition in late.iterator(chunk_size=500):
        with transaction.atomic():
            locked = Petition.objects.select_for_update().select_related("unit").get(pk=petition.pk)
            if locked.status not in OPEN_STATUSES or locked.deadline is None or locked.deadline >= on:
                continue
            if locked.overdue_at is None:
                locked.overdue_at = timezone.now()
                locked.save(update_fields=["overdue_at"])
                Transition.objects.create(
                    petition=locked, at=locked.overdue_at, action=Action.OVERDUE, from_status=locked.status,
                    to_status=locked.status, unit=locked.unit, public=False,
                    note=_("Quá hạn trả lời (hạn %(d)s).") % {"d": f"{locked.deadline:%d/%m/%Y}"})
                run.marked += 1
            late_days = working_days_between(locked.deadline, on)
            parent = (OrgUnit.objects.filter(path=locked.unit.path[:-OrgUnit.steplen]).first()
                      if locked.unit.depth > 1 else None)
            if late_days >= escalation_grace(locked.kind) and parent is not None and locked.status != Status.ESCALATED:
                previous = locked.unit
                locked.unit = parent
                move(locked, actor=None, action=Action.ESCALATE, to=Status.ESCALATED, allowed_from=OPEN_STATUSES,
                     fields=["unit"], note=_("%(from)s quá hạn %(n)s ngày làm việc; chuyển %(to)s.") % {
                         "from": previous.name, "n": late_days, "to": parent.name})
                run.escalated += 1
    return run
