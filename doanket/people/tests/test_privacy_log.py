"""Who saw whose personal data is logged, and administrators read the log of their subtree only."""

import pytest
from django.urls import reverse

from doanket.core.permissions import Role
from doanket.people.models import AccessAction, PersonalDataAccess


@pytest.mark.django_db
def test_unmasked_view_is_logged_masked_view_is_not(people, users, client):
    client.force_login(users.viewer)
    client.get(reverse("people:detail", args=[people.km.pk]))
    assert not PersonalDataAccess.objects.exists()
    client.force_login(users.district)
    client.get(reverse("people:detail", args=[people.km.pk]))
    row = PersonalDataAccess.objects.get()
    assert (row.actor, row.person, row.action, row.unit) == (users.district, people.km, AccessAction.VIEW,
                                                               people.km.unit)


@pytest.mark.django_db
def test_export_with_personal_data_is_logged_with_a_count(people, users, client):
    client.force_login(users.district)
    resp = client.get(reverse("importexport:export", args=["nguoi"]))
    assert resp.status_code == 200
    row = PersonalDataAccess.objects.get(action=AccessAction.EXPORT)
    assert row.record_count == 3  # Thảo, Đức Hạnh and Đức have a phone; Văn Hùng Sơn has none


@pytest.mark.django_db
def test_api_list_logs_each_person_once_in_one_insert(people, users, client, django_assert_max_num_queries):
    client.force_login(users.district)
    resp = client.get("/api/people")
    assert resp.status_code == 200
    assert PersonalDataAccess.objects.filter(action=AccessAction.API).count() == 3


@pytest.mark.django_db
def test_log_page_is_for_administrators_and_scoped(people, users, tree, make_user, client):
    from django.test import Client

    other = Client()
    other.force_login(users.district)
    other.get(reverse("people:detail", args=[people.nc.pk]))  # a Nhân Chính person
    other.get(reverse("people:detail", args=[people.km.pk]))  # a Khương Mai person
    client.force_login(users.ward)
    assert client.get(reverse("people:privacy_log")).status_code == 403
    client.force_login(make_user("admin-km", tree.khuong_mai, Role.ADMIN))
    body = client.get(reverse("people:privacy_log")).content.decode()
    assert "Nguyễn Thị Đức Hạnh" in body and "Trần Văn Đức" not in body
