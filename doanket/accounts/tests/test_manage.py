import pytest
from django.urls import reverse

from doanket.accounts.models import RoleGrant, User
from doanket.accounts.selectors import user_reach
from doanket.core.permissions import Role
from doanket.people.permissions import PersonPerm


@pytest.fixture
def district_admin(tree, make_user):
    return make_user("admin-quan", tree.district, Role.ADMIN)


@pytest.mark.django_db
def test_admin_creates_a_ward_login_with_a_role(tree, district_admin, client):
    client.force_login(district_admin)
    resp = client.post(reverse("accounts:user_create"), {
        "username": "canbo.khuongmai", "full_name": "Lê Thị Lan", "unit": tree.khuong_mai.pk,
        "password": "Mat-khau-rat-kho-2025", "roles": [Role.DATA_ENTRY],
    })
    assert resp.status_code == 302
    user = User.objects.get(username="canbo.khuongmai")
    assert user.check_password("Mat-khau-rat-kho-2025")
    assert user_reach(user, PersonPerm.MANAGE).covers(tree.km_area.path)
    assert not user_reach(user, PersonPerm.MANAGE).covers(tree.nhan_chinh.path)
    # Who granted it is recorded.
    assert RoleGrant.history.filter(user_id=user.pk).first().history_user == district_admin


@pytest.mark.django_db
def test_weak_password_is_refused_in_vietnamese(tree, district_admin, client):
    client.force_login(district_admin)
    resp = client.post(reverse("accounts:user_create"), {
        "username": "yeu", "full_name": "Yếu", "unit": tree.khuong_mai.pk, "password": "123", "roles": [Role.VIEWER],
    })
    assert resp.status_code == 200 and "Mật khẩu" in resp.content.decode()
    assert not User.objects.filter(username="yeu").exists()


@pytest.mark.django_db
def test_ward_admin_cannot_grant_at_the_district(tree, users, make_user, client):
    ward_admin = make_user("admin-phuong", tree.khuong_mai, Role.ADMIN)
    client.force_login(ward_admin)
    resp = client.post(reverse("accounts:user_detail", args=[users.ward.pk]),
                       {"role": Role.ADMIN, "unit": tree.district.pk})
    assert resp.status_code == 200  # the district is not a choice
    assert not RoleGrant.objects.filter(user=users.ward, unit=tree.district).exists()
    assert client.get(reverse("accounts:user_detail", args=[users.district.pk])).status_code == 404


@pytest.mark.django_db
def test_non_admin_gets_403_on_account_pages(users, client):
    client.force_login(users.ward)
    assert client.get(reverse("accounts:user_list")).status_code == 403


@pytest.mark.django_db
def test_lock_and_revoke(tree, users, district_admin, client):
    client.force_login(district_admin)
    grant = users.ward.role_grants.get()
    assert client.post(reverse("accounts:grant_revoke", args=[grant.pk])).status_code == 302
    assert not users.ward.role_grants.exists()
    client.post(reverse("accounts:user_toggle_active", args=[users.ward.pk]))
    users.ward.refresh_from_db()
    assert users.ward.is_active is False


@pytest.mark.django_db
def test_menu_shows_accounts_only_to_administrators(users, district_admin, client):
    client.force_login(users.ward)
    assert reverse("accounts:user_list") not in client.get(reverse("orgunits:tree")).content.decode()
    client.force_login(district_admin)
    assert reverse("accounts:user_list") in client.get(reverse("orgunits:tree")).content.decode()
