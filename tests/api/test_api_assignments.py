"""JSON API for assignments (positions held) and the catalogue of positions."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from doanket.orgunits.models import Branch, MemberOrganisation
from doanket.people import services as people_services
from doanket.people.models import Assignment

pytestmark = pytest.mark.django_db

NOT_FOUND = {"detail": "Không tìm thấy"}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _text(resp) -> str:
    return json.dumps(resp.json(), ensure_ascii=False)


def _assignment(person) -> Assignment:
    return Assignment.objects.filter(person=person).get()


@pytest.mark.parametrize(("method", "url"), [
    ("get", "/api/assignments"),
    ("post", "/api/assignments"),
    ("patch", "/api/assignments/{id}"),
    ("delete", "/api/assignments/{id}"),
    ("get", "/api/positions"),
])
def test_anonymous_gets_401(people, client, method, url):
    a = _assignment(people.km)
    resp = getattr(client, method)(url.format(id=a.pk), data={"end_date": "2030-01-01"}, content_type="application/json")
    assert resp.status_code == 401
    assert Assignment.objects.filter(pk=a.pk, end_date=None).exists()


# ---------------------------------------------------------------- list


def test_list_in_reach(people, users, tree):
    resp = _client(users.ward).get("/api/assignments")
    assert resp.status_code == 200
    body = resp.json()
    assert body["count"] == 1
    row = body["items"][0]
    assert row["person"] == {"id": people.km.pk, "full_name": "Nguyễn Thị Đức Hạnh"}
    assert row["position"]["abbreviation"] == "UVTT"
    assert row["unit"]["id"] == tree.khuong_mai.pk
    assert row["branch"] is None and row["start_date"] == "2019-09-01" and row["end_date"] is None
    assert "Trần Văn Đức" not in _text(resp) and "Nhân Chính" not in _text(resp)


def test_list_filters(people, users, tree):
    client = _client(users.district)
    assert client.get("/api/assignments").json()["count"] == 5
    by_person = client.get("/api/assignments", {"person": people.thao.pk}).json()["items"]
    assert {a["position"]["name"] for a in by_person} == {"Ủy viên Ban Thường vụ", "Chủ tịch Ủy ban MTTQ Việt Nam"}
    current = client.get("/api/assignments", {"person": people.thao.pk, "current": "true"}).json()["items"]
    assert [a["position"]["abbreviation"] for a in current] == ["UVTV"]
    by_unit = client.get("/api/assignments", {"unit": tree.nhan_chinh.pk}).json()["items"]
    assert [a["person"]["full_name"] for a in by_unit] == ["Trần Văn Đức"]
    # Another ward's person or unit: nothing listed.
    ward = _client(users.ward)
    assert ward.get("/api/assignments", {"person": people.nc.pk}).json() == {"items": [], "count": 0}
    assert ward.get("/api/assignments", {"unit": tree.nhan_chinh.pk}).json() == {"items": [], "count": 0}


def test_list_queries_do_not_grow(people, users, tree, positions, django_assert_max_num_queries):
    client = _client(users.district)
    with CaptureQueriesContext(connection) as before:
        client.get("/api/assignments")
    org = MemberOrganisation.objects.create(code="phu-nu", name="Hội Liên hiệp Phụ nữ Việt Nam")
    branch = Branch.objects.create(organisation=org, unit=tree.nc_area, name="Chi hội Phụ nữ khu dân cư số 1")
    for i in range(10):
        p = people_services.person_create(actor=None, unit=tree.nc_area, full_name=f"Người Thứ {i}")
        people_services.assignment_create(actor=None, person=p, position=positions["Chi hội trưởng"],
                                          unit=tree.nc_area, branch=branch)
    with django_assert_max_num_queries(len(before)):
        assert client.get("/api/assignments").json()["count"] == 15


# ---------------------------------------------------------------- create


def test_create_in_reach(people, users, tree, positions):
    resp = _client(users.ward).post("/api/assignments", {
        "person": people.km.pk, "position": positions["UVTV"].pk, "unit": tree.khuong_mai.pk,
        "start_date": "2024-01-01", "note": " nhiệm kỳ  2024 ",
    }, content_type="application/json")
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["position"]["abbreviation"] == "UVTV" and body["start_date"] == "2024-01-01"
    assert body["note"] == "nhiệm kỳ 2024"
    a = Assignment.objects.get(pk=body["id"])
    assert (a.person_id, a.unit_id) == (people.km.pk, tree.khuong_mai.pk)
    assert a.history.first().history_user == users.ward


def test_create_with_a_branch(people, users, tree, positions):
    org = MemberOrganisation.objects.create(code="phu-nu", name="Hội Liên hiệp Phụ nữ Việt Nam")
    branch = Branch.objects.create(organisation=org, unit=tree.km_area, name="Chi hội Phụ nữ khu dân cư số 1")
    client = _client(users.ward)
    data = {"person": people.km.pk, "position": positions["Chi hội trưởng"].pk, "unit": tree.km_area.pk,
            "branch": branch.pk}
    resp = client.post("/api/assignments", data, content_type="application/json")
    assert resp.status_code == 201
    assert resp.json()["branch"] == {"id": branch.pk, "name": "Chi hội Phụ nữ khu dân cư số 1"}
    resp = client.post("/api/assignments", {**data, "unit": tree.khuong_mai.pk}, content_type="application/json")
    assert resp.status_code == 400
    assert resp.json()["errors"] == {"branch": ["Chi hội phải thuộc đơn vị của chức vụ."]}


def test_end_before_start_is_refused_and_nothing_is_written(people, users, tree, positions):
    before = Assignment.objects.count()
    resp = _client(users.ward).post("/api/assignments", {
        "person": people.km.pk, "position": positions["UVTV"].pk, "unit": tree.khuong_mai.pk,
        "start_date": "2024-01-01", "end_date": "2023-12-31",
    }, content_type="application/json")
    assert resp.status_code == 400
    assert resp.json() == {"detail": "Ngày kết thúc phải sau ngày bắt đầu.",
                           "errors": {"end_date": ["Ngày kết thúc phải sau ngày bắt đầu."]}}
    assert Assignment.objects.count() == before


def test_unknown_position_is_a_validation_error(people, users, tree):
    resp = _client(users.ward).post("/api/assignments", {
        "person": people.km.pk, "position": 999_999, "unit": tree.khuong_mai.pk}, content_type="application/json")
    assert resp.status_code == 400
    assert resp.json()["errors"] == {"position": ["Chức vụ không có trong danh mục."]}


def test_cannot_create_outside_reach(people, users, tree, positions):
    before = Assignment.objects.count()
    client = _client(users.ward)
    # At another ward's unit, or for another ward's person.
    for person, unit in ((people.km, tree.nhan_chinh), (people.nc, tree.khuong_mai)):
        resp = client.post("/api/assignments", {"person": person.pk, "position": positions["UVTV"].pk, "unit": unit.pk},
                           content_type="application/json")
        assert resp.status_code == 404
        assert resp.json() == NOT_FOUND
    resp = _client(users.viewer).post("/api/assignments", {
        "person": people.km.pk, "position": positions["UVTV"].pk, "unit": tree.khuong_mai.pk},
        content_type="application/json")
    assert resp.status_code == 403
    assert Assignment.objects.count() == before


# ---------------------------------------------------------------- update and delete


def test_update_in_reach(people, users):
    a = _assignment(people.km)
    resp = _client(users.ward).patch(f"/api/assignments/{a.pk}", {"end_date": "2025-06-30"},
                                     content_type="application/json")
    assert resp.status_code == 200, resp.content
    assert resp.json()["end_date"] == "2025-06-30" and resp.json()["is_current"] is False
    a.refresh_from_db()
    assert a.end_date == dt.date(2025, 6, 30) and a.start_date == dt.date(2019, 9, 1)


def test_update_end_before_start_writes_nothing(people, users):
    a = _assignment(people.km)
    resp = _client(users.ward).patch(f"/api/assignments/{a.pk}", {"note": "sửa", "end_date": "2019-01-01"},
                                     content_type="application/json")
    assert resp.status_code == 400
    assert resp.json()["errors"] == {"end_date": ["Ngày kết thúc phải sau ngày bắt đầu."]}
    a.refresh_from_db()
    assert (a.end_date, a.note) == (None, "")


def test_cannot_update_or_delete_another_wards_assignment(people, users):
    a = _assignment(people.nc)
    client = _client(users.ward)
    resp = client.patch(f"/api/assignments/{a.pk}", {"end_date": "2025-01-01"}, content_type="application/json")
    assert resp.status_code == 404
    assert resp.json() == NOT_FOUND
    resp = client.delete(f"/api/assignments/{a.pk}")
    assert resp.status_code == 404
    a.refresh_from_db()
    assert a.end_date is None


def test_viewer_cannot_update_or_delete(people, users):
    a = _assignment(people.km)
    client = _client(users.viewer)
    assert client.patch(f"/api/assignments/{a.pk}", {"note": "x"}, content_type="application/json").status_code == 403
    assert client.delete(f"/api/assignments/{a.pk}").status_code == 403
    assert Assignment.objects.filter(pk=a.pk, note="").exists()


def test_delete_in_reach(people, users):
    a = _assignment(people.km)
    assert _client(users.ward).delete(f"/api/assignments/{a.pk}").status_code == 204
    assert not Assignment.objects.filter(pk=a.pk).exists()


# ---------------------------------------------------------------- catalogue


def test_positions_catalogue(users, positions):
    resp = _client(users.viewer).get("/api/positions")
    assert resp.status_code == 200
    rows = resp.json()
    assert len(rows) == len(positions)
    uvtv = next(p for p in rows if p["abbreviation"] == "UVTV")
    assert uvtv == {"id": positions["UVTV"].pk, "name": "Ủy viên Ban Thường vụ", "abbreviation": "UVTV",
                    "body": "party", "body_label": "Đảng", "rank": positions["UVTV"].rank}
