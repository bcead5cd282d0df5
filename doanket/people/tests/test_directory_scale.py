"""The directory's bounded count and the unit page's count give the same people as the plain queries."""

from __future__ import annotations

import datetime as dt

import pytest

from doanket.accounts.models import RoleGrant
from doanket.accounts.selectors import user_reach
from doanket.core.permissions import Role
from doanket.orgunits.models import OrgUnit
from doanket.people import selectors, services
from doanket.people.models import Person
from doanket.people.permissions import PersonPerm

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_elsewhere(people, positions, tree):
    """Someone managed by Nhân Chính who holds a post in Khương Mai: in Khương Mai's lists too."""
    p = services.person_create(actor=None, unit=tree.nhan_chinh, full_name="Đỗ Thị Liên", gender="F")
    services.assignment_create(actor=None, person=p, position=positions["UVTT"], unit=tree.khuong_mai,
                               start_date=dt.date(2021, 1, 1))
    return p


def test_counted_directory_matches_the_plain_one(users, held_elsewhere):
    for user in (users.district, users.ward, users.other_ward, users.new_ward):
        for query in ("", "lien", "nguyen"):
            plain = list(selectors.person_directory(user, query=query).values_list("pk", flat=True))
            people, count, capped = selectors.person_directory_counted(user, query=query)
            assert not capped and count == len(plain)
            assert list(people.values_list("pk", flat=True)) == plain  # same people, same order
    _people, _count, _capped = selectors.person_directory_counted(users.ward)
    assert held_elsewhere.pk in {p.pk for p in _people}


def test_above_the_cap_the_count_is_capped_and_rows_still_come(users, people):
    people_qs, count, capped = selectors.person_directory_counted(users.district, cap=1)
    assert capped and count == 1
    assert len(list(people_qs[:50])) == selectors.person_directory(users.district).count()


def test_unit_people_count_matches_the_directory_of_the_unit(users, tree, held_elsewhere):
    for unit in (tree.district, tree.khuong_mai, tree.nhan_chinh, tree.phuong_liet, tree.km_area):
        assert selectors.unit_people_count(unit) == selectors.person_directory(users.district, unit=unit).count()


def test_a_grant_on_the_root_reaches_everything(tree, make_user, people):
    national = make_user("trunguong", tree.root, Role.VIEWER)
    reach = user_reach(national, PersonPerm.VIEW)
    assert reach.everything and reach.covers(tree.km_area.path)
    assert selectors.person_directory(national).count() == Person.objects.count()
    # A second tree beside the first: the root's grant no longer covers every unit.
    other_root = OrgUnit.objects.add_root({"unit_type": tree.root.unit_type, "name": "Cây khác", "code": "X"})
    national2 = make_user("trunguong2", tree.root, Role.VIEWER)
    assert not user_reach(national2, PersonPerm.VIEW).everything
    RoleGrant.objects.create(user=national2, unit=other_root, role=Role.VIEWER)
    for cached in ("_reach_cache", "_grants", "_rollup_cache"):
        national2.__dict__.pop(cached, None)
    national2.__dict__.pop("_covers_all_cache", None)
    assert user_reach(national2, PersonPerm.VIEW).everything


def test_pages_and_api_say_when_the_count_is_capped(client, users, people, monkeypatch):
    client.force_login(users.district)
    body = client.get("/api/people").json()
    assert body["count"] == selectors.person_directory(users.district).count() and body["count_capped"] is False
    assert "người" in client.get("/quan-ly/nguoi/").content.decode()
    monkeypatch.setattr(selectors, "DIRECTORY_COUNT_CAP", 1)
    body = client.get("/api/people").json()
    assert body["count"] == 1 and body["count_capped"] is True and len(body["items"]) > 1
    assert "Hơn 1 người" in client.get("/quan-ly/nguoi/").content.decode()
