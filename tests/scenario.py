"""The shared test scenario: a small slice of the real tree (Hà Nội → Quận Thanh Xuân → wards → areas, plus a
post-2025 ward with lineage), users holding roles at different levels, and the seed's people. Plain functions, so
that conftest.py's function-scoped fixtures and module-scoped worlds (tests/test_isolation.py) build the same."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from doanket.accounts.models import RoleGrant, User
from doanket.core.permissions import Role
from doanket.orgunits import services as unit_services
from doanket.orgunits.models import LineageKind, OrgUnit, UnitType
from doanket.people import services as people_services
from doanket.people.models import Position


def build_tree(unit_types: dict[str, UnitType]) -> SimpleNamespace:
    """The tree slice, as a plain function so module-scoped fixtures can build it once (tests/test_isolation.py)."""
    t = unit_types
    mk = unit_services.unit_create
    root = mk(actor=None, parent=None, unit_type=t["central"], name="Ủy ban Trung ương MTTQ Việt Nam", code="VN")
    hanoi = mk(actor=None, parent=root, unit_type=t["province"], name="Thành phố Hà Nội", code="01")
    district = mk(actor=None, parent=hanoi, unit_type=t["district"], name="Quận Thanh Xuân", code="009",
                  valid_to=dt.date(2025, 6, 30))
    khuong_mai = mk(actor=None, parent=district, unit_type=t["commune"], name="Phường Khương Mai", code="00352",
                    valid_to=dt.date(2025, 6, 30))
    nhan_chinh = mk(actor=None, parent=district, unit_type=t["commune"], name="Phường Nhân Chính", code="00343")
    km_area = mk(actor=None, parent=khuong_mai, unit_type=t["area"], name="Khu dân cư số 1")
    nc_area = mk(actor=None, parent=nhan_chinh, unit_type=t["area"], name="Khu dân cư số 1")
    phuong_liet = mk(actor=None, parent=hanoi, unit_type=t["commune"], name="Phường Phương Liệt", code="00352",
                     valid_from=dt.date(2025, 7, 1))
    unit_services.lineage_record(actor=None, predecessors=[khuong_mai], successor=phuong_liet,
                                 kind=LineageKind.MERGE, effective_date=dt.date(2025, 7, 1))
    for u in (root, hanoi, district, khuong_mai, nhan_chinh, km_area, nc_area, phuong_liet):
        u.refresh_from_db()
    return SimpleNamespace(root=root, hanoi=hanoi, district=district, khuong_mai=khuong_mai, nhan_chinh=nhan_chinh,
                           km_area=km_area, nc_area=nc_area, phuong_liet=phuong_liet)


def create_user(username: str, unit: OrgUnit, *roles: str, password: str = "mat-khau-thu-nghiem") -> User:
    user = User.objects.create_user(username=username, password=password, unit=unit, full_name=username)
    for role in roles or (Role.VIEWER,):
        RoleGrant.objects.create(user=user, unit=unit, role=role)
    return user


def build_users(tree: SimpleNamespace) -> SimpleNamespace:
    make_user = create_user
    return SimpleNamespace(
        district=make_user("quan", tree.district, Role.STANDING, Role.DATA_ENTRY),
        ward=make_user("khuongmai", tree.khuong_mai, Role.DATA_ENTRY),
        other_ward=make_user("nhanchinh", tree.nhan_chinh, Role.DATA_ENTRY),
        viewer=make_user("xem", tree.khuong_mai, Role.VIEWER),
        new_ward=make_user("phuongliet", tree.phuong_liet, Role.DATA_ENTRY),
    )


def build_people(tree: SimpleNamespace, positions: dict[str, Position]) -> SimpleNamespace:
    """Named people of the seed, in their 2022 positions, plus one person per ward."""
    mk = people_services.person_create
    thao = mk(actor=None, unit=tree.district, full_name="Khổng Minh Thảo", gender="M", phone="0912345678",
              id_number="001080000123")
    son = mk(actor=None, unit=tree.district, full_name="Văn Hùng Sơn", gender="M")
    km = mk(actor=None, unit=tree.khuong_mai, full_name="Nguyễn Thị Đức Hạnh", gender="F", phone="0987654321")
    nc = mk(actor=None, unit=tree.nhan_chinh, full_name="Trần Văn Đức", gender="M", phone="0911111111")
    a = people_services.assignment_create
    a(actor=None, person=thao, position=positions["UVTV"], unit=tree.district, start_date=dt.date(2020, 1, 1))
    a(actor=None, person=thao, position=positions["Chủ tịch Ủy ban MTTQ Việt Nam"], unit=tree.district,
      start_date=dt.date(2019, 9, 1), end_date=dt.date(2025, 6, 30))
    a(actor=None, person=son, position=positions["Phó Trưởng Ban Dân vận Quận ủy"], unit=tree.district,
      start_date=dt.date(2020, 1, 1))
    a(actor=None, person=km, position=positions["UVTT"], unit=tree.khuong_mai, start_date=dt.date(2019, 9, 1))
    a(actor=None, person=nc, position=positions["UVTT"], unit=tree.nhan_chinh, start_date=dt.date(2019, 9, 1))
    return SimpleNamespace(thao=thao, son=son, km=km, nc=nc)


def positions_by_name() -> dict[str, Position]:
    return {p.abbreviation or p.name: p for p in Position.objects.all()}
