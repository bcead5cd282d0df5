"""Recommendations after a supervision: issued with a deadline in working days, answered with an outcome,
followed to implementation, and escalated to the next Front level up when unanswered past the deadline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from doanket.core.services import validate_and_save
from doanket.core.text import normalize_text
from doanket.orgunits.models import OrgUnit

from .. import conf
from ..models import ActivityStatus, Escalation, Outcome, Progress, Recommendation, SupervisionActivity
from ..permissions import SupervisionPerm
from ..working_days import add_working_days
from ._common import not_future, require_perm, require_status, required_text


def default_due(issued_on: dt.date) -> dt.date:
    return add_working_days(issued_on, conf.answer_working_days())


@transaction.atomic
def recommendation_add(*, actor: Any, activity: SupervisionActivity, content: str, issued_on: dt.date,
                       addressee: str = "", answer_due: dt.date | None = None) -> Recommendation:
    """A recommendation of the conclusion. Without a deadline it gets the default: `conf.answer_working_days()`
    working days after it is sent, Vietnamese holidays skipped."""
    require_perm(actor, activity.unit, SupervisionPerm.MANAGE)
    # Read the stage under a lock: the caller's instance may predate a step just taken.
    activity = SupervisionActivity.objects.select_for_update().select_related("unit").get(pk=activity.pk)
    require_status(activity, (ActivityStatus.CONCLUDED, ActivityStatus.RECOMMENDED),
                   _("Chỉ thêm kiến nghị khi cuộc giám sát đã có kết luận."))
    text = required_text(content, "content", _("Cần nhập nội dung kiến nghị."))
    if issued_on is None:
        raise ValidationError({"issued_on": [_("Cần nhập ngày gửi kiến nghị (dd/mm/yyyy).")]})
    if activity.concluded_on and issued_on < activity.concluded_on:
        raise ValidationError({"issued_on": [_("Ngày gửi kiến nghị không được trước ngày kết luận giám sát (%(day)s).")
                                             % {"day": activity.concluded_on.strftime("%d/%m/%Y")}]})
    if answer_due is None:
        answer_due = default_due(issued_on)
    else:
        if answer_due < issued_on:
            raise ValidationError({"answer_due": [_("Hạn trả lời không được trước ngày gửi kiến nghị.")]})
        if answer_due < dt.date.today():
            raise ValidationError({"answer_due": [_("Hạn trả lời đã qua; hãy đặt hạn từ hôm nay trở đi hoặc để trống "
                                                    "để tính theo mặc định.")]})
    rec = Recommendation(activity=activity, unit=activity.unit, content=text, issued_on=issued_on,
                         addressee=normalize_text(addressee) or activity.subject, answer_due=answer_due)
    return validate_and_save(rec, actor)


@transaction.atomic
def recommendation_answer(*, actor: Any, recommendation: Recommendation, answered_on: dt.date, outcome: str,
                          answer: str = "") -> Recommendation:
    """The body's written answer (a correction of an earlier answer too)."""
    require_perm(actor, recommendation.unit, SupervisionPerm.TRACK)
    rec = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    not_future(answered_on, "answered_on", _("ngày nhận trả lời"))
    if answered_on < rec.issued_on:
        raise ValidationError({"answered_on": [_("Ngày nhận trả lời (%(answer)s) không được trước ngày gửi kiến nghị "
                                                 "(%(issued)s).") % {"answer": answered_on.strftime("%d/%m/%Y"),
                                                                     "issued": rec.issued_on.strftime("%d/%m/%Y")}]})
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": [_("Hãy chọn kết quả tiếp thu.")]})
    rec.answered_on, rec.outcome, rec.answer = answered_on, outcome, normalize_text(answer)
    return validate_and_save(rec, actor, update_fields=["answered_on", "outcome", "answer"])


@transaction.atomic
def recommendation_progress(*, actor: Any, recommendation: Recommendation, progress: str,
                            progress_note: str = "") -> Recommendation:
    require_perm(actor, recommendation.unit, SupervisionPerm.TRACK)
    rec = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if progress not in Progress.values:
        raise ValidationError({"progress": [_("Tiến độ không hợp lệ.")]})
    if progress != Progress.NOT_STARTED and rec.outcome == Outcome.REJECTED:
        raise ValidationError({"progress": [_("Kiến nghị không được tiếp thu nên không có tiến độ thực hiện.")]})
    rec.progress, rec.progress_note = progress, normalize_text(progress_note)
    return validate_and_save(rec, actor, update_fields=["progress", "progress_note"])


def next_level(unit: OrgUnit) -> OrgUnit | None:
    """The Front committee above `unit` (residential areas are not committees: skip them)."""
    parent = OrgUnit.objects.get_parent(unit)
    while parent is not None and parent.unit_type.code == "area":
        parent = OrgUnit.objects.get_parent(parent)
    return parent


@transaction.atomic
def recommendation_escalate(*, actor: Any, recommendation: Recommendation, reason: str = "",
                            today: dt.date | None = None) -> Escalation:
    """Hand an unanswered, overdue recommendation to the next Front level up, which writes to the superior of
    the body supervised. Refused before the deadline, after an answer, or a second time to the same level."""
    require_perm(actor, recommendation.unit, SupervisionPerm.MANAGE)
    today = today or dt.date.today()
    rec = (Recommendation.objects.select_for_update().select_related("activity", "unit", "unit__unit_type")
           .get(pk=recommendation.pk))
    if rec.answered_on is not None:
        raise ValidationError(_("Kiến nghị đã được trả lời; không cần chuyển lên cấp trên."))
    if rec.answer_due >= today:
        raise ValidationError(_("Kiến nghị chưa quá hạn trả lời (hạn %(due)s); chỉ chuyển lên cấp trên khi đã quá hạn.")
                              % {"due": rec.answer_due.strftime("%d/%m/%Y")})
    superior = rec.activity.subject_superior
    if not superior:
        raise ValidationError(_("Chưa ghi cơ quan cấp trên của đối tượng được giám sát; hãy bổ sung ở trang cuộc "
                                "giám sát rồi chuyển lại."))
    level = next_level(rec.unit)
    if level is None:
        raise ValidationError(_("Đơn vị không có Mặt trận cấp trên để chuyển kiến nghị."))
    if rec.escalations.filter(to_unit=level).exists():
        raise ValidationError(_("Kiến nghị này đã được chuyển lên cấp trên."))
    escalation = Escalation(recommendation=rec, from_unit=rec.unit, to_unit=level, superior=superior,
                            escalated_on=today, created_by=actor,
                            reason=normalize_text(reason) or _(
                                "Quá hạn trả lời %(due)s mà %(addressee)s chưa trả lời kiến nghị.")
                            % {"due": rec.answer_due.strftime("%d/%m/%Y"), "addressee": rec.addressee})
    return validate_and_save(escalation, actor)


def escalate_overdue(*, today: dt.date | None = None) -> list[Escalation]:
    """The system's daily pass: every unanswered recommendation past its deadline and not yet handed up, with a
    superior body known, is escalated (by nobody in particular: the history says "system")."""
    today = today or dt.date.today()
    due = (Recommendation.objects.filter(answered_on__isnull=True, answer_due__lt=today, escalations__isnull=True)
           .exclude(activity__subject_superior="").select_related("unit"))
    done = []
    for rec in due:
        try:
            done.append(recommendation_escalate(actor=None, recommendation=rec, today=today))
        except ValidationError:
            continue  # e.g. the national committee has no level above: nothing to hand up
    return done
