"""Rate limits on the public doors (issue 11; doanket/core/ratelimit.py): for each door the N+1th attempt in
the window is refused with the Vietnamese 429 page and `Retry-After`, attempts below the limit are not; limits
count per address and per target; and they hold across two processes sharing Redis."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache

from doanket.core.permissions import Role

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 3
REFUSED_TEXT = "Quá nhiều yêu cầu"

# door -> (method, url, data for attempt i, target-changing data for attempt i, login needed)
DOORS = {
    "ballot_code": ("post", lambda i: "/binh-chon/999999/", lambda i: {"code": f"SAI{i}"}, False),
    "invitation_code": ("get", lambda i: "/loi-moi/KHONGCO/", lambda i: {}, False),
    "password_reset": ("post", lambda i: "/tai-khoan/quen-mat-khau/", lambda i: {"email": "ai@example.vn"}, False),
    "citizen_email": ("post", lambda i: "/binh-chon/cong-dan/", lambda i: {"email": "cd@example.vn"}, False),
    "petition_code": ("get", lambda i: "/phan-anh-kien-nghi/tra-cuu/", lambda i: {"code": "PA-KHONGCO"}, False),
    "public_search": ("get", lambda i: "/tim-kiem/", lambda i: {"q": f"hội nghị {i}"}, False),
    "person_create": ("post", lambda i: "/quan-ly/nguoi/them/", lambda i: {"full_name": ""}, True),
}


@pytest.fixture
def limits(settings):
    """Limits on, small, with a clean count."""
    settings.RATELIMIT_ENABLE = True
    # Per hour: counters live in fixed windows, and a window ending between two attempts would reset them.
    settings.DOANKET_RATELIMITS = {door: {"address": f"{LIMIT}/h", "target": f"{LIMIT}/h", "account": f"{LIMIT}/h"}
                                   for door in DOORS}
    cache.clear()
    yield settings
    cache.clear()


def _attempt(client, door, i, ip="10.9.0.1"):
    method, url, data, _login = DOORS[door]
    with_mail = door == "password_reset"
    resp = getattr(client, method)(url(i), data(i), REMOTE_ADDR=ip)
    return resp, with_mail


@pytest.mark.django_db
@pytest.mark.parametrize("door", sorted(DOORS))
def test_the_attempt_after_the_limit_is_refused_and_those_below_are_not(door, limits, tree, users, make_user,
                                                                         client, django_capture_on_commit_callbacks):
    if DOORS[door][3]:
        client.force_login(make_user("nhaplieu", tree.nhan_chinh, Role.DATA_ENTRY))
    with django_capture_on_commit_callbacks(execute=False):
        for i in range(LIMIT):
            resp, _m = _attempt(client, door, i)
            assert resp.status_code != 429, f"{door}: attempt {i + 1} refused"
        resp, _m = _attempt(client, door, LIMIT)
    assert resp.status_code == 429
    assert 0 < int(resp["Retry-After"]) <= 3600
    assert REFUSED_TEXT in resp.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("door", ["invitation_code", "password_reset", "citizen_email"])
def test_one_target_from_many_addresses_is_limited(door, limits, tree, client, django_capture_on_commit_callbacks):
    """Many addresses against one code or one mailbox: the target's own count stops them."""
    with django_capture_on_commit_callbacks(execute=False):
        statuses = [_attempt(client, door, 0, ip=f"10.8.0.{i}")[0].status_code for i in range(LIMIT + 1)]
    assert 429 not in statuses[:LIMIT] and statuses[LIMIT] == 429


@pytest.mark.django_db
def test_one_address_against_many_targets_is_limited(limits, tree, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        statuses = [client.post("/tai-khoan/quen-mat-khau/", {"email": f"n{i}@example.vn"}, REMOTE_ADDR="10.7.0.1")
                    .status_code for i in range(LIMIT + 1)]
    assert 429 not in statuses[:LIMIT] and statuses[LIMIT] == 429
    # Another address is not affected.
    with django_capture_on_commit_callbacks(execute=False):
        assert client.post("/tai-khoan/quen-mat-khau/", {"email": "khac@example.vn"},
                           REMOTE_ADDR="10.7.0.2").status_code == 302


@pytest.mark.django_db
def test_the_api_refuses_with_json(limits, tree, make_user, client):
    client.force_login(make_user("nhaplieu", tree.nhan_chinh, Role.DATA_ENTRY))
    payload = {"full_name": "", "unit": tree.nhan_chinh.pk}
    for _i in range(LIMIT):
        assert client.post("/api/people", payload, content_type="application/json").status_code == 400
    resp = client.post("/api/people", payload, content_type="application/json")
    assert resp.status_code == 429 and resp["Retry-After"] and "Quá nhiều yêu cầu" in resp.json()["detail"]


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.3):
            return True
    except OSError:
        return False


# Another process: the same settings, the same Redis; it tries the password-reset door twice and prints what it got.
OTHER_PROCESS = """
import django, json, os, sys
django.setup()
from django.conf import settings
from django.test import Client
settings.RATELIMIT_ENABLE = True
settings.ALLOWED_HOSTS = ["testserver"]
client = Client()
ip = sys.argv[1]
print(json.dumps([client.post("/tai-khoan/quen-mat-khau/", {"email": "x@example.vn"}, REMOTE_ADDR=ip).status_code
                  for _ in range(2)]))
"""


@pytest.mark.skipif(not _redis_up(), reason="no Redis at 127.0.0.1:6379")
@pytest.mark.django_db
def test_limits_hold_across_two_processes_sharing_redis(settings, tree, client, tmp_path,
                                                        django_capture_on_commit_callbacks):
    redis_url = "redis://127.0.0.1:6379/2"
    prefix = f"doanket-test-{secrets.token_hex(4)}"
    # Per day: the other process takes seconds to start, and a window ending meanwhile would reset the count.
    rates = {"password_reset": {"address": f"{LIMIT}/d", "target": "100/d"}}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url,
                                   "KEY_PREFIX": prefix}}
    settings.RATELIMIT_ENABLE = True
    settings.DOANKET_RATELIMITS = rates
    ip = f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250)}"
    with django_capture_on_commit_callbacks(execute=False):
        here = [client.post("/tai-khoan/quen-mat-khau/", {"email": "x@example.vn"}, REMOTE_ADDR=ip).status_code
                for _ in range(LIMIT - 1)]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "REDIS_URL": redis_url,
           "DOANKET_RATELIMITS": json.dumps(rates), "DATABASE_URL": f"sqlite:///{tmp_path / 'other.sqlite3'}",
           "DOANKET_TEST_CACHE_PREFIX": prefix}
    use_prefix = "django.setup()\nsettings.CACHES['default']['KEY_PREFIX'] = os.environ['DOANKET_TEST_CACHE_PREFIX']"
    script = "import os\nfrom django.conf import settings\n" + OTHER_PROCESS.replace("django.setup()", use_prefix)
    out = subprocess.run([sys.executable, "-c", script, ip], cwd=ROOT, env=env, capture_output=True,  # noqa: S603
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    there = json.loads(out.stdout.strip().splitlines()[-1])
    # The other process saw this one's attempts: its first is the limit-th, its second over the limit.
    assert here == [302] * (LIMIT - 1) and there == [302, 429]
    # And this one sees the other's.
    assert client.post("/tai-khoan/quen-mat-khau/", {"email": "x@example.vn"}, REMOTE_ADDR=ip).status_code == 429
    cache.delete_many([k.decode().split(":", 2)[2] for k in cache._cache.get_client().scan_iter(f"{prefix}:*")])
