"""A Thanh Xuân campaign rolled out to its wards and areas; cadres at the district and the wards."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from doanket.core.permissions import Role
from doanket.movements import services
from doanket.movements.models import IndicatorKind


@pytest.fixture
def staff(tree, make_user) -> SimpleNamespace:
    return SimpleNamespace(
        district=make_user("thuongtruc-quan", tree.district, Role.STANDING),
        city=make_user("thuongtruc-hanoi", tree.hanoi, Role.STANDING),
        ward=make_user("nhaplieu-khuongmai", tree.khuong_mai, Role.DATA_ENTRY),
        other_ward=make_user("nhaplieu-nhanchinh", tree.nhan_chinh, Role.DATA_ENTRY),
        viewer=make_user("xem-khuongmai", tree.khuong_mai, Role.VIEWER),
        new_ward=make_user("thuongtruc-phuongliet", tree.phuong_liet, Role.STANDING, Role.DATA_ENTRY),
    )


@pytest.fixture
def campaign(tree, staff):
    c = services.campaign_create(actor=staff.district, unit=tree.district,
                                 title="Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh",
                                 starts_on=dt.date(2022, 1, 1), ends_on=dt.date(2022, 12, 31))
    c.sessions = services.indicator_add(actor=staff.district, campaign=c, name="Số buổi ra quân", target=10,
                                        measure="buổi")
    c.street = services.indicator_add(actor=staff.district, campaign=c, name="Có tuyến phố văn minh",
                                      kind=IndicatorKind.YESNO)
    c.model = services.indicator_add(actor=staff.district, campaign=c, name="Mô hình tiêu biểu",
                                     kind=IndicatorKind.TEXT)
    return c


@pytest.fixture
def adopted(campaign, tree, staff):
    services.campaign_adopt(actor=staff.district, campaign=campaign, unit=tree.district)
    return campaign
