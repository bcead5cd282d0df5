"""Every route of the project, enumerated from the URL resolver (not a hand-kept list): a ward user
reaching for another ward's unit, person or assignment gets 404, and no page shows another ward's
data. A new route whose object type this test cannot tell fails here until it is classified."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from doanket.accounts.permissions import Perm, Role
from doanket.accounts.selectors import user_reach
from doanket.events.tests.isolation import foreign_event_records
from doanket.news import services as news_services
from doanket.news.models import Category
from doanket.people.models import Assignment
from doanket.polls import services as poll_services

# Routes that are not about a unit's data.
OPEN_ROUTES = {"set_language", "login", "logout", "openapi-json", "openapi-view", "api-root", "manage_home",
               # Password reset by e-mail: for anyone, and answers the same whoever asks (tested in accounts).
               "password_reset", "password_reset_done", "password_reset_confirm", "password_reset_complete"}
SKIP_PREFIXES = ("van-hanh/",)  # Django admin: operators only (is_staff), covered by Django itself
# Values for route parameters that are not object ids.
SAMPLE_VALUES = {"kind": ["units", "people", "assignments", "don-vi", "nguoi", "chuc-vu"],
                 "slug": ["hoat-dong-mat-tran", "khong-co"], "path": ["khong-co.jpg"], "token": ["lien-ket-sai"]}
# Unpublished records of the other ward (a draft article, a draft poll): never on any page, public or not.
UNPUBLISHED = ["Bản nháp riêng của Nhân Chính", "Bình chọn nội bộ Nhân Chính"]
# Text of the other ward that must never appear for the Khương Mai user.
FOREIGN = ["Trần Văn Đức", "Phường Nhân Chính", "0911111111", "nhanchinh", *UNPUBLISHED]
# The citizens' site: no login, the same answer for everyone (200 or 404), published data only.
PUBLIC_NAMESPACES = {"news_public", "polls_public", "events_public"}
PUBLIC_STATUSES = (200, 301, 302, 404, 405)


def routes():
    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern), p.name

    for route, name in walk(get_resolver().url_patterns):
        if route.startswith(SKIP_PREFIXES) or name in OPEN_ROUTES or route == "":
            continue
        yield route, name


ROUTES = sorted(set(routes()))


def public_routes() -> set[str]:
    def walk(patterns, prefix="", public=False):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern), public or p.namespace in PUBLIC_NAMESPACES)
            elif public:
                yield prefix + str(p.pattern)

    return set(walk(get_resolver().url_patterns))


PUBLIC_ROUTES = public_routes()
PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def object_kind(route: str, param: str) -> str | None:
    """Which model an id parameter of this route names, from the route's own words."""
    before = route[: route.index(f"{param}>")]
    last_word = re.findall(r"(don-vi|nguoi|chuc-vu|units|people|assignments|tai-khoan|vai-tro|su-kien|doi-tuong|"
                           r"thu-moi|khach-moi|bao-cao-vien|chuong-trinh|tai-lieu|loi-moi|tin-tuc|phien-ban|binh-chon|"
                           r"nhom|lua-chon|ma-phieu)/", before)
    if not last_word:
        return None
    return {"don-vi": "unit", "units": "unit", "nguoi": "person", "people": "person",
            "chuc-vu": "assignment", "assignments": "assignment", "tai-khoan": "user",
            "vai-tro": "grant", "su-kien": "event", "doi-tuong": "rule", "thu-moi": "invitation",
            "khach-moi": "guest", "bao-cao-vien": "speaker", "chuong-trinh": "item", "tai-lieu": "material",
            "loi-moi": "code", "tin-tuc": "article", "phien-ban": "revision", "binh-chon": "poll",
            "nhom": "group", "lua-chon": "option", "ma-phieu": "batch"}[last_word[-1]]


def build_urls(route: str, foreign: dict[str, int]) -> list[str]:
    urls = [route]
    for _conv, param in PARAM.findall(route):
        kind = object_kind(route, param)
        if param in SAMPLE_VALUES:
            values = SAMPLE_VALUES[param]
        elif kind is not None:
            values = [str(foreign[kind])]
        else:
            pytest.fail(f"route {route!r}: cannot tell what <{param}> names; classify it in tests/test_isolation.py")
        urls = [re.sub(rf"<(?:\w+:)?{param}>", v, u, count=1) for u in urls for v in values]
    return ["/" + u for u in urls]


