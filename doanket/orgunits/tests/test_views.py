import datetime as dt

import pytest
from django.urls import reverse

from doanket.orgunits.models import OrgUnit


@pytest.fixture
def client_as(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.mark.django_db
def test_tree_starts_at_the_users_unit(tree, users, client_as):
    body = client_as(users.ward).get(reverse("orgunits:tree")).content.decode()
    assert "Phường Khương Mai" in body
    assert "Phường Nhân Chính" not in body and "Quận Thanh Xuân" not in body


@pytest.mark.django_db
def test_children_expand_with_htmx(tree, users, client_as):
    body = client_as(users.district).get(reverse("orgunits:children", args=[tree.khuong_mai.pk])).content.decode()
    assert "Khu dân cư số 1" in body


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["detail", "children", "edit", "create_child", "lineage"])
def test_other_wards_unit_answers_404(tree, users, client_as, name):
    c = client_as(users.ward)
    assert c.get(reverse(f"orgunits:{name}", args=[tree.nhan_chinh.pk])).status_code == 404
    assert c.get(reverse(f"orgunits:{name}", args=[tree.district.pk])).status_code == 404


@pytest.mark.django_db
def test_delete_other_wards_unit_answers_404_and_keeps_it(tree, users, client_as):
    resp = client_as(users.ward).post(reverse("orgunits:delete", args=[tree.nc_area.pk]))
    assert resp.status_code == 404
    assert OrgUnit.objects.filter(pk=tree.nc_area.pk).exists()


@pytest.mark.django_db
def test_viewer_may_look_but_not_edit(tree, users, client_as):
    c = client_as(users.viewer)
    assert c.get(reverse("orgunits:detail", args=[tree.khuong_mai.pk])).status_code == 200
    assert c.get(reverse("orgunits:edit", args=[tree.khuong_mai.pk])).status_code == 403


@pytest.mark.django_db
def test_old_ward_page_shows_its_successor(tree, users, client_as):
    body = client_as(users.district).get(reverse("orgunits:detail", args=[tree.khuong_mai.pk])).content.decode()
    assert "Sáp nhập vào" in body and "Phường Phương Liệt" in body and "01/07/2025" in body


@pytest.mark.django_db
def test_create_area_with_day_first_date(tree, users, unit_types, client_as):
    c = client_as(users.ward)
    resp = c.post(reverse("orgunits:create_child", args=[tree.khuong_mai.pk]), {
        "name": "Khu dân cư số 2", "unit_type": unit_types["area"].pk, "valid_from": "05/09/2022",
    })
    assert resp.status_code == 302
    unit = OrgUnit.objects.get(name="Khu dân cư số 2")
    assert unit.valid_from == dt.date(2022, 9, 5)
    assert unit.path.startswith(tree.khuong_mai.path) and unit.depth == tree.khuong_mai.depth + 1
    # The change is on the record's page, with who made it.
    body = c.get(reverse("orgunits:detail", args=[unit.pk])).content.decode()
    assert "Tạo mới" in body and "khuongmai" in body


@pytest.mark.django_db
def test_end_before_start_is_refused_in_vietnamese(tree, users, unit_types, client_as):
    resp = client_as(users.ward).post(reverse("orgunits:create_child", args=[tree.khuong_mai.pk]), {
        "name": "Khu dân cư số 3", "unit_type": unit_types["area"].pk,
        "valid_from": "05/09/2022", "valid_to": "01/01/2020",
    })
    assert resp.status_code == 200
    assert "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực." in resp.content.decode()
    assert not OrgUnit.objects.filter(name="Khu dân cư số 3").exists()


@pytest.mark.django_db
def test_month_first_date_is_refused(tree, users, unit_types, client_as):
    resp = client_as(users.ward).post(reverse("orgunits:create_child", args=[tree.khuong_mai.pk]), {
        "name": "Khu dân cư số 4", "unit_type": unit_types["area"].pk, "valid_from": "09/25/2022",
    })
    assert "dd/mm/yyyy" in resp.content.decode()
    assert not OrgUnit.objects.filter(name="Khu dân cư số 4").exists()


@pytest.mark.django_db
def test_record_merge_closes_the_old_unit(tree, users, client_as):
    c = client_as(users.district)
    resp = c.post(reverse("orgunits:lineage", args=[tree.nc_area.pk]), {
        "successor": tree.km_area.pk, "kind": "merge", "effective_date": "01/07/2025", "legal_basis": "NQ 1656",
    })
    assert resp.status_code == 302
    tree.nc_area.refresh_from_db()
    assert tree.nc_area.valid_to == dt.date(2025, 6, 30)


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(tree, client):
    resp = client.get(reverse("orgunits:detail", args=[tree.khuong_mai.pk]))
    assert resp.status_code == 302 and reverse("accounts:login") in resp["Location"]


@pytest.mark.django_db
def test_branch_head_is_one_person_with_two_positions(tree, users, people, positions, client_as):
    from doanket.orgunits.models import Branch, MemberOrganisation
    from doanket.people.models import Assignment

    c = client_as(users.ward)
    women = MemberOrganisation.objects.get(code="hoi-phu-nu")
    resp = c.post(reverse("orgunits:branch_create", args=[tree.km_area.pk]),
                  {"organisation": women.pk, "name": "Chi hội Phụ nữ khu dân cư số 1"})
    assert resp.status_code == 302
    branch = Branch.objects.get(unit=tree.km_area)
    for position, extra in ((positions["Chi hội trưởng"], {"branch": branch.pk}),
                            (positions["Thành viên Ban công tác Mặt trận khu dân cư"], {})):
        resp = c.post(reverse("people:assignment_create", args=[people.km.pk]),
                      {"position": position.pk, "unit": tree.km_area.pk, "start_date": "01/01/2023", **extra})
        assert resp.status_code == 302
    assert Assignment.objects.filter(person=people.km, unit=tree.km_area).count() == 2
    body = c.get(reverse("orgunits:detail", args=[tree.km_area.pk])).content.decode()
    assert body.count("Nguyễn Thị Đức Hạnh") == 2 and "Chi hội Phụ nữ khu dân cư số 1" in body
