"""Grassroots democracy at residential areas: households and household consultations (one answer per household)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from doanket.accounts.selectors import user_reach
from doanket.core.services import validate_and_save
from doanket.core.text import normalize_text
from doanket.orgunits.models import OrgUnit

from ..models import Answer, AnswerChannel, ApprovalBase, Consultation, Household, HouseholdAnswer
from ..permissions import SupervisionPerm
from ._common import require_perm, required_text


def _require_area(actor: Any, area: OrgUnit, perm: SupervisionPerm) -> None:
    if area.unit_type.code != "area":
        raise ValidationError({"area": [_("Hãy chọn một khu dân cư.")]})
    if actor is not None and not user_reach(actor, perm).covers(area.path):
        raise ValidationError({"area": [_("Khu dân cư này không thuộc phạm vi của bạn.")]})


@transaction.atomic
def household_add(*, actor: Any, area: OrgUnit, head_name: str, address: str) -> Household:
    _require_area(actor, area, SupervisionPerm.TRACK)
    household = Household(area=area, head_name=required_text(head_name, "head_name", _("Cần nhập tên chủ hộ.")),
                          address=required_text(address, "address", _("Cần nhập địa chỉ của hộ.")))
    return validate_and_save(household, actor)


@transaction.atomic
def consultation_create(*, actor: Any, area: OrgUnit, question: str, opens_on: dt.date, closes_on: dt.date,
                        turnout_percent: int = 50, approval_percent: int = 50,
                        approval_base: str = ApprovalBase.HOUSEHOLDS) -> Consultation:
    _require_area(actor, area, SupervisionPerm.MANAGE)
    if opens_on is None or closes_on is None:
        raise ValidationError(_("Cần nhập ngày bắt đầu và kết thúc (dd/mm/yyyy)."))
    if closes_on < opens_on:
        raise ValidationError({"closes_on": [_("Ngày kết thúc không được trước ngày bắt đầu.")]})
    consultation = Consultation(area=area, question=required_text(question, "question", _("Cần nhập nội dung lấy ý "
                                                                                            "kiến.")),
                                opens_on=opens_on, closes_on=closes_on, turnout_percent=turnout_percent,
                                approval_percent=approval_percent, approval_base=approval_base)
    return validate_and_save(consultation, actor)


@transaction.atomic
def answer_record(*, actor: Any, consultation: Consultation, household: Household, answer: str,
                  channel: str = AnswerChannel.PAPER, note: str = "", today: dt.date | None = None) -> HouseholdAnswer:
    """A household's answer, on paper (entered by the committee) or online. A second answer of the same household
    is refused, by the database under concurrent entries too."""
    require_perm(actor, consultation.area, SupervisionPerm.TRACK)
    today = today or dt.date.today()
    if household.area_id != consultation.area_id:
        raise ValidationError({"household": [_("Hộ này không thuộc khu dân cư được lấy ý kiến.")]})
    if not consultation.opens_on <= today <= consultation.closes_on:
        raise ValidationError(_("Chỉ ghi nhận ý kiến từ ngày %(start)s đến ngày %(end)s.") % {
            "start": consultation.opens_on.strftime("%d/%m/%Y"), "end": consultation.closes_on.strftime("%d/%m/%Y")})
    if answer not in Answer.values:
        raise ValidationError({"answer": [_("Hãy chọn ý kiến của hộ.")]})
    row = HouseholdAnswer(consultation=consultation, household=household, answer=answer, channel=channel,
                          note=normalize_text(note))
    try:
        with transaction.atomic():
            return validate_and_save(row, actor)
    except IntegrityError:
        # Two entries of the same household at once: the constraint refused the second.
        raise ValidationError({"household": [_("Hộ gia đình này đã cho ý kiến trong đợt lấy ý kiến này; mỗi hộ chỉ "
                                               "một ý kiến.")]}) from None
