"""The citizen-ID-number oracle (issue 11): a ward typing an ID number held by a person outside its reach is
answered exactly as for a new number — by the form, the API and the import — and the record is held for an
administrator who reaches both to merge. Inside the reach the usual message stands (it tells nothing new)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from doanket.core.permissions import Role
from doanket.importexport import services as import_services
from doanket.importexport.columns import Kind
from doanket.importexport.tests.helpers import build_xlsx, headers
from doanket.people import selectors, services
from doanket.people.models import Assignment, Person

THAO_ID = "001080000123"  # Khổng Minh Thảo, managed by the district: outside the wards' reach
FRESH_ID = "001099999999"
ALREADY = "Số định danh cá nhân này đã có trong hệ thống"


def _form(client, tree, id_number, name="Nguyễn Văn A"):
    return client.post(reverse("people:create"), {"full_name": name, "unit": tree.nhan_chinh.pk, "gender": "M",
                                                  "id_number": id_number})


def _answer(resp) -> str:
    """The answer with what differs between any two creations (the new id) taken out."""
    return resp["Location"].rstrip("/").rsplit("/", 1)[0] if resp.status_code == 302 else resp.content.decode()


@pytest.mark.django_db
def test_form_answers_the_same_for_a_number_held_outside_the_reach(tree, users, people, client):
    client.force_login(users.other_ward)
    taken, fresh = _form(client, tree, THAO_ID), _form(client, tree, FRESH_ID, "Nguyễn Văn B")
    assert taken.status_code == fresh.status_code == 302
    assert _answer(taken) == _answer(fresh)
    held = Person.objects.get(full_name="Nguyễn Văn A")
    assert held.held_as_duplicate_of == people.thao and held.id_number == THAO_ID
    # The ward's own page of the record looks like any other: no word of the hold.
    page = client.get(reverse("people:detail", args=[held.pk])).content.decode()
    assert ALREADY not in page and "hợp nhất" not in page and "Khổng Minh Thảo" not in page
    # One person per human stays the rule for everyone else.
    assert Person.objects.filter(id_number=THAO_ID, held_as_duplicate_of=None).count() == 1


@pytest.mark.django_db
def test_inside_the_reach_the_usual_message_stands(tree, users, people, client):
    client.force_login(users.district)  # sees Khổng Minh Thảo
    resp = _form(client, tree, THAO_ID)
    assert resp.status_code == 200 and ALREADY in resp.content.decode()
    assert not Person.objects.filter(full_name="Nguyễn Văn A").exists()


@pytest.mark.django_db
def test_api_answers_the_same(tree, users, people, client):
    client.force_login(users.other_ward)
    answers = []
    for id_number, name in ((THAO_ID, "Nguyễn Văn A"), (FRESH_ID, "Nguyễn Văn B")):
        resp = client.post("/api/people", json.dumps({"full_name": name, "unit": tree.nhan_chinh.pk,
                                                       "id_number": id_number}), content_type="application/json")
        body = resp.json()
        answers.append((resp.status_code, sorted(body), body["id_number"] == id_number))
    assert answers[0] == answers[1] and answers[0][0] == 201


@pytest.mark.django_db
def test_import_answers_the_same(tree, users, people):
    cols = headers(Kind.PEOPLE)
    rows = [[{"Họ và tên": name, "Mã đơn vị quản lý": "00343", "Số định danh cá nhân": id_number}.get(h) for h in cols]
            for name, id_number in (("Nguyễn Văn A", THAO_ID), ("Nguyễn Văn B", FRESH_ID))]
    result = import_services.import_people(actor=users.other_ward, data=build_xlsx(cols, rows))
    assert result.created == 2
    assert Person.objects.get(full_name="Nguyễn Văn A").held_as_duplicate_of == people.thao


@pytest.mark.django_db
def test_a_higher_administrator_merges_or_releases(tree, users, people, make_user, positions, client):
    held = services.person_create(actor=users.other_ward, unit=tree.nhan_chinh, full_name="Khổng M. Thảo",
                                  id_number=THAO_ID)
    services.assignment_create(actor=users.other_ward, person=held, position=positions["UVTT"], unit=tree.nhan_chinh)
    assert list(selectors.held_duplicates(users.other_ward)) == []  # the ward never learns of it
    admin = make_user("quantri-quan", tree.district, Role.ADMIN)
    client.force_login(admin)
    page = client.get(reverse("people:held")).content.decode()
    assert "Khổng M. Thảo" in page and "Khổng Minh Thảo" in page
    resp = client.post(reverse("people:held_resolve", args=[held.pk]), {"action": "merge"})
    assert resp.status_code == 302
    assert not Person.objects.filter(pk=held.pk).exists()
    assert Assignment.objects.filter(person=people.thao, unit=tree.nhan_chinh).exists()

    other = services.person_create(actor=users.other_ward, unit=tree.nhan_chinh, full_name="Lê Văn C",
                                   id_number=THAO_ID)
    client.post(reverse("people:held_resolve", args=[other.pk]), {"action": "release"})
    other.refresh_from_db()
    assert other.id_number == "" and other.held_as_duplicate_of is None


@pytest.mark.django_db
def test_a_ward_cannot_resolve_its_own_hold(tree, users, people, client):
    held = services.person_create(actor=users.other_ward, unit=tree.nhan_chinh, full_name="Nguyễn Văn A",
                                  id_number=THAO_ID)
    client.force_login(users.other_ward)
    assert client.post(reverse("people:held_resolve", args=[held.pk]), {"action": "merge"}).status_code == 404
