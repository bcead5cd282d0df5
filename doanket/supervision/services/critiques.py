"""Social critique (phản biện xã hội): a draft received, opinions gathered, the critique issued, the drafting
body's response tracked (deadline in working days, like a recommendation's answer)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from doanket.accounts.selectors import user_reach
from doanket.core.services import as_actor, validate_and_save
from doanket.core.text import normalize_text
from doanket.events.models import Event
from doanket.orgunits.models import OrgUnit

from ..models import Critique, CritiqueStatus, ExpertOpinion, Outcome
from ..permissions import SupervisionPerm
from ._common import not_future, require_perm, required_text
from .recommendations import default_due


def _require_critique_status(critique: Critique, allowed: tuple[str, ...], message: str) -> None:
    if critique.status not in allowed:
        raise ValidationError(message)


def _check_conference(actor: Any, unit: OrgUnit, conference: Event | None) -> None:
    """The conference must be one the unit organised (or below it), visible to the actor."""
    if conference is None:
        return
    if not conference.organiser.path.startswith(unit.path) or (
            actor is not None and not user_reach(actor, SupervisionPerm.VIEW).covers(conference.organiser.path)):
        raise ValidationError({"conference": [_("Hội nghị phải do đơn vị phản biện (hoặc đơn vị trực thuộc) tổ "
                                                "chức.")]})


@transaction.atomic
def critique_create(*, actor: Any, unit: OrgUnit, title: str, issuing_body: str, received_on: dt.date,
                    deadline: dt.date, summary: str = "", conference: Event | None = None) -> Critique:
    if actor is not None and not user_reach(actor, SupervisionPerm.MANAGE).covers(unit.path):
        raise ValidationError({"unit": [_("Bạn không có quyền phản biện thay cho đơn vị này.")]})
    if received_on is None or deadline is None:
        raise ValidationError(_("Cần nhập ngày nhận dự thảo và hạn gửi ý kiến (dd/mm/yyyy)."))
    not_future(received_on, "received_on", _("ngày nhận dự thảo"))
    if deadline < received_on:
        raise ValidationError({"deadline": [_("Hạn gửi ý kiến không được trước ngày nhận dự thảo.")]})
    _check_conference(actor, unit, conference)
    critique = Critique(unit=unit, title=required_text(title, "title", _("Cần nhập tên dự thảo.")),
                        issuing_body=required_text(issuing_body, "issuing_body", _("Cần nhập cơ quan soạn thảo.")),
                        received_on=received_on, deadline=deadline, summary=normalize_text(summary),
                        conference=conference)
    return validate_and_save(critique, actor)


@transaction.atomic
def opinion_add(*, actor: Any, critique: Critique, author: str, content: str, received_on: dt.date,
                affiliation: str = "") -> ExpertOpinion:
    require_perm(actor, critique.unit, SupervisionPerm.TRACK)
    _require_critique_status(critique, (CritiqueStatus.RECEIVED,),
                             _("Văn bản phản biện đã gửi; không thêm ý kiến được nữa."))
    not_future(received_on, "received_on", _("ngày nhận ý kiến"))
    if received_on < critique.received_on:
        raise ValidationError({"received_on": [_("Ngày nhận ý kiến không được trước ngày nhận dự thảo.")]})
    opinion = ExpertOpinion(critique=critique, author=required_text(author, "author", _("Cần nhập người góp ý.")),
                            affiliation=normalize_text(affiliation), received_on=received_on,
                            content=required_text(content, "content", _("Cần nhập nội dung ý kiến.")))
    return validate_and_save(opinion, actor)


@transaction.atomic
def opinion_remove(*, actor: Any, opinion: ExpertOpinion) -> None:
    require_perm(actor, opinion.critique.unit, SupervisionPerm.TRACK)
    _require_critique_status(opinion.critique, (CritiqueStatus.RECEIVED,),
                             _("Văn bản phản biện đã gửi; không bỏ ý kiến được nữa."))
    as_actor(opinion, actor).delete()


@transaction.atomic
def critique_issue(*, actor: Any, critique: Critique, critique_text: str, issued_on: dt.date) -> Critique:
    """The Front's critique is sent to the drafting body; its response is due in the default working days."""
    require_perm(actor, critique.unit, SupervisionPerm.MANAGE)
    critique = Critique.objects.select_for_update().select_related("unit").get(pk=critique.pk)
    _require_critique_status(critique, (CritiqueStatus.RECEIVED,), _("Văn bản phản biện đã được gửi."))
    text = required_text(critique_text, "critique", _("Cần nhập nội dung phản biện."))
    not_future(issued_on, "issued_on", _("ngày gửi văn bản phản biện"))
    if issued_on < critique.received_on:
        raise ValidationError({"issued_on": [_("Ngày gửi văn bản phản biện không được trước ngày nhận dự thảo.")]})
    critique.status, critique.critique, critique.issued_on = CritiqueStatus.ISSUED, text, issued_on
    critique.response_due = default_due(issued_on)
    return validate_and_save(critique, actor, update_fields=["status", "critique", "issued_on", "response_due"])


@transaction.atomic
def critique_response(*, actor: Any, critique: Critique, responded_on: dt.date, outcome: str,
                      response: str = "") -> Critique:
    require_perm(actor, critique.unit, SupervisionPerm.TRACK)
    critique = Critique.objects.select_for_update().select_related("unit").get(pk=critique.pk)
    _require_critique_status(critique, (CritiqueStatus.ISSUED, CritiqueStatus.ANSWERED),
                             _("Chỉ ghi nhận giải trình sau khi đã gửi văn bản phản biện."))
    not_future(responded_on, "responded_on", _("ngày nhận giải trình"))
    assert critique.issued_on is not None  # set by critique_issue with the status
    if responded_on < critique.issued_on:
        raise ValidationError({"responded_on": [
            _("Ngày nhận giải trình (%(day)s) không được trước ngày gửi văn bản phản biện (%(issued)s).")
            % {"day": responded_on.strftime("%d/%m/%Y"), "issued": critique.issued_on.strftime("%d/%m/%Y")}]})
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": [_("Hãy chọn kết quả tiếp thu.")]})
    critique.status, critique.responded_on = CritiqueStatus.ANSWERED, responded_on
    critique.outcome, critique.response = outcome, normalize_text(response)
    return validate_and_save(critique, actor, update_fields=["status", "responded_on", "outcome", "response"])

