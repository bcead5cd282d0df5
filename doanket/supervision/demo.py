"""Demo supervision: Phường Khương Đình's 2022 supervision of waste collection and environmental sanitation (the
demo news of 20/10/2022 reports it), with two recommendations to the ward's People's Committee — one answered and
carried out, one never answered, so overdue and escalated to the Front of Quận Thanh Xuân, which drafts the letter
to the district People's Committee — and a plan of today's Phường Phương Liệt with an activity still to notify,
to try the lifecycle from its start; and the ward's 2023 social critique of a draft regulation. Names of the team
come from the demo's directory; the texts are invented.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from doanket.orgunits.models import OrgUnit
from doanket.people.models import Assignment

from . import services
from .models import (
    Consultation,
    Critique,
    Outcome,
    Progress,
    Recommendation,
    SupervisionActivity,
    SupervisionForm,
    SupervisionPlan,
    TeamRole,
)

D = dt.date
SANITATION_TITLE = "Giám sát công tác thu gom, xử lý rác thải và vệ sinh môi trường tại khu dân cư"
ANSWERED_TEXT = "Tăng tần suất thu gom rác tại các ngõ nhỏ, bảo đảm thu gom hằng ngày trước 21 giờ."
OVERDUE_TEXT = ("Xử lý nghiêm các trường hợp đổ rác, phế thải không đúng nơi quy định; công khai kết quả xử lý tại "
                "khu dân cư.")
NEW_TITLE = "Giám sát việc thực hiện quy chế dân chủ ở cơ sở tại các tổ dân phố"
POLL_QUESTION = "Mỗi hộ đóng góp 100.000 đồng để lắp đèn chiếu sáng các ngõ của khu dân cư?"
CRITIQUE_TITLE = "Dự thảo Quy chế quản lý trật tự đô thị và vệ sinh môi trường phường Khương Đình"


@dataclass
class SupervisionDemo:
    sanitation: SupervisionActivity | None = None
    answered: Recommendation | None = None
    overdue: Recommendation | None = None
    current: SupervisionActivity | None = None
    critique: Critique | None = None
    consultation: Consultation | None = None


def _ward(name: str, *, old: bool) -> OrgUnit | None:
    qs = OrgUnit.objects.filter(unit_type__code="commune", name=name)
    return (qs.filter(valid_to__isnull=False) if old else qs.filter(valid_to__isnull=True)).first()


def _holders(unit: OrgUnit) -> list[Any]:
    """The unit's committee members, chair first (the team's head)."""
    rows = (Assignment.objects.filter(unit=unit).select_related("person", "position")
            .order_by("position__rank", "id"))
    seen, people = set(), []
    for a in rows:
        if a.person_id not in seen:
            seen.add(a.person_id)
            people.append(a.person)
    return people


def _sanitation(actor: Any, ward: OrgUnit) -> SupervisionDemo:
    plan = services.plan_create(actor=actor, unit=ward, year=2022,
                                note="Theo Chương trình phối hợp và thống nhất hành động năm 2022.")
    activity = services.activity_create(
        actor=actor, plan=plan, title=SANITATION_TITLE, subject="Ủy ban nhân dân phường Khương Đình",
        subject_superior="Ủy ban nhân dân quận Thanh Xuân", form=SupervisionForm.TEAM,
        content=("Việc tổ chức thu gom, vận chuyển rác thải sinh hoạt tại các khu dân cư; thời gian, tần suất thu "
                 "gom; xử lý các điểm đổ rác, phế thải không đúng nơi quy định.\n"
                 "Việc tuyên truyền, vận động nhân dân giữ gìn vệ sinh môi trường, phân loại rác tại nguồn."),
        starts_on=D(2022, 10, 17), ends_on=D(2022, 10, 21))
    for i, person in enumerate(_holders(ward)[:3]):
        services.member_add(actor=actor, activity=activity, person=person,
                            role=TeamRole.HEAD if i == 0 else TeamRole.MEMBER)
    services.activity_notify(actor=actor, activity=activity, notified_on=D(2022, 9, 30))
    services.activity_conduct(actor=actor, activity=activity, conducted_on=D(2022, 10, 18))
    services.activity_conclude(
        actor=actor, activity=activity, concluded_on=D(2022, 10, 20),
        findings=("Ủy ban nhân dân phường đã chỉ đạo thu gom rác hằng ngày tại các tuyến phố chính; tuy nhiên tại "
                  "một số ngõ nhỏ rác chưa được thu gom kịp thời, vẫn còn tình trạng đổ rác không đúng nơi quy định. "
                  "Người dân được mời tham gia, góp ý trực tiếp với đoàn giám sát."))
    answered = services.recommendation_add(actor=actor, activity=activity, content=ANSWERED_TEXT,
                                           issued_on=D(2022, 10, 25))
    overdue = services.recommendation_add(actor=actor, activity=activity, content=OVERDUE_TEXT,
                                          issued_on=D(2022, 10, 25))
    activity = services.activity_issue_recommendations(actor=actor, activity=activity)
    services.recommendation_answer(actor=actor, recommendation=answered, answered_on=D(2022, 11, 15),
                                   outcome=Outcome.ACCEPTED,
                                   answer="Đã chỉ đạo đơn vị vệ sinh môi trường bổ sung ca thu gom buổi tối tại các ngõ.")
    services.recommendation_progress(actor=actor, recommendation=answered, progress=Progress.DONE,
                                     progress_note="Đoàn kiểm tra lại ngày 15/12/2022: đã thu gom hằng ngày.")
    # Twenty working days after 25/10/2022 is 22/11/2022; nothing came: handed up a week later.
    services.recommendation_escalate(actor=actor, recommendation=overdue, today=overdue.answer_due + dt.timedelta(days=7))
    return SupervisionDemo(sanitation=activity, answered=answered, overdue=overdue)


def _current(actor: Any, ward: OrgUnit) -> SupervisionActivity:
    year = dt.date.today().year
    plan = (SupervisionPlan.objects.filter(unit=ward, year=year).first()
            or services.plan_create(actor=actor, unit=ward, year=year))
    start = max(dt.date.today() + dt.timedelta(days=30), D(year, 1, 1))
    if start.year != year:  # late in December: keep the activity inside the plan's year
        start = D(year, 12, 31)
    return services.activity_create(
        actor=actor, plan=plan, title=NEW_TITLE, subject="Ủy ban nhân dân phường Phương Liệt",
        subject_superior="Ủy ban nhân dân thành phố Hà Nội", form=SupervisionForm.DOCUMENT_REVIEW,
        content="Việc công khai thông tin, lấy ý kiến nhân dân và tổ chức hội nghị tổ dân phố theo Luật Thực hiện "
                "dân chủ ở cơ sở.", starts_on=start, ends_on=start)


def _critique(actor: Any, ward: OrgUnit) -> Critique:
    """2023: the ward's People's Committee sends its draft regulation; two opinions; the critique; a partial
    acceptance."""
    c = services.critique_create(
        actor=actor, unit=ward, title=CRITIQUE_TITLE, issuing_body="Ủy ban nhân dân phường Khương Đình",
        received_on=D(2023, 3, 6), deadline=D(2023, 3, 31),
        summary="Quy định trách nhiệm của hộ gia đình, cơ sở kinh doanh trong giữ gìn trật tự đô thị, thu gom rác.")
    services.opinion_add(actor=actor, critique=c, author="Luật sư Nguyễn Văn Hải", affiliation="Đoàn Luật sư Hà Nội",
                         received_on=D(2023, 3, 15),
                         content="Dự thảo chưa phân định rõ thẩm quyền xử phạt giữa tổ dân phố và Ủy ban nhân dân "
                                 "phường; đề nghị bỏ các khoản “phạt” do tổ dân phố tự đặt ra.")
    services.opinion_add(actor=actor, critique=c, author="Bà Trần Thị Lan", affiliation="Trưởng ban công tác Mặt "
                         "trận khu dân cư số 2", received_on=D(2023, 3, 20),
                         content="Cần quy định giờ thu gom rác phù hợp với người đi làm về muộn.")
    services.critique_issue(
        actor=actor, critique=c, issued_on=D(2023, 3, 28),
        critique_text="1. Đề nghị bỏ các quy định về mức “phạt” do tổ dân phố đặt ra, vì trái thẩm quyền.\n"
                      "2. Đề nghị bổ sung khung giờ thu gom rác buổi tối tại các ngõ nhỏ.\n"
                      "3. Đề nghị lấy ý kiến nhân dân tại hội nghị khu dân cư trước khi ban hành.")
    return services.critique_response(
        actor=actor, critique=c, responded_on=D(2023, 4, 20), outcome=Outcome.PARTLY,
        response="Tiếp thu ý kiến 1 và 2; ý kiến 3 sẽ thực hiện khi sửa đổi quy chế năm 2024.")


def _consultation(actor: Any, ward: OrgUnit) -> Consultation | None:
    """A household consultation open today in the ward's first residential area: 12 households, 8 answers."""
    area = OrgUnit.objects.filter(path__startswith=ward.path, unit_type__code="area").order_by("path").first()
    if area is None:
        return None
    today = dt.date.today()
    c = services.consultation_create(actor=actor, area=area, question=POLL_QUESTION, opens_on=today,
                                     closes_on=today + dt.timedelta(days=14))
    households = [services.household_add(actor=actor, area=area, head_name=f"Hộ số {i}",
                                         address=f"Số {i}, ngõ 12 phố Phương Liệt") for i in range(1, 13)]
    for household, answer in zip(households, ["agree"] * 6 + ["disagree", "other"], strict=False):
        services.answer_record(actor=actor, consultation=c, household=household, answer=answer)
    return c


