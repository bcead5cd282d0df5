import re

import pytest
from django.urls import reverse

from doanket.people import services
from doanket.people.models import Assignment, Person


@pytest.fixture
def client_as(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


def names_in(html: str) -> list[str]:
    return re.findall(r'<a href="/quan-ly/nguoi/\d+/">([^<]+)</a>', html)


@pytest.mark.django_db
def test_search_ignores_accents_and_folds_d(people, users, client_as):
    c = client_as(users.district)
    assert names_in(c.get(reverse("people:directory"), {"q": "khong minh thao"}).content.decode()) == ["Khổng Minh Thảo"]
    found = names_in(c.get(reverse("people:directory"), {"q": "duc"}).content.decode())
    assert sorted(found) == sorted(["Nguyễn Thị Đức Hạnh", "Trần Văn Đức"])


@pytest.mark.django_db
def test_ward_user_sees_only_its_wards_people(people, users, client_as):
    html = client_as(users.ward).get(reverse("people:directory")).content.decode()
    assert names_in(html) == ["Nguyễn Thị Đức Hạnh"]
    assert "Trần Văn Đức" not in html and "Khổng Minh Thảo" not in html


@pytest.mark.django_db
def test_successor_ward_sees_the_merged_wards_people(people, users, client_as):
    html = client_as(users.new_ward).get(reverse("people:directory")).content.decode()
    assert names_in(html) == ["Nguyễn Thị Đức Hạnh"]


@pytest.mark.django_db
def test_directory_sorts_the_vietnamese_way(tree, users, client_as):
    for name in ["Lê Văn Bình", "Trần Thị Ánh", "Nguyễn Văn An", "Đỗ Thị Anh", "Phạm Văn Đạt", "Vũ Văn Dũng",
                 "Hoàng Thị Ân", "Bùi Văn Ăn"]:
        services.person_create(actor=None, unit=tree.khuong_mai, full_name=name)
    html = client_as(users.ward).get(reverse("people:directory")).content.decode()
    assert names_in(html) == ["Nguyễn Văn An", "Đỗ Thị Anh", "Trần Thị Ánh", "Bùi Văn Ăn", "Hoàng Thị Ân",
                              "Lê Văn Bình", "Vũ Văn Dũng", "Phạm Văn Đạt"]


@pytest.mark.django_db
def test_directory_query_count_does_not_grow(tree, users, people, client_as, django_assert_max_num_queries):
    c = client_as(users.district)
    c.get(reverse("people:directory"))  # warm session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        c.get(reverse("people:directory"))
    for i in range(30):
        p = services.person_create(actor=None, unit=tree.khuong_mai, full_name=f"Nguyễn Văn Thử {i}")
        services.assignment_create(actor=None, person=p, position=people.km.assignments.first().position,
                                   unit=tree.km_area)
    with django_assert_max_num_queries(len(few)):
        c.get(reverse("people:directory"))


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["detail", "edit", "assignment_create"])
def test_other_wards_person_answers_404(people, users, client_as, name):
    c = client_as(users.ward)
    assert c.get(reverse(f"people:{name}", args=[people.nc.pk])).status_code == 404


@pytest.mark.django_db
def test_other_wards_assignment_and_delete_answer_404(people, users, client_as):
    c = client_as(users.ward)
    a = Assignment.objects.get(person=people.nc)
    assert c.get(reverse("people:assignment_edit", args=[a.pk])).status_code == 404
    assert c.post(reverse("people:assignment_delete", args=[a.pk])).status_code == 404
    assert c.post(reverse("people:delete", args=[people.nc.pk])).status_code == 404
    assert Person.objects.filter(pk=people.nc.pk).exists() and Assignment.objects.filter(pk=a.pk).exists()


@pytest.mark.django_db
def test_cannot_create_a_person_in_another_ward(tree, users, client_as):
    resp = client_as(users.ward).post(reverse("people:create"), {"full_name": "Người Lạ", "unit": tree.nhan_chinh.pk})
    assert resp.status_code == 200
    assert not Person.objects.filter(full_name="Người Lạ").exists()


@pytest.mark.django_db
def test_phone_is_masked_without_the_right(people, users, client_as):
    assert "0987654321" not in client_as(users.viewer).get(reverse("people:detail", args=[people.km.pk])).content.decode()
    body = client_as(users.district).get(reverse("people:detail", args=[people.km.pk])).content.decode()
    assert "0987654321" in body


