"""A ward's poverty fund and a district fund above it; cadres at the ward, the district and the ward next door."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from doanket.core.permissions import Role
from doanket.funds import services
from doanket.funds.models import FundKind, HouseholdCategory


@pytest.fixture
def staff(tree, make_user) -> SimpleNamespace:
    return SimpleNamespace(
        district=make_user("thuongtruc-quan", tree.district, Role.STANDING),
        ward=make_user("thuongtruc-khuongmai", tree.khuong_mai, Role.STANDING),
        clerk=make_user("nhaplieu-khuongmai", tree.khuong_mai, Role.DATA_ENTRY),
        viewer=make_user("xem-khuongmai", tree.khuong_mai, Role.VIEWER),
        other=make_user("thuongtruc-nhanchinh", tree.nhan_chinh, Role.STANDING),
    )


@pytest.fixture
def funds(tree, staff) -> SimpleNamespace:
    ward = services.fund_create(actor=staff.ward, unit=tree.khuong_mai, name="Quỹ “Vì người nghèo” Khương Mai",
                                kind=FundKind.POOR, starts_on=dt.date(2022, 1, 1))
    district = services.fund_create(actor=staff.district, unit=tree.district, name="Quỹ “Vì người nghèo” quận",
                                    kind=FundKind.POOR, starts_on=dt.date(2022, 1, 1))
    storm = services.fund_create(actor=staff.ward, unit=tree.khuong_mai, name="Ủng hộ đồng bào bão lũ 2022",
                                 kind=FundKind.RELIEF, starts_on=dt.date(2022, 9, 10), ends_on=dt.date(2022, 10, 31))
    other = services.fund_create(actor=staff.other, unit=tree.nhan_chinh, name="Quỹ “Vì người nghèo” Nhân Chính",
                                 starts_on=dt.date(2022, 1, 1))
    return SimpleNamespace(ward=ward, district=district, storm=storm, other=other)


@pytest.fixture
def household(tree, staff):
    return services.beneficiary_create(actor=staff.clerk, unit=tree.km_area, head_name="Lê Văn Bình",
                                       category=HouseholdCategory.POOR, address="Ngõ 10, Khương Mai",
                                       phone="0912000111", id_number="001099000111", members=4)


def receive(fund, actor, amount=1_000_000, day=dt.date(2022, 10, 5), **kw):
    kw.setdefault("donor_kind", "person")
    kw.setdefault("donor_name", "Nguyễn Văn An")
    return services.receipt_post(actor=actor, fund=fund, amount=amount, received_on=day, **kw)
