"""JSON API for the unit tree: reach, search, breadcrumb, lineage, current holders."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from doanket.orgunits import services as unit_services

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _text(resp) -> str:
    """The body with Vietnamese letters unescaped, to look for names in it."""
    return json.dumps(resp.json(), ensure_ascii=False)


@pytest.mark.parametrize("url", ["/api/units", "/api/units/{id}", "/api/units/{id}/assignments"])
def test_anonymous_gets_401(tree, client, url):
    resp = client.get(url.format(id=tree.district.pk))
    assert resp.status_code == 401
    assert resp.json() == {"detail": "Cần đăng nhập."}


def test_list_contains_only_units_in_reach(tree, users):
    resp = _client(users.ward).get("/api/units")
    assert resp.status_code == 200
    body = resp.json()
    assert body["count"] == 2
    assert {u["id"] for u in body["items"]} == {tree.khuong_mai.pk, tree.km_area.pk}
    assert "Nhân Chính" not in _text(resp)
    assert "Thanh Xuân" not in _text(resp)


def test_list_of_the_district(tree, users):
    body = _client(users.district).get("/api/units").json()
    assert body["count"] == 5
    first = body["items"][0]
    assert first["name"] == "Phường Nhân Chính"  # units in force first, then by depth
    assert first["unit_type"]["code"] == "commune"
    assert first["is_current"] is True and first["has_children"] is True


def test_search_ignores_accents(tree, users):
    resp = _client(users.district).get("/api/units", {"q": "khuong mai"})
    assert [u["name"] for u in resp.json()["items"]] == ["Phường Khương Mai"]
    assert resp.json()["items"][0]["label"] == "Phường Khương Mai (đến 30/06/2025)"
    assert resp.json()["items"][0]["valid_to"] == "2025-06-30"
    assert _client(users.ward).get("/api/units", {"q": "nhan chinh"}).json() == {"items": [], "count": 0}


def test_search_by_code(tree, users):
    assert [u["name"] for u in _client(users.district).get("/api/units", {"q": "00343"}).json()["items"]] == [
        "Phường Nhân Chính"]


def test_children_of_a_unit(tree, users):
    resp = _client(users.district).get("/api/units", {"parent": tree.district.pk})
    assert [u["name"] for u in resp.json()["items"]] == ["Phường Nhân Chính", "Phường Khương Mai"]
    # The district is outside the ward user's reach: its children are not listed, it is not found.
    resp = _client(users.ward).get("/api/units", {"parent": tree.district.pk})
    assert resp.status_code == 404


def test_pagination(tree, users):
    body = _client(users.district).get("/api/units", {"page_size": 2, "page": 3}).json()
    assert body["count"] == 5 and len(body["items"]) == 1


def test_detail_has_breadcrumb_and_lineage(tree, users):
    resp = _client(users.district).get(f"/api/units/{tree.khuong_mai.pk}")
    assert resp.status_code == 200
    unit = resp.json()
    assert unit["name"] == "Phường Khương Mai" and unit["code"] == "00352"
    assert [a["name"] for a in unit["ancestors"]] == [
        "Ủy ban Trung ương MTTQ Việt Nam", "Thành phố Hà Nội", "Quận Thanh Xuân"]
    assert unit["predecessors"] == []
    assert unit["successors"] == [{
        "unit": {"id": tree.phuong_liet.pk, "name": "Phường Phương Liệt", "label": "Phường Phương Liệt"},
        "kind": "merge", "kind_label": "Sáp nhập vào", "effective_date": "2025-07-01", "legal_basis": "",
    }]
    assert [u["name"] for u in unit["current_successors"]] == ["Phường Phương Liệt"]
    assert unit["is_current"] is False
    assert unit["can_manage"] is True and unit["can_add_person"] is True


def test_successor_shows_its_predecessors(tree, users):
    unit = _client(users.new_ward).get(f"/api/units/{tree.phuong_liet.pk}").json()
    assert [(lk["unit"]["name"], lk["kind"], lk["effective_date"]) for lk in unit["predecessors"]] == [
        ("Phường Khương Mai", "merge", "2025-07-01")]
    assert unit["valid_from"] == "2025-07-01"


def test_viewer_may_not_manage(tree, users):
    unit = _client(users.viewer).get(f"/api/units/{tree.khuong_mai.pk}").json()
    assert unit["can_manage"] is False and unit["can_add_person"] is False


@pytest.mark.parametrize("url", ["/api/units/{id}", "/api/units/{id}/assignments"])
def test_unit_outside_reach_is_not_found(tree, users, people, url):
    resp = _client(users.ward).get(url.format(id=tree.nhan_chinh.pk))
    assert resp.status_code == 404
    assert resp.json() == {"detail": "Không tìm thấy"}
    # Exactly as for a unit that does not exist.
    assert _client(users.ward).get(url.format(id=999_999)).json() == {"detail": "Không tìm thấy"}


def test_current_holders(tree, users, people, positions):
    resp = _client(users.ward).get(f"/api/units/{tree.khuong_mai.pk}/assignments")
    assert resp.status_code == 200
    assert [(a["person"]["full_name"], a["position"]["abbreviation"], a["unit"]["id"]) for a in resp.json()] == [
        ("Nguyễn Thị Đức Hạnh", "UVTT", tree.khuong_mai.pk)]


def test_holders_of_a_closed_unit_are_those_of_its_last_day(tree, users, people):
    resp = _client(users.district).get(f"/api/units/{tree.district.pk}/assignments")
    held = {(a["person"]["full_name"], a["position"]["name"]) for a in resp.json()}
    assert ("Khổng Minh Thảo", "Chủ tịch Ủy ban MTTQ Việt Nam") in held  # ended 30/06/2025, the district's last day
    assert "Văn Hùng Sơn" in {name for name, _pos in held}


def test_list_queries_do_not_grow_with_units(tree, users, unit_types, django_assert_max_num_queries):
    client = _client(users.district)
    with CaptureQueriesContext(connection) as before:
        client.get("/api/units")
    for i in range(10):
        unit_services.unit_create(actor=None, parent=tree.nhan_chinh, unit_type=unit_types["area"], name=f"Tổ {i}")
    with django_assert_max_num_queries(len(before)):
        body = client.get("/api/units").json()
    assert body["count"] == 15