@pytest.fixture
def foreign(people, users, tree):
    """Records of Phường Nhân Chính, the ward next door."""
    return {"unit": people.nc.unit_id, "person": people.nc.pk,
            "assignment": Assignment.objects.filter(person=people.nc).values_list("pk", flat=True).first(),
            "user": users.other_ward.pk, "grant": users.other_ward.role_grants.values_list("pk", flat=True).first(),
            # Events: an event of Nhân Chính and each of its parts; "code" is an unknown invitation code
            # (a code is its holder's credential, see doanket/events/tests/isolation.py).
            **foreign_event_records(people.nc),
            # News and polls: an unpublished article and a draft poll of Nhân Chính, and their parts.
            **foreign_news_and_poll_records(tree)}


def foreign_news_and_poll_records(tree, ward=None, area=None, titles=UNPUBLISHED) -> dict[str, int]:
    ward, area = ward or tree.nhan_chinh, area or tree.nc_area
    article = news_services.article_create(actor=None, unit=ward, title=titles[0], body="x",
                                           categories=list(Category.objects.all()[:1]))
    now = timezone.now()
    poll = poll_services.poll_create(actor=None, unit=ward, title=titles[1], opens_at=now,
                                     closes_at=now + dt.timedelta(days=1))
    group = poll_services.group_add(actor=None, poll=poll, name="Nhóm")
    option = poll_services.option_add(actor=None, group=group, name="Lựa chọn")
    batch = poll_services.codes_generate(actor=None, poll=poll, area=area, count=1)
    return {"article": article.pk, "revision": article.history.values_list("history_id", flat=True).first(),
            "poll": poll.pk, "group": group.pk, "option": option.pk, "batch": batch.pk}


@pytest.fixture
def ward_admin(tree, make_user):
    """The strongest ward-level account: every role at Phường Khương Mai."""
    return make_user("quantri-khuongmai", tree.khuong_mai, *Role.values)


def test_routes_were_found():
    names = {n for _r, n in ROUTES}
    assert {"detail", "directory", "tree"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "name"), ROUTES)
def test_ward_user_cannot_reach_another_wards_data(route, name, foreign, ward_admin, client):
    client.force_login(ward_admin)
    public = route in PUBLIC_ROUTES
    has_object = any(object_kind(route, p) for _c, p in PARAM.findall(route))
    for url in build_urls(route, foreign):
        for method in ("get", "post", "patch", "delete"):
            resp = getattr(client, method)(url, content_type="application/json") if method in ("patch", "delete") \
                else getattr(client, method)(url)
            body = resp.content.decode("utf-8", "replace") if not resp.streaming else ""
            if public:
                assert resp.status_code in PUBLIC_STATUSES, f"{method.upper()} {url} answered {resp.status_code}"
            elif has_object:
                assert resp.status_code in (404, 405), f"{method.upper()} {url} answered {resp.status_code}"
            else:
                assert resp.status_code < 500, f"{method.upper()} {url} answered {resp.status_code}"
            for text in UNPUBLISHED if public else FOREIGN:
                assert text not in body, f"{method.upper()} {url} shows {text!r}"


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "name"), ROUTES)
def test_anonymous_reaches_nothing(route, name, foreign, client):
    for url in build_urls(route, foreign):
        resp = client.get(url)
        if route in PUBLIC_ROUTES:
            assert resp.status_code in PUBLIC_STATUSES, f"GET {url} answered {resp.status_code}"
            body = resp.content.decode("utf-8", "replace") if not resp.streaming else ""
            assert not any(text in body for text in UNPUBLISHED), f"GET {url} shows an unpublished record"
            continue
        assert resp.status_code in (302, 401, 403, 404, 405), f"GET {url} answered {resp.status_code}"
        if resp.status_code == 302:
            assert resp["Location"].startswith("/tai-khoan/dang-nhap/")


