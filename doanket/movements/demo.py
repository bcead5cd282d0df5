"""Demo campaigns on the demo tree of `doanket.demo.seed`: Quận Thanh Xuân's 2022 "Toàn dân đoàn kết xây
dựng nông thôn mới, đô thị văn minh" rolled out to its 11 wards and their areas, with results and
activities; the Ngày hội Đại đoàn kết toàn dân tộc 2022 (1/11–18/11) with the areas' festivals as events
of that type; and the 2022 evaluation of the areas' families (2020–2021 too in Khương Mai, so that
families holding the title three years running show up for merit). Figures are invented,
deterministically (random.Random(2022)); the campaign names and the procedure are real.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from doanket.orgunits.demo_tree import demo_district
from doanket.orgunits.models import Branch, OrgUnit

from . import services
from .models import Campaign, CampaignKind, IndicatorKind, RegistrationStatus, TitleKind

CAMPAIGN_TITLE = "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh"
FESTIVAL_TITLE = "Ngày hội Đại đoàn kết toàn dân tộc năm 2022"
INDICATORS = [
    ("Số buổi ra quân vệ sinh môi trường", IndicatorKind.NUMBER, 12, "buổi"),
    ("Số hộ đăng ký gia đình văn hóa", IndicatorKind.NUMBER, 150, "hộ"),
    ("Có tuyến phố, ngõ văn minh", IndicatorKind.YESNO, None, ""),
    ("Mô hình tiêu biểu", IndicatorKind.TEXT, None, ""),
]
FESTIVAL_INDICATORS = [
    ("Tổ chức Ngày hội", IndicatorKind.YESNO, None, ""),
    ("Số người tham dự", IndicatorKind.NUMBER, 200, "người"),
]
MODELS = ["Ngõ phố xanh – sạch – đẹp", "Camera an ninh tự quản", "Tủ sách cộng đồng", "Bếp ăn nghĩa tình",
          "Thu gom rác thải nhựa", "Vườn hoa khu dân cư"]
ACTIVITIES = ["Ra quân tổng vệ sinh ngõ phố", "Trồng hoa dọc tuyến ngõ", "Thăm hỏi hộ gia đình khó khăn",
              "Sinh hoạt chuyên đề về an toàn giao thông"]
FAMILY_NAMES = ["Nguyễn Văn", "Trần Thị", "Lê Văn", "Phạm Thị", "Hoàng Văn", "Vũ Thị", "Đặng Văn", "Bùi Thị"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Hà", "Hải", "Lan", "Minh", "Nga", "Phúc", "Quang", "Thủy"]


def _areas(unit: OrgUnit) -> list[OrgUnit]:
    return list(OrgUnit.objects.filter(path__startswith=unit.path, unit_type__code="area").order_by("path"))


def _campaign(district: OrgUnit, rng: random.Random) -> None:
    campaign = services.campaign_create(
        actor=None, unit=district, title=CAMPAIGN_TITLE, kind=CampaignKind.CAMPAIGN,
        starts_on=dt.date(2022, 1, 1), ends_on=dt.date(2022, 12, 31),
        content="Cuộc vận động do Ủy ban Trung ương MTTQ Việt Nam phát động; Ủy ban MTTQ Việt Nam quận Thanh Xuân "
                "triển khai năm 2022 tới các phường và khu dân cư.")
    indicators = [services.indicator_add(actor=None, campaign=campaign, name=n, kind=k, target=t, measure=m,
                                         order=i) for i, (n, k, t, m) in enumerate(INDICATORS)]
    services.campaign_adopt(actor=None, campaign=campaign, unit=district, on=dt.date(2022, 1, 15))
    for area in _areas(district):
        if rng.random() < 0.1:  # some areas have not reported: the progress page shows them
            continue
        values: dict[int, Any] = {
            indicators[0].pk: rng.randint(6, 14), indicators[1].pk: rng.randint(110, 190),
            indicators[2].pk: "yes" if rng.random() < 0.7 else "no", indicators[3].pk: rng.choice(MODELS)}
        services.results_record(actor=None, campaign=campaign, area=area, values=values)
        branches = list(Branch.objects.filter(unit=area))
        services.activity_add(actor=None, campaign=campaign, area=area, held_on=dt.date(2022, rng.randint(3, 10), 12),
                              title=rng.choice(ACTIVITIES), participants=rng.randint(20, 90),
                              branches=rng.sample(branches, min(2, len(branches))))


def _festival(district: OrgUnit, rng: random.Random) -> None:
    from doanket.events import services as event_services
    from doanket.events.models import EventType

    campaign = services.campaign_create(
        actor=None, unit=district, title=FESTIVAL_TITLE, kind=CampaignKind.FESTIVAL,
        starts_on=dt.date(2022, 11, 1), ends_on=dt.date(2022, 11, 18),
        content="Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư, nhân kỷ niệm 92 năm Ngày truyền thống MTTQ Việt Nam "
                "(18/11/1930 – 18/11/2022).")
    indicators = [services.indicator_add(actor=None, campaign=campaign, name=n, kind=k, target=t, measure=m,
                                         order=i) for i, (n, k, t, m) in enumerate(FESTIVAL_INDICATORS)]
    services.campaign_adopt(actor=None, campaign=campaign, unit=district, on=dt.date(2022, 10, 20))
    festival = EventType.objects.filter(code="ngay-hoi-dai-doan-ket").first()
    tz = timezone.get_default_timezone()
    for area in _areas(district):
        day = dt.date(2022, 11, rng.randint(5, 17))
        services.results_record(actor=None, campaign=campaign, area=area,
                                values={indicators[0].pk: "yes", indicators[1].pk: rng.randint(150, 320)})
        if festival is not None:
            start = dt.datetime.combine(day, dt.time(18, 0), tzinfo=tz)
            ward = OrgUnit.objects.get_parent(area)
            event_services.event_create(
                actor=None, title=f"Ngày hội Đại đoàn kết toàn dân tộc — {area.name} {ward.name}",
                event_type=festival, organiser=area, starts_at=start, ends_at=start + dt.timedelta(hours=3),
                organiser_label=f"Ban công tác Mặt trận {area.name}")


# A long function on purpose: the demo's three years of evaluation written out in order, one branch per step.
def _evaluation(district: OrgUnit, rng: random.Random) -> None:  # noqa: C901
    wards = list(OrgUnit.objects.filter(path__startswith=district.path, unit_type__code="commune").order_by("path"))
    households: dict[int, list[Any]] = {}
    for ward in wards:
        for area in _areas(ward):
            households[area.pk] = [
                services.household_add(actor=None, area=area, address=f"Số {rng.randint(1, 200)}, ngõ {rng.randint(1, 90)}",
                                       head_name=f"{rng.choice(FAMILY_NAMES)} {rng.choice(GIVEN)}",
                                       members=rng.randint(2, 6)) for _i in range(6)]
    for year in (2020, 2021, 2022):
        for ward in wards:
            if year < 2022 and "Khương Mai" not in ward.name:
                continue
            for area in _areas(ward):
                regs = [services.register(actor=None, year=year, kind=TitleKind.FAMILY, area=area, household=h,
                                          on=dt.date(year, 1, 20)) for h in households[area.pk]]
                regs.append(services.register(actor=None, year=year, kind=TitleKind.AREA, area=area,
                                              on=dt.date(year, 1, 20)))
                for reg in regs:
                    services.self_assess(actor=None, registration=reg, law_abiding=True, takes_part=True,
                                         prosperous=rng.random() < 0.9, on=dt.date(year, 11, 25))
                called = rng.randint(40, 60)
                attended = rng.randint(int(called * 0.65), called)
                votes = {r.pk: rng.randint(int(attended * 0.5), attended) if year < 2022 or rng.random() < 0.85
                         else rng.randint(0, attended // 2) for r in regs}
                if year < 2022:  # earlier years: the first families held the title every year
                    votes.update({r.pk: attended for r in regs[:3]})
                services.meeting_record(actor=None, area=area, year=year, held_on=dt.date(year, 12, 5), called=called,
                                        attended=attended, chair="Trưởng ban công tác Mặt trận",
                                        secretary="Thành viên Ban công tác Mặt trận", votes=votes,
                                        minutes="Hội nghị bình xét công khai, dân chủ.")
            for kind in (TitleKind.FAMILY, TitleKind.AREA):
                try:
                    services.decision_issue(actor=None, unit=ward, year=year, kind=kind,
                                            number=f"{rng.randint(100, 400)}/QĐ-UBND", signed_on=dt.date(year, 12, 12),
                                            signer=f"Chủ tịch UBND {ward.name}")
                except ValidationError:  # a ward with nobody proposed has no decision
                    continue


@transaction.atomic
def load_movements_demo(*, actor: Any = None, out: Any = print) -> None:
    district = demo_district()
    if district is None or Campaign.objects.filter(unit=district, title=CAMPAIGN_TITLE).exists():
        return
    rng = random.Random(2022)
    _campaign(district, rng)
    _festival(district, rng)
    _evaluation(district, rng)
    if out:
        awarded = RegistrationStatus.AWARDED
        out(f"Phong trào: “{CAMPAIGN_TITLE}” và “{FESTIVAL_TITLE}” ở Quận Thanh Xuân; bình xét danh hiệu 2022 "
            f"({awarded.label}).")
