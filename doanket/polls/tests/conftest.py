"""A city poll (Hà Nội) with two product groups, open now; cadres at the city and two wards."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from doanket.core.permissions import Role
from doanket.polls import services
from doanket.polls.models import Citizen


@pytest.fixture
def staff(tree, make_user) -> SimpleNamespace:
    return SimpleNamespace(
        city=make_user("thuongtruc-hanoi", tree.hanoi, Role.STANDING),
        ward=make_user("nhaplieu-khuongmai", tree.khuong_mai, Role.DATA_ENTRY),
        other_ward=make_user("nhaplieu-nhanchinh", tree.nhan_chinh, Role.DATA_ENTRY),
        ward_standing=make_user("thuongtruc-khuongmai", tree.khuong_mai, Role.STANDING),
        editor=make_user("bientap-khuongmai", tree.khuong_mai, Role.EDITOR),
    )


@pytest.fixture
def poll(tree, staff):
    now = timezone.now()
    p = services.poll_create(actor=staff.city, unit=tree.hanoi, title="Bình chọn Hàng Việt Nam được yêu thích",
                             opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=30))
    food = services.group_add(actor=staff.city, poll=p, name="Thực phẩm", max_choices=2)
    home = services.group_add(actor=staff.city, poll=p, name="Đồ gia dụng", max_choices=1)
    options = SimpleNamespace(
        rice=services.option_add(actor=staff.city, group=food, name="Gạo thơm"),
        sauce=services.option_add(actor=staff.city, group=food, name="Nước mắm truyền thống"),
        milk=services.option_add(actor=staff.city, group=food, name="Sữa tươi"),
        fan=services.option_add(actor=staff.city, group=home, name="Quạt điện"),
        pot=services.option_add(actor=staff.city, group=home, name="Nồi cơm điện"),
    )
    services.poll_open(actor=staff.city, poll=p)
    p.refresh_from_db()
    p.options = options
    return p


@pytest.fixture
def codes(poll, tree, staff):
    batch = services.codes_generate(actor=staff.ward, poll=poll, area=tree.km_area, count=5)
    return [c.code for c in batch.codes.order_by("id")]


@pytest.fixture
def citizen(db):
    return Citizen.objects.create(email="nguoidan@example.vn", full_name="Người Dân", confirmed_at=timezone.now())
