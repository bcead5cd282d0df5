"""Two-factor authentication: required for administrators and the standing committee when
DOANKET_REQUIRE_2FA is on, optional for others, recovery codes that work once and are stored hashed."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from doanket.accounts import twofactor
from doanket.accounts.models import RecoveryCode

LOGIN = "/tai-khoan/dang-nhap/"
PASSWORD = "mat-khau-thu-nghiem"
TREE = "/quan-ly/don-vi/"


def totp_now(device: TOTPDevice) -> str:
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def password_login(client, username):
    resp = client.post(LOGIN, {"username": username, "password": PASSWORD})
    assert resp.status_code == 302
    return resp


@pytest.fixture
def require_2fa(settings):
    settings.DOANKET_REQUIRE_2FA = True


def enrol(client, username) -> tuple[TOTPDevice, list[str]]:
    """Log in with the password and go through the setup page; returns the device and recovery codes."""
    password_login(client, username)
    resp = client.get(reverse("accounts:twofactor_setup"))
    assert resp.status_code == 200 and "data:image/svg+xml" in resp.content.decode()
    device = TOTPDevice.objects.get(user__username=username, confirmed=False)
    resp = client.post(reverse("accounts:twofactor_setup"), {"code": totp_now(device), "next": TREE})
    assert resp.status_code == 200
    codes = re.findall(r"<code>([A-Z0-9]{5}-[A-Z0-9]{5})</code>", resp.content.decode())
    device.refresh_from_db()
    return device, codes


@pytest.mark.django_db
def test_standing_committee_must_set_up_2fa_before_any_manage_page(require_2fa, users, client):
    password_login(client, "quan")  # Ban Thường trực of the district
    resp = client.get(TREE)
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("accounts:twofactor_setup"))
    assert client.get("/api/units").status_code == 403
    device, codes = enrol(client, "quan")
    assert device.confirmed and len(codes) == 10 and len(set(codes)) == 10
    assert client.get(TREE).status_code == 200


@pytest.mark.django_db
def test_after_the_password_the_code_is_asked_and_checked(require_2fa, users, client):
    device, _codes = enrol(client, "quan")
    client.logout()
    password_login(client, "quan")
    resp = client.get(TREE)
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("accounts:twofactor_verify"))
    # The setup page cannot be used to replace the authenticator before the code is given.
    assert client.get(reverse("accounts:twofactor_setup"))["Location"].startswith(reverse("accounts:twofactor_verify"))
    resp = client.post(reverse("accounts:twofactor_verify"), {"code": "000000", "next": TREE})
    assert resp.status_code == 200 and "Mã không đúng" in resp.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.last_t = -1
    device.save()
    resp = client.post(reverse("accounts:twofactor_verify"), {"code": totp_now(device), "next": TREE})
    assert resp.status_code == 302 and resp["Location"] == TREE
    assert client.get(TREE).status_code == 200


@pytest.mark.django_db
def test_recovery_code_works_once_and_is_stored_hashed(require_2fa, users, client):
    _device, codes = enrol(client, "quan")
    stored = set(RecoveryCode.objects.values_list("digest", flat=True))
    assert len(stored) == 10 and not any(c.replace("-", "") in d for c in codes for d in stored)
    for attempt, expected in ((codes[0].lower(), 302), (codes[0], 200)):
        client.logout()
        password_login(client, "quan")
        resp = client.post(reverse("accounts:twofactor_verify"), {"code": attempt, "next": TREE})
        assert resp.status_code == expected
    assert twofactor.recovery_remaining(users.district) == 9


@pytest.mark.django_db
def test_without_the_requirement_nobody_is_forced_but_an_enrolled_user_is_asked(settings, users, client):
    settings.DOANKET_REQUIRE_2FA = False  # local and test settings: the demo logins work with a password
    password_login(client, "quan")
    assert client.get(TREE).status_code == 200
    assert not twofactor.is_required(users.district)
    # A data-entry cadre turns it on voluntarily: from then on the code is asked.
    client.logout()
    enrol(client, "khuongmai")
    client.logout()
    password_login(client, "khuongmai")
    assert client.get(TREE)["Location"].startswith(reverse("accounts:twofactor_verify"))


@pytest.mark.django_db
def test_optional_user_may_turn_it_off_required_user_may_not(require_2fa, users, client):
    enrol(client, "khuongmai")  # data entry: optional
    client.post(reverse("accounts:twofactor_disable"))
    assert not twofactor.is_enabled(users.ward)
    client.logout()
    enrol(client, "quan")  # standing committee: required
    resp = client.post(reverse("accounts:twofactor_disable"), follow=True)
    assert "bắt buộc" in resp.content.decode() and twofactor.is_enabled(users.district)


@pytest.mark.django_db
def test_an_administrator_resets_a_lost_phone(require_2fa, settings, tree, users, make_user, client):
    from doanket.core.permissions import Role

    enrol(client, "khuongmai")
    client.logout()
    admin = make_user("admin-quan", tree.district, Role.ADMIN)
    client.force_login(admin)
    twofactor.disable(admin)  # force_login bypasses the password step; verify the admin's session below
    from django_otp.plugins.otp_totp.models import TOTPDevice as Device

    device = Device.objects.create(user=admin, name="x", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    resp = client.post(reverse("accounts:user_twofactor_reset", args=[users.ward.pk]))
    assert resp.status_code == 302 and not twofactor.is_enabled(users.ward)
    assert users.ward.history.first().history_change_reason == "Đặt lại xác thực hai bước"
    # Outside the administrator's reach: 404.
    settings.DOANKET_REQUIRE_2FA = False
    other = make_user("admin-km", tree.khuong_mai, Role.ADMIN)
    client.force_login(other)
    Device.objects.create(user=users.other_ward, name="x", confirmed=True)
    assert client.post(reverse("accounts:user_twofactor_reset", args=[users.other_ward.pk])).status_code == 404
    assert twofactor.is_enabled(users.other_ward)
