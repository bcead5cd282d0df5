"""Demo funds on the demo tree (Quận Thanh Xuân, 2022):

- Phường Thanh Xuân Nam's 2022 “Vì người nghèo” campaign (announced by the demo news of 17/10/2022):
  receipts from people, organisations and anonymous donors, in cash and in kind, at the office, by bank
  transfer and collected by the residential areas; a transfer up to the district's fund; support paid to
  households; and one Great Unity house built and handed over — all disclosed publicly.
- Quận Thanh Xuân's relief fund for the central provinces after typhoon Noru (bão số 4, 9/2022), with a
  transfer up to the city's relief fund.

Donors and households are invented (names from the usual Vietnamese stock); amounts are typical of a
ward's campaign, not figures of the real one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction

from doanket.orgunits.models import OrgUnit

from . import services
from .models import Beneficiary, Channel, DonorKind, Form, Fund, FundKind, HouseholdCategory, MilestoneKind

WARD_NAME = "Phường Thanh Xuân Nam"
CAMPAIGN = "Quỹ “Vì người nghèo” phường Thanh Xuân Nam năm 2022"
DISTRICT_FUND = "Quỹ “Vì người nghèo” quận Thanh Xuân"
RELIEF = "Ủng hộ đồng bào miền Trung khắc phục hậu quả bão số 4 (Noru) năm 2022"
CITY_RELIEF = "Quỹ Cứu trợ thành phố Hà Nội"
HOUSE_TITLE = "Nhà Đại đoàn kết hộ ông Đỗ Văn Khang"

# (day, donor kind, donor, form, amount, goods, channel, area number)
RECEIPTS: list[tuple[dt.date, str, str, str, int, str, str, int | None]] = [
    (dt.date(2022, 10, 17), DonorKind.ORGANISATION, "Đảng ủy phường Thanh Xuân Nam", Form.CASH, 10_000_000, "",
     Channel.CASH, None),
    (dt.date(2022, 10, 17), DonorKind.ORGANISATION, "Ủy ban nhân dân phường Thanh Xuân Nam", Form.CASH, 8_500_000, "",
     Channel.CASH, None),
    (dt.date(2022, 10, 18), DonorKind.PERSON, "Trần Thị Minh Nguyệt", Form.CASH, 500_000, "", Channel.CASH, None),
    (dt.date(2022, 10, 20), DonorKind.ORGANISATION, "Công ty TNHH Thương mại Hoàng Long", Form.CASH, 20_000_000, "",
     Channel.BANK, None),
    (dt.date(2022, 10, 21), DonorKind.ANONYMOUS, "", Form.CASH, 2_000_000, "", Channel.BANK, None),
    (dt.date(2022, 10, 24), DonorKind.ORGANISATION, "Ban công tác Mặt trận khu dân cư số 1", Form.CASH, 6_350_000, "",
     Channel.AREA, 1),
    (dt.date(2022, 10, 25), DonorKind.ORGANISATION, "Ban công tác Mặt trận khu dân cư số 2", Form.CASH, 5_120_000, "",
     Channel.AREA, 2),
    (dt.date(2022, 10, 28), DonorKind.ORGANISATION, "Siêu thị Thanh Xuân", Form.KIND, 9_000_000,
     "300 kg gạo, 100 thùng mì, 50 can dầu ăn", Channel.CASH, None),
    (dt.date(2022, 11, 2), DonorKind.PERSON, "Phạm Quốc Huy", Form.CASH, 1_000_000, "", Channel.BANK, None),
    (dt.date(2022, 11, 10), DonorKind.ORGANISATION, "Trường Tiểu học Thanh Xuân Nam", Form.CASH, 4_200_000, "",
     Channel.CASH, None),
]
HOUSEHOLDS = [
    ("Đỗ Văn Khang", HouseholdCategory.POOR, 5, 1),
    ("Nguyễn Thị Lành", HouseholdCategory.POOR, 3, 1),
    ("Vũ Văn Toàn", HouseholdCategory.NEAR_POOR, 4, 2),
    ("Hoàng Thị Gấm", HouseholdCategory.HARDSHIP, 2, 2),
]


def load_funds_demo(*, actor: Any = None, out: Callable[[str], Any] | None = print) -> Fund | None:
    """Create the demo funds once (again: nothing changes). Needs the demo district (doanket.demo.seed)."""
    ward = OrgUnit.objects.filter(unit_type__code="commune", name=WARD_NAME).order_by("path").first()
    if ward is None or ward.depth < 2:
        return None
    existing = Fund.objects.filter(unit=ward, name=CAMPAIGN).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        campaign = _campaign(actor, ward)
        _relief(actor, ward)
    if out is not None:
        out(f"Quỹ trình diễn: {CAMPAIGN} — công khai tại /cong-khai-quy/quy/{campaign.pk}/")
    return campaign


def _campaign(actor: Any, ward: OrgUnit) -> Fund:
    district = OrgUnit.objects.get(path=ward.path[:-OrgUnit.steplen])
    areas = {int(a.name.rsplit(" ", 1)[-1]): a for a in OrgUnit.objects.filter(
        path__startswith=ward.path, unit_type__code="area", name__startswith="Khu dân cư số ")}
    campaign = services.fund_create(
        actor=actor, unit=ward, name=CAMPAIGN, kind=FundKind.POOR, starts_on=dt.date(2022, 10, 17),
        ends_on=dt.date(2022, 11, 18),
        call_text="Nhân Ngày Quốc tế xoá đói giảm nghèo 17/10, Ủy ban MTTQ phường Thanh Xuân Nam kêu gọi cán bộ, "
                  "đảng viên, hội viên các đoàn thể và nhân dân ủng hộ Quỹ “Vì người nghèo” năm 2022.",
        receiving_place="Tại trụ sở Ủy ban MTTQ phường (giờ hành chính), qua tài khoản của Ủy ban MTTQ phường và "
                        "qua Ban công tác Mặt trận các khu dân cư.")
    district_fund = (Fund.objects.filter(unit=district, name=DISTRICT_FUND).first()
                     or services.fund_create(actor=actor, unit=district, name=DISTRICT_FUND, kind=FundKind.POOR,
                                             starts_on=dt.date(2022, 1, 1)))
    for day, kind, donor, form, amount, goods, channel, area in RECEIPTS:
        services.receipt_post(actor=actor, fund=campaign, amount=amount, received_on=day, donor_kind=kind,
                              donor_name=donor, form=form, goods=goods, channel=channel,
                              area=areas.get(area) if area else None,
                              bank_reference=f"FT22{day:%m%d}{amount % 9973:04d}" if channel == Channel.BANK else "")
    # The district's rule of the demo: 30 % of what the wards mobilise goes up to the district's fund.
    services.transfer_post(actor=actor, source=campaign, target=district_fund, amount=15_000_000,
                           transferred_on=dt.date(2022, 11, 21), decision="Kế hoạch số 45/KH-MTTQ ngày 05/10/2022")
    first_area = areas.get(1) or next(iter(areas.values()), ward)
    households: list[Beneficiary] = []
    for name, category, members, area_no in HOUSEHOLDS:
        households.append(services.beneficiary_create(
            actor=actor, unit=areas.get(area_no, first_area), head_name=name, category=category, members=members,
            address=f"Khu dân cư số {area_no}, phường Thanh Xuân Nam"))
    decision_day = dt.date(2022, 11, 25)
    for household in households[1:]:
        services.disbursement_post(actor=actor, fund=campaign, amount=2_000_000, paid_on=dt.date(2022, 11, 28),
                                   purpose="Hỗ trợ hộ có hoàn cảnh khó khăn dịp cuối năm", beneficiary=household,
                                   decision="Quyết định số 12/QĐ-MTTQ", decision_date=decision_day)
    services.disbursement_post(actor=actor, fund=campaign, form=Form.KIND, amount=9_000_000,
                               paid_on=dt.date(2022, 11, 28), purpose="Trao gạo, mì, dầu ăn cho 30 hộ",
                               category=HouseholdCategory.POOR, households=30, decision="Quyết định số 12/QĐ-MTTQ",
                               decision_date=decision_day)
    house = services.house_create(actor=actor, unit=ward, beneficiary=households[0], title=HOUSE_TITLE,
                                  decision="Quyết định số 13/QĐ-MTTQ ngày 25/11/2022")
    services.budget_add(actor=actor, house=house, source="fund", amount=40_000_000)
    services.budget_add(actor=actor, house=house, source="sponsor", sponsor="Công ty TNHH Thương mại Hoàng Long",
                        amount=20_000_000)
    services.budget_add(actor=actor, house=house, source="family", amount=15_000_000)
    services.disbursement_post(actor=actor, fund=campaign, amount=25_000_000, paid_on=dt.date(2022, 12, 1),
                               purpose="Hỗ trợ xây nhà Đại đoàn kết (đợt 1)", house=house,
                               decision="Quyết định số 13/QĐ-MTTQ", decision_date=dt.date(2022, 11, 25))
    services.milestone_record(actor=actor, house=house, kind=MilestoneKind.START, reached_on=dt.date(2022, 12, 2),
                              note="Lễ khởi công có đại diện Ủy ban MTTQ quận")
    services.milestone_record(actor=actor, house=house, kind=MilestoneKind.ROOF, reached_on=dt.date(2023, 1, 5))
    services.milestone_record(
        actor=actor, house=house, kind=MilestoneKind.HANDOVER, reached_on=dt.date(2023, 1, 16),
        handover_record="Bên giao: Ủy ban MTTQ phường Thanh Xuân Nam. Bên nhận: hộ ông Đỗ Văn Khang. Bàn giao nhà "
                        "cấp 4 diện tích 42 m², đã hoàn thiện điện, nước; kinh phí 75.000.000 đồng (Quỹ “Vì người "
                        "nghèo” 40.000.000 đồng, nhà tài trợ 20.000.000 đồng, gia đình 15.000.000 đồng).")
    return campaign


def _relief(actor: Any, ward: OrgUnit) -> None:
    district = OrgUnit.objects.get(path=ward.path[:-OrgUnit.steplen])
    hanoi = OrgUnit.objects.get(path=district.path[:-OrgUnit.steplen])
    relief = services.fund_create(
        actor=actor, unit=district, name=RELIEF, kind=FundKind.RELIEF, starts_on=dt.date(2022, 9, 28),
        ends_on=dt.date(2022, 10, 31),
        call_text="Ủy ban MTTQ quận Thanh Xuân kêu gọi ủng hộ đồng bào các tỉnh miền Trung bị thiệt hại do bão số 4.",
        receiving_place="Tại trụ sở Ủy ban MTTQ quận và qua tài khoản tiếp nhận ủng hộ.")
    city = (Fund.objects.filter(unit=hanoi, name=CITY_RELIEF).first()
            or services.fund_create(actor=actor, unit=hanoi, name=CITY_RELIEF, kind=FundKind.RELIEF,
                                    starts_on=dt.date(2022, 1, 1)))
    for day, kind, donor, amount in [
        (dt.date(2022, 9, 29), DonorKind.ORGANISATION, "Quận ủy Thanh Xuân", 30_000_000),
        (dt.date(2022, 9, 30), DonorKind.ORGANISATION, "Công ty Cổ phần Xây dựng Nam Thành", 50_000_000),
        (dt.date(2022, 10, 3), DonorKind.ANONYMOUS, "", 5_000_000),
        (dt.date(2022, 10, 5), DonorKind.PERSON, "Lê Thị Thu Hà", 1_000_000),
    ]:
        services.receipt_post(actor=actor, fund=relief, amount=amount, received_on=day, donor_kind=kind,
                              donor_name=donor, channel=Channel.BANK, bank_reference=f"FT22{day:%m%d}{amount % 97:02d}")
    services.transfer_post(actor=actor, source=relief, target=city, amount=86_000_000,
                           transferred_on=dt.date(2022, 10, 10),
                           decision="Chuyển về Ban Vận động cứu trợ thành phố theo Công văn số 120/MTTQ-BTT")
