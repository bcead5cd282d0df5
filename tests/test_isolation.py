"""Every route of the project, enumerated from the URL resolver (not a hand-kept list): a ward user
reaching for another ward's unit, person or assignment gets 404, and no page shows another ward's
data. A new route whose object type this test cannot tell fails here until it is classified."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from doanket.accounts.permissions import Role
from doanket.people.models import Assignment

# Routes that are not about a unit's data.
OPEN_ROUTES = {"set_language", "login", "logout", "openapi-json", "openapi-view", "api-root", "manage_home"}
SKIP_PREFIXES = ("van-hanh/",)  # Django admin: operators only (is_staff), covered by Django itself
# Values for route parameters that are not object ids.
SAMPLE_VALUES = {"kind": ["units", "people", "assignments", "don-vi", "nguoi", "chuc-vu"]}
# Text of the other ward that must never appear for the Khương Mai user.
FOREIGN = ["Trần Văn Đức", "Phường Nhân Chính", "0911111111", "nhanchinh"]


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
PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def object_kind(route: str, param: str) -> str | None:
    """Which model an id parameter of this route names, from the route's own words."""
    before = route[: route.index(f"{param}>")]
    last_word = re.findall(r"(don-vi|nguoi|chuc-vu|units|people|assignments|tai-khoan|vai-tro)/", before)
    if not last_word:
        return None
    return {"don-vi": "unit", "units": "unit", "nguoi": "person", "people": "person",
            "chuc-vu": "assignment", "assignments": "assignment", "tai-khoan": "user",
            "vai-tro": "grant"}[last_word[-1]]


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
def foreign(people, users):
    """Records of Phường Nhân Chính, the ward next door."""
    return {"unit": people.nc.unit_id, "person": people.nc.pk,
            "assignment": Assignment.objects.filter(person=people.nc).values_list("pk", flat=True).first(),
            "user": users.other_ward.pk, "grant": users.other_ward.role_grants.values_list("pk", flat=True).first()}


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
    has_object = any(object_kind(route, p) for _c, p in PARAM.findall(route))
    for url in build_urls(route, foreign):
        for method in ("get", "post", "patch", "delete"):
            resp = getattr(client, method)(url, content_type="application/json") if method in ("patch", "delete") \
                else getattr(client, method)(url)
            body = resp.content.decode("utf-8", "replace") if not resp.streaming else ""
            if has_object:
                assert resp.status_code in (404, 405), f"{method.upper()} {url} answered {resp.status_code}"
            else:
                assert resp.status_code < 500, f"{method.upper()} {url} answered {resp.status_code}"
            for text in FOREIGN:
                assert text not in body, f"{method.upper()} {url} shows {text!r}"


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "name"), ROUTES)
def test_anonymous_reaches_nothing(route, name, foreign, client):
    for url in build_urls(route, foreign):
        resp = client.get(url)
        assert resp.status_code in (302, 401, 403, 404, 405), f"GET {url} answered {resp.status_code}"
        if resp.status_code == 302:
            assert resp["Location"].startswith("/tai-khoan/dang-nhap/")