@transaction.atomic
def load_supervision_demo(*, actor: Any = None, out: Callable[[str], Any] | None = print) -> SupervisionDemo:
    """Create the demo supervisions once (again: nothing changes). Needs the demo's Quận Thanh Xuân."""
    result = SupervisionDemo()
    ward = _ward("Phường Khương Đình", old=True)
    if ward is None:
        return result
    existing = SupervisionActivity.objects.filter(unit=ward, title=SANITATION_TITLE).first()
    if existing is not None:
        recs = list(existing.recommendations.order_by("id"))
        result = SupervisionDemo(sanitation=existing, answered=recs[0] if recs else None,
                                 overdue=recs[1] if len(recs) > 1 else None)
    else:
        result = _sanitation(actor, ward)
    result.critique = Critique.objects.filter(unit=ward, title=CRITIQUE_TITLE).first() or _critique(actor, ward)
    new_ward = _ward("Phường Phương Liệt", old=False)
    if new_ward is not None:
        result.current = (SupervisionActivity.objects.filter(unit=new_ward, title=NEW_TITLE).first()
                          or _current(actor, new_ward))
        result.consultation = (Consultation.objects.filter(question=POLL_QUESTION).first()
                               or _consultation(actor, new_ward))
    if out is not None and existing is None:
        out(f"Giám sát trình diễn: “{SANITATION_TITLE}” (Phường Khương Đình, 2022) — 2 kiến nghị, 1 quá hạn đã "
            "chuyển Mặt trận quận Thanh Xuân; phản biện “Dự thảo Quy chế …” năm 2023.")
    return result
