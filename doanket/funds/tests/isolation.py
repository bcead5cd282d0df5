"""Funds' part of tests/test_isolation.py: a public fund of the ward with a receipt, a transfer up, a household,
a disbursement and a Great Unity house. Donors' and households' names are never on a public page nor shown
to another ward."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from doanket.funds import services
from doanket.funds.models import Entry, Fund
from doanket.orgunits.models import OrgUnit

ROUTE_WORDS = {"quy": "fund", "funds": "fund", "bien-nhan": "receipt", "chuyen-quy": "transfer",
               "khoan-chi": "disbursement", "ho": "beneficiary", "nha": "house", "entries": "entry"}
DAY = dt.date(2022, 10, 5)


def secret_texts(scope: SimpleNamespace) -> list[str]:
    return [f"Nhà hảo tâm {scope.ward.name}", f"Chủ hộ {scope.ward.name}"]


def ward_texts(scope: SimpleNamespace) -> list[str]:
    return [f"Quỹ riêng {scope.ward.name}"]


def records(scope: SimpleNamespace) -> dict[str, int | str]:
    ward = scope.ward
    donor, head = secret_texts(scope)
    fund = services.fund_create(actor=None, unit=ward, name=ward_texts(scope)[0], starts_on=dt.date(2022, 1, 1))
    parent = OrgUnit.objects.get(path=ward.path[: -OrgUnit.steplen])
    name = f"Quỹ cấp trên của {ward.name}"
    above = Fund.objects.filter(unit=parent, name=name).first() or services.fund_create(
        actor=None, unit=parent, name=name, starts_on=dt.date(2022, 1, 1), is_public=False)
    receipt = services.receipt_post(actor=None, fund=fund, amount=3_000_000, received_on=DAY, donor_kind="person",
                                    donor_name=donor, donor_phone="0900000001")
    transfer = services.transfer_post(actor=None, source=fund, target=above, amount=500_000, transferred_on=DAY)
    household = services.beneficiary_create(actor=None, unit=scope.area, head_name=head, category="poor",
                                            phone="0900000002")
    disbursement = services.disbursement_post(actor=None, fund=fund, amount=1_000_000, paid_on=DAY, purpose="Hỗ trợ",
                                              decision="1/QĐ-MTTQ", decision_date=DAY, beneficiary=household)
    house = services.house_create(actor=None, unit=ward, beneficiary=household, title=f"Nhà của {head}",
                                  decision="2/QĐ-MTTQ")
    return {"fund": fund.pk, "receipt": receipt.pk, "transfer": transfer.pk, "disbursement": disbursement.pk,
            "beneficiary": household.pk, "house": house.pk, "entry": Entry.objects.filter(fund=fund).first().pk}
