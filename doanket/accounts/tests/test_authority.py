"""Authority over accounts follows the grants an account holds, not the unit it works at (issue 11).

The grid: every account action × an account whose grants lie above, beside or inside the acting
administrator's reach. All three accounts work at the administrator's own ward, so each is visible on
the account pages; only the one whose every grant lies inside the reach may be acted on."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from doanket.accounts import services
from doanket.accounts.models import RoleGrant, User
from doanket.core.permissions import Role

PLACES = ("above", "beside", "inside")


@pytest.fixture
def ward_admin(tree, make_user):
    return make_user("admin-khuongmai", tree.khuong_mai, Role.ADMIN)


@pytest.fixture
def accounts(tree, make_user) -> dict[str, User]:
    """Three accounts working at Phường Khương Mai; the second grant of each lies above (the district),
    beside (the neighbouring ward) or inside (a residential area of the ward) the ward administrator's reach."""
    second = {"above": tree.district, "beside": tree.nhan_chinh, "inside": tree.km_area}
    made = {}
    for place, unit in second.items():
        user = make_user(f"tk-{place}", tree.khuong_mai, Role.VIEWER)
        user.email = f"{place}@example.vn"
        user.save(update_fields=["email"])
        RoleGrant.objects.create(user=user, unit=unit, role=Role.ADMIN)
        TOTPDevice.objects.create(user=user, name="app", confirmed=True)
        made[place] = user
    return made


def _lock(client, account, tree):
    return client.post(reverse("accounts:user_toggle_active", args=[account.pk]))


def _locked(account):
    return not User.objects.get(pk=account.pk).is_active


def _unlock(client, account, tree):
    User.objects.filter(pk=account.pk).update(is_active=False)
    return client.post(reverse("accounts:user_toggle_active", args=[account.pk]))


def _unlocked(account):
    return User.objects.get(pk=account.pk).is_active


def _reset_2fa(client, account, tree):
    return client.post(reverse("accounts:user_twofactor_reset", args=[account.pk]))


def _2fa_removed(account):
    return not TOTPDevice.objects.filter(user=account).exists()


def _reset_password(client, account, tree):
    return client.post(reverse("accounts:user_password_reset", args=[account.pk]))


def _reset_sent(account):
    return User.history.filter(id=account.pk, history_change_reason="Gửi liên kết đặt lại mật khẩu").exists()


def _grant(client, account, tree):
    return client.post(reverse("accounts:user_detail", args=[account.pk]),
                       {"role": Role.EDITOR, "unit": tree.khuong_mai.pk})


def _granted(account):
    return RoleGrant.objects.filter(user=account, role=Role.EDITOR).exists()


def _revoke(client, account, tree):
    grant = RoleGrant.objects.get(user=account, role=Role.VIEWER)  # the grant on the ward itself: in the reach
    return client.post(reverse("accounts:grant_revoke", args=[grant.pk]))


def _revoked(account):
    return not RoleGrant.objects.filter(user=account, role=Role.VIEWER).exists()


ACTIONS = {
    "lock": (_lock, _locked),
    "unlock": (_unlock, _unlocked),
    "reset_2fa": (_reset_2fa, _2fa_removed),
    "reset_password": (_reset_password, _reset_sent),
    "grant": (_grant, _granted),
    "revoke": (_revoke, _revoked),
}


@pytest.mark.django_db
@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_account_actions_need_every_grant_inside_the_reach(action, place, tree, ward_admin, accounts, client,
                                                           django_capture_on_commit_callbacks):
    do, done = ACTIONS[action]
    account = accounts[place]
    client.force_login(ward_admin)
    with django_capture_on_commit_callbacks(execute=False):
        resp = do(client, account, tree)
    if place == "inside":
        assert resp.status_code == 302, resp.content.decode()[:500]
        assert done(account)
    else:
        assert resp.status_code == 403
        assert not done(account)
        assert "ngoài phạm vi của bạn" in resp.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_the_district_administrator_may_act_on_all_three_but_not_on_an_operator(action, tree, make_user, accounts,
                                                                                client, django_capture_on_commit_callbacks):
    """Above the ward, the district administrator's reach holds the district and both wards; the province
    grant of an operator-like account stays beyond it."""
    district_admin = make_user("admin-quan", tree.district, Role.ADMIN)
    do, done = ACTIONS[action]
    client.force_login(district_admin)
    for place in ("above", "beside"):
        with django_capture_on_commit_callbacks(execute=False):
            assert do(client, accounts[place], tree).status_code == 302
        assert done(accounts[place])
    RoleGrant.objects.create(user=accounts["inside"], unit=tree.hanoi, role=Role.STANDING)
    with django_capture_on_commit_callbacks(execute=False):
        assert do(client, accounts["inside"], tree).status_code == 403
    assert not done(accounts["inside"])


@pytest.mark.django_db
def test_account_page_shows_grants_beyond_the_reach_without_buttons(tree, ward_admin, accounts, client):
    client.force_login(ward_admin)
    page = client.get(reverse("accounts:user_detail", args=[accounts["above"].pk])).content.decode()
    assert "Quận Thanh Xuân" in page and "ngoài phạm vi của bạn" in page
    for name in ("user_toggle_active", "user_twofactor_reset", "user_password_reset"):
        assert reverse(f"accounts:{name}", args=[accounts["above"].pk]) not in page
    assert reverse("accounts:grant_revoke", args=[accounts["above"].role_grants.first().pk]) not in page
    assert "Cấp vai trò" not in page
    page = client.get(reverse("accounts:user_detail", args=[accounts["inside"].pk])).content.decode()
    for name in ("user_toggle_active", "user_twofactor_reset", "user_password_reset"):
        assert reverse(f"accounts:{name}", args=[accounts["inside"].pk]) in page
    assert "Cấp vai trò" in page and "ngoài phạm vi của bạn" not in page


@pytest.mark.django_db
def test_services_refuse_too_not_only_the_pages(tree, ward_admin, accounts):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.user_set_active(actor=ward_admin, user=accounts["above"], active=False)
    with pytest.raises(PermissionDenied):
        services.role_grant(actor=ward_admin, user=accounts["beside"], unit=tree.km_area, role=Role.VIEWER)


@pytest.mark.django_db(transaction=True)
def test_the_administrators_reset_mails_the_owner_a_working_link(reference_data, tree, ward_admin, accounts,
                                                                 client, mailoutbox):
    client.force_login(ward_admin)
    from doanket.core.tests.helpers import wait_after_response

    client.post(reverse("accounts:user_password_reset", args=[accounts["inside"].pk]))
    wait_after_response()
    assert [m.to for m in mailoutbox] == [["inside@example.vn"]]
    link = next(line for line in mailoutbox[0].body.splitlines() if "/tai-khoan/dat-lai-mat-khau/" in line)
    client.logout()
    assert client.get(link.split("testserver", 1)[1], follow=True).status_code == 200