@pytest.mark.django_db
def test_position_history_shows_former_positions(people, users, client_as):
    body = client_as(users.district).get(reverse("people:detail", args=[people.thao.pk])).content.decode()
    assert "Nguyên Chủ tịch Ủy ban MTTQ Việt Nam" in body
    assert "Ủy viên Ban Thường vụ" in body and "(UVTV)" in body
    assert "30/06/2025" in body


@pytest.mark.django_db
def test_nfd_name_is_stored_nfc_and_edit_is_in_history(tree, users, client_as):
    import unicodedata

    c = client_as(users.ward)
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hoà")
    resp = c.post(reverse("people:create"), {"full_name": nfd, "unit": tree.khuong_mai.pk, "birth_year": "1970"})
    assert resp.status_code == 302
    person = Person.objects.get(search_text="nguyen thi hoa")
    assert person.full_name == unicodedata.normalize("NFC", "Nguyễn Thị Hoà")
    resp = c.post(reverse("people:edit", args=[person.pk]),
                  {"full_name": "Nguyễn Thị Hoà", "unit": tree.khuong_mai.pk, "birth_year": "1971"})
    assert resp.status_code == 302
    body = c.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "Sửa" in body and "1970 → 1971" in body and "khuongmai" in body


@pytest.mark.django_db
def test_add_assignment_with_dates(people, users, positions, tree, client_as):
    c = client_as(users.ward)
    resp = c.post(reverse("people:assignment_create", args=[people.km.pk]), {
        "position": positions["Chi hội trưởng"].pk, "unit": tree.km_area.pk,
        "start_date": "05/09/2022", "end_date": "01/01/2021",
    })
    assert "Ngày kết thúc phải sau ngày bắt đầu." in resp.content.decode()
    resp = c.post(reverse("people:assignment_create", args=[people.km.pk]), {
        "position": positions["Chi hội trưởng"].pk, "unit": tree.km_area.pk, "start_date": "05/09/2022",
    })
    assert resp.status_code == 302
    a = Assignment.objects.get(person=people.km, position=positions["Chi hội trưởng"])
    assert a.start_date.isoformat() == "2022-09-05"


@pytest.mark.django_db
def test_filter_by_successor_ward_includes_the_merged_wards_people(people, users, tree, client_as):
    html = client_as(users.district).get(reverse("people:directory"), {"unit": tree.khuong_mai.pk}).content.decode()
    assert names_in(html) == ["Nguyễn Thị Đức Hạnh"]
    # The district user does not reach the new ward; the new ward's user filters by its own unit.
    html = client_as(users.new_ward).get(reverse("people:directory"), {"unit": tree.phuong_liet.pk}).content.decode()
    assert names_in(html) == ["Nguyễn Thị Đức Hạnh"]


@pytest.mark.django_db
def test_position_catalogue_lists_abbreviations_and_only_admins_add(users, tree, make_user, client_as):
    from doanket.core.permissions import Role
    from doanket.people.models import Position

    body = client_as(users.ward).get(reverse("people:positions")).content.decode()
    assert "Ủy viên Ban Thường vụ" in body and "UVTV" in body and "Phó Trưởng Ban Dân vận Quận ủy" in body
    resp = client_as(users.ward).post(reverse("people:positions"), {"name": "Chức vụ mới", "body": "front", "rank": 90})
    assert resp.status_code == 403 and not Position.objects.filter(name="Chức vụ mới").exists()
    admin = make_user("quantri", tree.district, Role.ADMIN)
    resp = client_as(admin).post(reverse("people:positions"),
                                 {"name": "Trưởng Ban Tuyên giáo Quận ủy", "abbreviation": "", "body": "party", "rank": 36})
    assert resp.status_code == 302 and Position.objects.filter(name="Trưởng Ban Tuyên giáo Quận ủy").exists()


@pytest.mark.django_db
def test_deleted_people_stay_listed_with_who_deleted_them_inside_the_reach(people, users, client_as):
    client_as(users.ward).post(reverse("people:delete", args=[people.km.pk]))
    from django.test import Client

    other = Client()
    other.force_login(users.other_ward)
    other.post(reverse("people:delete", args=[people.nc.pk]))
    body = client_as(users.ward).get(reverse("people:deleted")).content.decode()
    assert "Nguyễn Thị Đức Hạnh" in body and "khuongmai" in body
    assert "Trần Văn Đức" not in body
    assert client_as(users.viewer).get(reverse("people:deleted")).status_code == 403
