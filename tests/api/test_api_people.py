"""JSON API for people: reach on every operation, accent-insensitive search, masked personal data,
validation errors in Vietnamese, and a query count that does not grow with the directory."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from doanket.people import services as people_services
from doanket.people.models import Assignment, Person

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _text(resp) -> str:
    """The body with Vietnamese letters unescaped, to look for names in it."""
    return json.dumps(resp.json(), ensure_ascii=False)


def _names(resp) -> list[str]:
    assert resp.status_code == 200, resp.content
    return [p["full_name"] for p in resp.json()["items"]]


NOT_FOUND = {"detail": "Không tìm thấy"}


# ---------------------------------------------------------------- anonymous


@pytest.mark.parametrize(("method", "url"), [
    ("get", "/api/people"),
    ("get", "/api/people/{id}"),
    ("post", "/api/people"),
    ("patch", "/api/people/{id}"),
    ("delete", "/api/people/{id}"),
])
def test_anonymous_gets_401(people, client, method, url):
    resp = getattr(client, method)(url.format(id=people.km.pk), data={"full_name": "X", "unit": people.km.unit_id},
                                   content_type="application/json")
    assert resp.status_code == 401
    assert resp.json() == {"detail": "Cần đăng nhập."}
    assert Person.objects.filter(pk=people.km.pk).exists()
    assert Person.objects.count() == 4


# ---------------------------------------------------------------- list and search


def test_district_lists_everyone_in_vietnamese_name_order(people, users):
    body = _client(users.district).get("/api/people").json()
    assert body["count"] == 4
    # Ordered by given name: Đức, Hạnh, Sơn, Thảo.
    assert [p["full_name"] for p in body["items"]] == [
        "Trần Văn Đức", "Nguyễn Thị Đức Hạnh", "Văn Hùng Sơn", "Khổng Minh Thảo"]


def test_ward_list_contains_no_other_wards_people(people, users):
    resp = _client(users.ward).get("/api/people")
    assert _names(resp) == ["Nguyễn Thị Đức Hạnh"]
    text = _text(resp)
    for foreign in ("Trần Văn Đức", "0911111111", "Khổng Minh Thảo", "Nhân Chính"):
        assert foreign not in text


def test_list_rows_carry_unit_and_current_positions(people, users, tree):
    row = _client(users.ward).get("/api/people").json()["items"][0]
    assert row["unit"] == {"id": tree.khuong_mai.pk, "name": "Phường Khương Mai",
                           "label": "Phường Khương Mai (đến 30/06/2025)"}
    assert [(a["position"]["abbreviation"], a["unit"]["id"], a["start_date"], a["is_current"])
            for a in row["current_assignments"]] == [("UVTT", tree.khuong_mai.pk, "2019-09-01", True)]
    assert row["gender"] == "F" and row["gender_label"] == "Nữ"


def test_search_ignores_accents(people, users):
    client = _client(users.district)
    assert _names(client.get("/api/people", {"q": "khong minh thao"})) == ["Khổng Minh Thảo"]
    assert _names(client.get("/api/people", {"q": "KHỔNG thảo"})) == ["Khổng Minh Thảo"]
    assert set(_names(client.get("/api/people", {"q": "duc"}))) == {"Trần Văn Đức", "Nguyễn Thị Đức Hạnh"}


def test_ward_search_does_not_find_other_wards_people(people, users):
    resp = _client(users.ward).get("/api/people", {"q": "duc"})
    assert _names(resp) == ["Nguyễn Thị Đức Hạnh"]
    assert "Trần Văn Đức" not in _text(resp)


def test_filters_by_unit_position_and_current(people, users, tree, positions):
    client = _client(users.district)
    assert _names(client.get("/api/people", {"unit": tree.nhan_chinh.pk})) == ["Trần Văn Đức"]
    assert _names(client.get("/api/people", {"position": positions["UVTV"].pk})) == ["Khổng Minh Thảo"]
    retired = people_services.person_create(actor=None, unit=tree.district, full_name="Lê Văn Hưu")
    people_services.assignment_create(actor=None, person=retired, position=positions["UVTV"], unit=tree.district,
                                      start_date=dt.date(2010, 1, 1), end_date=dt.date(2015, 1, 1))
    assert "Lê Văn Hưu" in _names(client.get("/api/people", {"position": positions["UVTV"].pk}))
    assert "Lê Văn Hưu" not in _names(client.get("/api/people", {"current": "true"}))
    assert "Lê Văn Hưu" in _names(client.get("/api/people"))


def test_filter_by_unit_outside_reach_is_not_found(people, users, tree):
    resp = _client(users.ward).get("/api/people", {"unit": tree.nhan_chinh.pk})
    assert resp.status_code == 404
    assert resp.json() == NOT_FOUND


def test_list_queries_do_not_grow_with_people(people, users, tree, positions, django_assert_max_num_queries):
    client = _client(users.district)
    with CaptureQueriesContext(connection) as before:
        assert client.get("/api/people").status_code == 200
    for i in range(15):
        p = people_services.person_create(actor=None, unit=tree.nc_area, full_name=f"Người Thứ {i}",
                                          phone=f"09000000{i:02d}")
        people_services.assignment_create(actor=None, person=p, position=positions["UVTV"], unit=tree.nhan_chinh,
                                          start_date=dt.date(2020, 1, 1))
        people_services.assignment_create(actor=None, person=p, position=positions["UVTT"], unit=tree.nc_area,
                                          start_date=dt.date(2021, 1, 1))
    with django_assert_max_num_queries(len(before)):
        body = client.get("/api/people").json()
    assert body["count"] == 19
    assert all(len(row["current_assignments"]) == 2 for row in body["items"] if row["full_name"].startswith("Người"))
    with django_assert_max_num_queries(len(before)):
        assert client.get("/api/people", {"q": "nguoi", "current": "true"}).json()["count"] == 15


# ---------------------------------------------------------------- detail and personal data


def test_detail_with_assignments_inside_reach(people, users, tree):
    resp = _client(users.district).get(f"/api/people/{people.thao.pk}")
    assert resp.status_code == 200
    person = resp.json()
    assert person["full_name"] == "Khổng Minh Thảo"
    assert person["unit"]["id"] == tree.district.pk
    assert person["can_manage"] is True
    # Newest first: the open UVTV term, then the ended chairmanship.
    assert [(a["position"]["name"], a["end_date"]) for a in person["assignments"]] == [
        ("Ủy viên Ban Thường vụ", None), ("Chủ tịch Ủy ban MTTQ Việt Nam", "2025-06-30")]


def test_personal_data_is_masked_for_a_viewer(people, users):
    masked = _client(users.viewer).get(f"/api/people/{people.km.pk}").json()
    assert masked["phone"] == "09******21"
    assert masked["private_masked"] is True
    assert "0987654321" not in _text(_client(users.viewer).get("/api/people"))
    full = _client(users.district).get(f"/api/people/{people.km.pk}").json()
    assert full["phone"] == "0987654321"
    assert full["private_masked"] is False


def test_id_number_is_masked_too(people, users):
    thao = _client(users.district).get(f"/api/people/{people.thao.pk}").json()
    assert thao["id_number"] == "001080000123"
    row = next(p for p in _client(users.district).get("/api/people").json()["items"] if p["id"] == people.thao.pk)
    assert row["id_number"] == "001080000123" and row["phone"] == "0912345678"


def test_person_outside_reach_is_not_found(people, users):
    client = _client(users.ward)
    resp = client.get(f"/api/people/{people.nc.pk}")
    assert resp.status_code == 404
    assert resp.json() == NOT_FOUND
    assert client.get("/api/people/999999").json() == NOT_FOUND  # the same answer as a missing person


# ---------------------------------------------------------------- create


def test_create_in_reach(people, users, tree):
    resp = _client(users.ward).post("/api/people", {
        "full_name": "  Phạm   Thị Lan ", "unit": tree.km_area.pk, "gender": "F", "birth_year": 1970,
        "phone": "0904 123 456",
    }, content_type="application/json")
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["full_name"] == "Phạm Thị Lan"
    assert body["unit"]["id"] == tree.km_area.pk
    assert body["phone"] == "09******56"  # data entry may record a phone, not read it back
    created = Person.objects.get(pk=body["id"])
    assert created.phone == "0904123456" and created.birth_year == 1970
    assert created.history.first().history_user == users.ward


def test_cannot_create_in_another_ward(people, users, tree):
    resp = _client(users.ward).post("/api/people", {"full_name": "Phạm Thị Lan", "unit": tree.nhan_chinh.pk},
                                    content_type="application/json")
    assert resp.status_code == 404
    assert resp.json() == NOT_FOUND
    assert not Person.objects.filter(full_name="Phạm Thị Lan").exists()


def test_viewer_cannot_create(people, users, tree):
    resp = _client(users.viewer).post("/api/people", {"full_name": "Phạm Thị Lan", "unit": tree.khuong_mai.pk},
                                      content_type="application/json")
    assert resp.status_code == 403
    assert not Person.objects.filter(full_name="Phạm Thị Lan").exists()


def test_create_validation_errors_are_in_vietnamese(people, users, tree):
    client = _client(users.ward)
    resp = client.post("/api/people", {"full_name": "Phạm Thị Lan", "unit": tree.khuong_mai.pk, "id_number": "123"},
                       content_type="application/json")
    assert resp.status_code == 400
    assert resp.json() == {"detail": "Số định danh cá nhân gồm đúng 12 chữ số.",
                           "errors": {"id_number": ["Số định danh cá nhân gồm đúng 12 chữ số."]}}
    resp = client.post("/api/people", {"full_name": "Phạm Thị Lan", "unit": tree.khuong_mai.pk, "birth_year": 1800},
                       content_type="application/json")
    assert resp.status_code == 400
    assert "Năm sinh phải trong khoảng 1900–2100." in resp.json()["detail"]
    resp = client.post("/api/people", {"full_name": "   ", "unit": tree.khuong_mai.pk}, content_type="application/json")
    assert resp.json()["errors"] == {"full_name": ["Cần nhập họ và tên."]}
    resp = _client(users.district).post("/api/people", {
        "full_name": "Người Trùng Số", "unit": tree.district.pk, "id_number": "001080000123"},
        content_type="application/json")
    assert resp.status_code == 400
    assert resp.json()["errors"] == {"__all__": ["Số định danh cá nhân này đã có trong hệ thống."]}
    assert Person.objects.count() == 4


# ---------------------------------------------------------------- update


def test_update_in_reach(people, users):
    resp = _client(users.ward).patch(f"/api/people/{people.km.pk}", {"title": "Thạc sĩ", "birth_year": 1975},
                                     content_type="application/json")
    assert resp.status_code == 200, resp.content
    assert resp.json()["title"] == "Thạc sĩ"
    people.km.refresh_from_db()
    assert (people.km.title, people.km.birth_year, people.km.phone) == ("Thạc sĩ", 1975, "0987654321")


def test_cannot_update_another_wards_person(people, users):
    resp = _client(users.ward).patch(f"/api/people/{people.nc.pk}", {"full_name": "Bị Sửa"},
                                     content_type="application/json")
    assert resp.status_code == 404
    assert resp.json() == NOT_FOUND
    people.nc.refresh_from_db()
    assert people.nc.full_name == "Trần Văn Đức"


def test_cannot_move_a_person_to_another_ward(people, users, tree):
    resp = _client(users.ward).patch(f"/api/people/{people.km.pk}", {"unit": tree.nhan_chinh.pk},
                                     content_type="application/json")
    assert resp.status_code == 404
    people.km.refresh_from_db()
    assert people.km.unit_id == tree.khuong_mai.pk


def test_viewer_cannot_update(people, users):
    resp = _client(users.viewer).patch(f"/api/people/{people.km.pk}", {"title": "Tiến sỹ"},
                                       content_type="application/json")
    assert resp.status_code == 403
    people.km.refresh_from_db()
    assert people.km.title == ""


def test_masked_fields_cannot_be_overwritten(people, users):
    """Data entry cannot read the phone, so it cannot change it (a mask must never replace the number)."""
    resp = _client(users.ward).patch(f"/api/people/{people.km.pk}", {"phone": "09******21"},
                                     content_type="application/json")
    assert resp.status_code == 403
    people.km.refresh_from_db()
    assert people.km.phone == "0987654321"
    resp = _client(users.district).patch(f"/api/people/{people.km.pk}", {"phone": "0900000000"},
                                         content_type="application/json")
    assert resp.status_code == 200
    assert resp.json()["phone"] == "0900000000"


def test_update_validation_error_writes_nothing(people, users):
    resp = _client(users.district).patch(f"/api/people/{people.km.pk}", {"title": "TS", "id_number": "12ab"},
                                         content_type="application/json")
    assert resp.status_code == 400
    assert resp.json()["errors"] == {"id_number": ["Số định danh cá nhân gồm đúng 12 chữ số."]}
    people.km.refresh_from_db()
    assert (people.km.title, people.km.id_number) == ("", "")


# ---------------------------------------------------------------- delete


def test_delete_in_reach(people, users):
    resp = _client(users.ward).delete(f"/api/people/{people.km.pk}")
    assert resp.status_code == 204
    assert not Person.objects.filter(pk=people.km.pk).exists()
    assert not Assignment.objects.filter(person_id=people.km.pk).exists()


def test_cannot_delete_another_wards_person(people, users):
    resp = _client(users.ward).delete(f"/api/people/{people.nc.pk}")
    assert resp.status_code == 404
    assert resp.json() == NOT_FOUND
    assert Person.objects.filter(pk=people.nc.pk).exists()


def test_viewer_cannot_delete(people, users):
    assert _client(users.viewer).delete(f"/api/people/{people.km.pk}").status_code == 403
    assert Person.objects.filter(pk=people.km.pk).exists()