@pytest.fixture
def own(people, users, tree):
    """The same kinds of records, of the user's own ward (Phường Khương Mai)."""
    return {"unit": people.km.unit_id, "person": people.km.pk,
            "assignment": Assignment.objects.filter(person=people.km).values_list("pk", flat=True).first(),
            "user": users.ward.pk, "grant": users.ward.role_grants.values_list("pk", flat=True).first(),
            **foreign_event_records(people.km),
            **foreign_news_and_poll_records(tree, tree.khuong_mai, tree.km_area,
                                            ["Bản nháp của Khương Mai", "Bình chọn của Khương Mai"])}


# Public routes answer by publication status (a draft poll is 404 to everyone), not by the user's reach.
OBJECT_ROUTES = [(r, n) for r, n in ROUTES
                 if r not in PUBLIC_ROUTES and any(object_kind(r, p) for _c, p in PARAM.findall(r))]


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
def test_each_role_inside_its_subtree_is_answered_allowed_or_403(role, own, tree, make_user, client):
    """Inside the subtree no route answers 404 or fails: a role either may (200, or a redirect after
    doing it) or is told it may not (403). Objects named by a personal code are the exception: an
    unknown code is a 404 by design (the code is the credential)."""
    user = make_user(f"vai-tro-{role}", tree.khuong_mai, role)
    client.force_login(user)
    no_polls = user_reach(user, Perm.POLL_MANAGE).is_empty and user_reach(user, Perm.POLL_TALLY).is_empty
    no_news = user_reach(user, Perm.NEWS_WRITE).is_empty and user_reach(user, Perm.NEWS_PUBLISH).is_empty
    for route, _name in OBJECT_ROUTES:
        if "<str:code>" in route:
            continue
        for url in build_urls(route, own):
            resp = client.get(url)
            allowed = {200, 302, 403, 405}
            # Documented 404s inside the subtree: drafts of polls and articles do not exist for a role
            # without any poll or news permission (there is no "view" right for them); a certificate
            # PDF of an event where nobody was present has nothing to show; the fixture's material has
            # no file on disk.
            if ((no_polls and route.startswith("quan-ly/binh-chon/")) or route.endswith("chung-nhan.pdf")
                    or (no_news and route.startswith("quan-ly/tin-tuc/"))
                    or route.startswith("quan-ly/su-kien/tai-lieu/")):
                allowed.add(404)
            assert resp.status_code in allowed, f"{role}: GET {url} answered {resp.status_code}"


# Every route acting on an account or a role grant (found by the resolver, like the routes above).
ACCOUNT_ROUTES = [(r, n) for r, n in ROUTES
                  if any(object_kind(r, p) in ("user", "grant") for _c, p in PARAM.findall(r))]


@pytest.mark.django_db
def test_ward_admin_has_no_authority_over_an_account_holding_more(tree, make_user, ward_admin, client):
    """Authority over accounts is a second axis next to objects: an account working at the ward but
    holding a role above it is visible to the ward's strongest account, and beyond every action of it
    (lock, unlock, two-step and password resets, grant, revoke) — a POST to any account route changes nothing."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from doanket.accounts.models import RoleGrant, User

    stronger = make_user("quan-o-phuong", tree.khuong_mai, Role.VIEWER)
    User.objects.filter(pk=stronger.pk).update(email="quan@example.vn")
    RoleGrant.objects.create(user=stronger, unit=tree.district, role=Role.ADMIN)
    TOTPDevice.objects.create(user=stronger, name="app", confirmed=True)

    def state():
        user = User.objects.get(pk=stronger.pk)
        return (user.is_active, user.history.count(), TOTPDevice.objects.filter(user=user).count(),
                sorted(RoleGrant.objects.filter(user=user).values_list("unit_id", "role")))

    before = state()
    ids = {"user": stronger.pk, "grant": stronger.role_grants.get(unit=tree.khuong_mai).pk}
    client.force_login(ward_admin)
    assert ACCOUNT_ROUTES
    for route, _name in ACCOUNT_ROUTES:
        for url in build_urls(route, ids):
            resp = client.post(url, {"role": Role.VIEWER, "unit": tree.km_area.pk})
            assert resp.status_code in (403, 405), f"POST {url} answered {resp.status_code}"
    assert state() == before
