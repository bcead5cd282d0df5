import datetime as dt

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction

from doanket.accounts.models import User
from doanket.accounts.selectors import user_reach
from doanket.demo import seed
from doanket.orgunits.models import Branch, LineageKind, LineageLink, OrgUnit
from doanket.people.models import Assignment, Person
from doanket.people.permissions import PersonPerm


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker):
    """Load the demo once for the module, inside a transaction rolled back at the end; each test
    runs in its own savepoint on top of it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_loaded, db):
    return seed.demo_district()


def test_loading_twice_changes_nothing(demo, capsys):
    before = seed.demo_counts()
    assert before.people > 200 and before.units > 3321
    call_command("load_demo")
    assert "đã có sẵn" in capsys.readouterr().out
    assert seed.demo_counts() == before
    assert seed.load_demo() is False


def test_district_has_the_11_wards_of_2022(demo):
    wards = {(u.name, u.code) for u in OrgUnit.objects.get_children(demo).filter(unit_type__code="commune")}
    assert wards == {(f"Phường {name}", code) for name, code in seed.OLD_WARDS}
    assert demo.valid_to == dt.date(2025, 6, 30) and OrgUnit.objects.get_parent(demo).name == "Thành phố Hà Nội"
    assert not demo.successor_links.exists()  # abolished, no successor
    kim_giang = OrgUnit.objects.get_children(demo).get(name="Phường Kim Giang")
    assert kim_giang.valid_to == dt.date(2024, 12, 31)
    assert all(3 <= OrgUnit.objects.get_children(w).count() <= 4 for w in OrgUnit.objects.get_children(demo))
    # Codes reused by the current wards exist twice: once historic, once current.
    assert OrgUnit.objects.filter(code="00352").count() == 2
    assert not any(OrgUnit.objects.find_problems())


def test_khong_minh_thao_once_with_his_positions(demo):
    thao = Person.objects.get(full_name="Khổng Minh Thảo")
    positions = {(a.position_label, a.unit.name, a.end_date) for a in thao.assignments.select_related("position", "unit")}
    assert positions == {
        ("UVTV", "Quận Thanh Xuân", dt.date(2025, 6, 30)),
        ("Chủ tịch Ủy ban MTTQ Việt Nam", "Quận Thanh Xuân", dt.date(2025, 6, 30)),
        ("Phó Chủ tịch Ủy ban MTTQ Việt Nam", "Phường Thanh Xuân", None),
    }
    sy = Person.objects.get(full_name="Tạ Văn Sỹ")
    assert sy.title == "Tiến sỹ" and sy.unit == demo
    ended = sy.assignments.get()
    assert ended.end_date is not None and ended.unit.code == "VN"


def test_khuong_mai_merged_into_the_current_phuong_liet(demo):
    link = LineageLink.objects.get(predecessor__name="Phường Khương Mai")
    assert (link.kind, link.effective_date) == (LineageKind.MERGE, dt.date(2025, 7, 1))
    assert link.successor.name == "Phường Phương Liệt" and link.successor.valid_to is None
    assert link.legal_basis == "Nghị quyết số 1656/NQ-UBTVQH15"
    reach = user_reach(User.objects.get(username="phuongliet"), PersonPerm.VIEW)
    assert reach.covers(link.predecessor.path)


def test_womens_branch_head_is_a_front_committee_member(demo):
    branches = Branch.objects.filter(organisation__code="hoi-phu-nu")
    assert branches.count() == OrgUnit.objects.filter(unit_type__code="area").count()
    for branch in branches:
        head = Assignment.objects.get(branch=branch, position__name="Chi hội trưởng").person
        roles = set(head.assignments.values_list("position__name", "unit"))
        assert roles == {("Chi hội trưởng", branch.unit_id),
                         ("Thành viên Ban công tác Mặt trận khu dân cư", branch.unit_id)}


def test_every_demo_login_authenticates(demo):
    for username, password, _description in seed.DEMO_LOGINS:
        user = authenticate(username=username, password=password)
        assert user is not None, username
    assert User.objects.get(username="vanhanh").is_superuser
    assert not user_reach(User.objects.get(username="hanoi"), PersonPerm.MANAGE).prefixes


def test_new_wards_have_their_2025_2030_committees_today(demo):
    """Issue 10: the demo's current view is alive — each post-merger ward has its committee in office today."""
    from doanket.people.selectors import unit_assignments

    for code in seed.NEW_WARDS_WITH_AREAS:
        ward = OrgUnit.objects.get(code=code, valid_to__isnull=True, unit_type__code="commune")
        today = [a.position.name for a in unit_assignments(ward, on=dt.date.today())]
        assert today.count("Chủ tịch Ủy ban MTTQ Việt Nam") == 1, ward.name
        assert today.count("Phó Chủ tịch Ủy ban MTTQ Việt Nam") >= 1, ward.name
        assert today.count("Ủy viên Thường trực Ủy ban MTTQ Việt Nam") >= 2, ward.name
        assert today.count("Ủy viên Ủy ban MTTQ Việt Nam") >= 7, ward.name
    # The old wards' chairs carried on as members of the new ward: the 2022 view is their history.
    phuong_liet = OrgUnit.objects.get(code=seed.NEW_PHUONG_LIET, valid_to__isnull=True, unit_type__code="commune")
    carried = Assignment.objects.filter(unit=phuong_liet, person__unit__valid_to=dt.date(2025, 6, 30),
                                        position__name="Ủy viên Ủy ban MTTQ Việt Nam")
    assert carried.exists()
