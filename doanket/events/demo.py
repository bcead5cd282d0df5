"""Demo events on the demo data of `doanket.demo.seed.load_demo`.

The 20/9/2022 training conference of the Thanh Xuân district Front, replayed from the seed article:
organiser, audience (standing members of the district and its 11 wards, heads of the residential
areas' front work committees), guests, speaker, topics, attendance (not everyone came), the chair's
conclusion and the generated article draft. Attendance, answers and feedback are invented,
deterministically (random.Random(2022)); the conclusion is the seed's text (with its doubled word
"tham gia gia" corrected). A second, upcoming training of the new Phường Phương Liệt is open for
registration, so the check-in page can be tried on the demo.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from doanket.accounts.models import User
from doanket.core.demo_tree import NEW_PHUONG_LIET, current_ward, demo_district
from doanket.orgunits.models import OrgUnit, UnitType
from doanket.people.models import Person, Position

from . import services
from .models import Event, EventStatus, EventType, Invitation, InvitationStatus

TITLE_2022 = "Hội nghị tập huấn kỹ năng, nghiệp vụ công tác Mặt trận Tổ quốc năm 2022"
ORGANISER_2022 = "Ban Thường trực Ủy ban MTTQ Việt Nam quận Thanh Xuân"
TOPICS_2022 = [
    ("14:10", "Những vấn đề về tổ chức của MTTQ Việt Nam", True),
    ("14:50", "Mối quan hệ giữa MTTQ Việt Nam với các thành viên trong hệ thống chính trị", True),
    ("15:30", "Phương thức hoạt động của MTTQ Việt Nam được quy định trong Hiến pháp, Luật Mặt trận, Điều lệ MTTQ Việt "
              "Nam, Cương lĩnh xây dựng đất nước và Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII", True),
    ("16:10", "Chức năng, vai trò của Ban công tác Mặt trận khu dân cư trong chủ trì, thống nhất hành động giữa các chi "
              "hội đoàn thể thực hiện các cuộc vận động, các phong trào thi đua, tập hợp, đoàn kết, vận động nhân dân, "
              "chăm lo và bảo vệ lợi ích chính đáng của nhân dân", False),
]
CONCLUSION_2022 = (
    "ghi nhận và đánh giá cao đóng góp của các ban công tác mặt trận cơ sở trong những năm qua đã giúp MTTQ phường "
    "nói riêng và quận Thanh Xuân nói chung thực hiện tốt nhiệm vụ phát huy dân chủ ở cơ sở, tham gia xây dựng, giám "
    "sát và bảo vệ chính quyền, tham gia quản lý xã hội, củng cố khối đại đoàn kết toàn dân tộc, góp phần vào thành "
    "tích chung của quận."
)
COMMENTS = [
    (5, "Nội dung thiết thực, báo cáo viên trình bày dễ hiểu."),
    (5, "Mong được tập huấn thêm về giám sát và phản biện xã hội."),
    (4, "Nên phát tài liệu trước để chuẩn bị câu hỏi."),
    (4, ""),
    (3, "Thời gian trao đổi hơi ngắn."),
    (5, "Phần vai trò Ban công tác Mặt trận khu dân cư rất bổ ích cho cơ sở."),
]
TITLE_UPCOMING = "Hội nghị tập huấn nghiệp vụ công tác Mặt trận khu dân cư"


def _local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)), timezone.get_default_timezone())


def _positions() -> dict[str, Position]:
    return {p.abbreviation or p.name: p for p in Position.objects.all()}


def _conference_2022(district: OrgUnit, actor: User | None) -> None:
    positions = _positions()
    area = UnitType.objects.get(code="area")
    day = dt.date(2022, 9, 20)
    event = services.event_create(
        actor=actor, title=TITLE_2022, event_type=EventType.objects.get(code="tap-huan"), organiser=district,
        organiser_label=ORGANISER_2022, starts_at=_local(day, 14), ends_at=_local(day, 17),
        audience_label="cán bộ quận và cơ sở",
        description="Tập huấn kỹ năng, nghiệp vụ công tác Mặt trận cho cán bộ Mặt trận quận, phường và Trưởng ban công "
                    "tác Mặt trận các khu dân cư.")
    services.rule_add(actor=actor, event=event, root=district, positions=[positions["UVTT"]], include_subtree=True,
                      label="Ủy viên Thường trực Ủy ban MTTQ Việt Nam quận và các phường")
    services.rule_add(actor=actor, event=event, root=district,
                      positions=[positions["Trưởng ban CTMT"]], include_subtree=True, unit_type=area,
                      label="Trưởng ban công tác Mặt trận khu dân cư trên địa bàn 11 phường")
    thao = Person.objects.get(full_name="Khổng Minh Thảo")
    services.guest_add(actor=actor, event=event, person=thao)
    services.guest_add(actor=actor, event=event, person=Person.objects.get(full_name="Văn Hùng Sơn"))
    speaker = services.speaker_add(actor=actor, event=event, person=Person.objects.get(full_name="Tạ Văn Sỹ"))
    for time, title, by_speaker in TOPICS_2022:
        services.programme_item_add(actor=actor, event=event, title=title,
                                    time=dt.datetime.strptime(time, "%H:%M").time(),
                                    speaker=speaker if by_speaker else None)
    services.event_transition(actor=actor, event=event, to=EventStatus.PLANNED)
    services.invitations_build(actor=actor, event=event)
    services.event_transition(actor=actor, event=event, to=EventStatus.OPEN)

    rng = random.Random(2022)
    invitations = list(Invitation.objects.filter(event=event).order_by("via_unit__path", "person__sort_key", "id"))
    answered = []
    for inv in invitations:
        r = rng.random()
        if r < 0.9:
            inv.status = InvitationStatus.CONFIRMED
        elif r < 0.96:
            inv.status = InvitationStatus.DECLINED
        else:
            continue  # never answered
        inv.responded_at = _local(dt.date(2022, 9, 15), 8) + dt.timedelta(minutes=rng.randrange(4 * 24 * 60))
        answered.append(inv)
    # A replay of the past: the invitees' answers are written as recorded, not through the invitee's page
    # (which no longer takes answers once the event is over).
    bulk_update_with_history(answered, Invitation, ["status", "responded_at"], default_user=actor)
    chances: dict[str, float] = {InvitationStatus.CONFIRMED: 0.95, InvitationStatus.DECLINED: 0.0}
    for inv in invitations:
        chance = chances.get(inv.status, 0.6)
        if rng.random() < chance:
            at = _local(day, 13, 30) + dt.timedelta(seconds=rng.randrange(40 * 60))
            services.event_check_in(actor=actor, event=event, code=inv.code, at=at)
    event.refresh_from_db()
    services.event_transition(actor=actor, event=event, to=EventStatus.HELD)
    event.refresh_from_db()
    services.event_conclude(actor=actor, event=event, conclusion=CONCLUSION_2022, concluded_by=thao)
    present = list(Invitation.objects.filter(event=event, checked_in_at__isnull=False).order_by("checked_in_at", "id"))
    for inv, (rating, comment) in zip(rng.sample(present, min(len(present), len(COMMENTS))), COMMENTS, strict=False):
        services.feedback_submit(invitation=inv, rating=rating, comment=comment)
    services.event_transition(actor=actor, event=event, to=EventStatus.REPORTED)
    event.refresh_from_db()
    services.event_generate_article(actor=actor, event=event)


def _upcoming(actor: User | None) -> None:
    """An open training of a current ward, a month ahead, to try registration and check-in on."""
    ward = current_ward(NEW_PHUONG_LIET)
    if ward is None:
        return
    positions = _positions()
    day = timezone.localdate() + dt.timedelta(days=30)
    event = services.event_create(
        actor=actor, title=f"{TITLE_UPCOMING} năm {day.year}", event_type=EventType.objects.get(code="tap-huan"),
        organiser=ward, starts_at=_local(day, 8), ends_at=_local(day, 11, 30),
        venue="Hội trường Ủy ban MTTQ Việt Nam phường Phương Liệt", audience_label="cán bộ khu dân cư")
    services.rule_add(actor=actor, event=event, root=ward, include_subtree=True,
                      positions=[positions["Trưởng ban CTMT"], positions["Thành viên Ban công tác Mặt trận khu dân cư"],
                                 positions["UVTT"]],
                      label="Ủy viên Thường trực và Ban công tác Mặt trận các khu dân cư")
    services.programme_item_add(actor=actor, event=event, title="Dân chủ ở cơ sở theo Luật Thực hiện dân chủ ở cơ sở",
                                time=dt.time(8, 15))
    services.programme_item_add(actor=actor, event=event, title="Ghi nhận và tổng hợp ý kiến, kiến nghị của cử tri",
                                time=dt.time(9, 30))
    services.event_transition(actor=actor, event=event, to=EventStatus.PLANNED)
    services.invitations_build(actor=actor, event=event)
    services.event_transition(actor=actor, event=event, to=EventStatus.OPEN)


@transaction.atomic
def load_events_demo(*, actor: User | None = None, out: Any = None) -> None:
    """Create the demo events unless they are there already (then nothing changes)."""
    district = demo_district()
    if district is None:
        return
    if not Event.objects.filter(organiser=district, title=TITLE_2022).exists():
        _conference_2022(district, actor)
    if not Event.objects.filter(title__startswith=TITLE_UPCOMING).exists():
        _upcoming(actor)
