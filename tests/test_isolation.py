"""Every route of the project, enumerated from the URL resolver (not a hand-kept list): a ward user
reaching for another ward's records gets 404, and no page shows another ward's data. What each domain
plants and how its route words name record kinds come from the domains' `tests/isolation.py` modules
(registered in their domain.py), so a new domain is covered without editing this file. A new route whose
object type this test cannot tell fails here until its domain classifies it."""

from __future__ import annotations

import re
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from doanket.accounts.selectors import user_reach
from doanket.core.domains import domains, isolation_modules, mounts
from doanket.core.permissions import Role
from doanket.core.reference import reload_reference_data
from doanket.orgunits.models import UnitType
from doanket.people.models import Position
from tests.scenario import build_people, build_tree, build_users, create_user, positions_by_name

MODULES = isolation_modules()
# Routes that are not about a unit's data.
OPEN_ROUTES = {"set_language", "openapi-json", "openapi-view", "api-root", "manage_home",
               # Health endpoints for the load balancer: no data, only each dependency's state (core tests).
               "healthz", "readyz"}.union(
    *(getattr(m, "OPEN_ROUTES", set()) for m in MODULES))
SKIP_PREFIXES = ("van-hanh/",)  # Django admin: operators only (is_staff), covered by Django itself
# Values for route parameters that are not object ids.
SAMPLE_VALUES: dict[str, list[str]] = {"kind": ["units", "people", "assignments", "don-vi", "nguoi", "chuc-vu"]}
for _module in MODULES:
    SAMPLE_VALUES.update(getattr(_module, "SAMPLE_VALUES", {}))
ROUTE_WORDS: dict[str, str] = {word: kind for m in MODULES for word, kind in m.ROUTE_WORDS.items()}
# Route words are a domain's own vocabulary ("ho" is a fund's household and a movement's household), so a route
# is read with the words of the domain that mounts it first, then with everyone's.
_DOMAIN_WORDS = {d.label: import_module(d.isolation).ROUTE_WORDS for d in domains() if d.isolation}
WORDS_OF_URLCONF = {m.urls: _DOMAIN_WORDS.get(d.label, {}) for d in domains() for m in d.mounts}
WORDS_OF_API_PREFIX = {prefix.strip("/"): _DOMAIN_WORDS.get(d.label, {}) for d in domains() for prefix, _r in d.api}
# The citizens' site: no login, the same answer for everyone (200 or 404), published data only.
PUBLIC_URLCONFS = {m.urls for m in mounts() if m.public}
PUBLIC_STATUSES = (200, 301, 302, 404, 405)


def scope_of(ward, area, person, account) -> SimpleNamespace:
    return SimpleNamespace(ward=ward, area=area, person=person, account=account)


def texts(scope: SimpleNamespace, kind: str) -> list[str]:
    """`secret_texts`: never on any page, public or not, outside the ward; `ward_texts`: the ward's data,
    never shown to another ward's cadres (the secret texts included)."""
    found = [t for m in MODULES for t in getattr(m, "secret_texts", lambda s: [])(scope)]
    if kind == "ward":
        found += [t for m in MODULES for t in getattr(m, "ward_texts", lambda s: [])(scope)]
    return [t for t in found if t]


def records(scope: SimpleNamespace) -> dict[str, int | str]:
    planted: dict[str, int | str] = {}
    for module in MODULES:
        planted.update(module.records(scope))
    return planted


ROUTE_OWNER: dict[str, dict[str, str]] = {}  # route -> the words of the domain that mounts it


def routes():
    def walk(patterns, prefix="", words=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                own = WORDS_OF_URLCONF.get(getattr(p.urlconf_module, "__name__", ""), words)
                yield from walk(p.url_patterns, prefix + str(p.pattern), own)
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                owner = WORDS_OF_API_PREFIX.get(route.split("/")[1], words) if route.startswith("api/") else words
                ROUTE_OWNER[route] = owner or {}
                yield route, p.name

    for route, name in walk(get_resolver().url_patterns):
        if route.startswith(SKIP_PREFIXES) or name in OPEN_ROUTES or route == "":
            continue
        yield route, name


ROUTES = sorted(set(routes()))


def public_routes() -> set[str]:
    def walk(patterns, prefix="", public=False):
        for p in patterns:
            if isinstance(p, URLResolver):
                mine = getattr(p.urlconf_module, "__name__", None) in PUBLIC_URLCONFS
                yield from walk(p.url_patterns, prefix + str(p.pattern), public or mine)
            elif public:
                yield prefix + str(p.pattern)

    return set(walk(get_resolver().url_patterns))


PUBLIC_ROUTES = public_routes()
PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def object_kind(route: str, param: str) -> str | None:
    """Which record kind an id parameter of this route names, from the route's own words."""
    before = route[: route.index(f"{param}>")]
    vocabulary = {**ROUTE_WORDS, **ROUTE_OWNER.get(route, {})}
    words = "|".join(re.escape(w) for w in sorted(vocabulary, key=len, reverse=True))
    last_word = re.findall(rf"(?<![\w-])({words})/", before)
    return vocabulary[last_word[-1]] if last_word else None


def build_urls(route: str, foreign: dict[str, int]) -> list[str]:
    urls = [route]
    for _conv, param in PARAM.findall(route):
        kind = object_kind(route, param)
        if param in SAMPLE_VALUES:
            values = SAMPLE_VALUES[param]
        elif kind is not None:
            values = [str(foreign[kind])]
        else:
            pytest.fail(f"route {route!r}: cannot tell what <{param}> names; add its word to ROUTE_WORDS of the "
                        "domain's tests/isolation.py")
        urls = [re.sub(rf"<(?:\w+:)?{param}>", v, u, count=1) for u in urls for v in values]
    return ["/" + u for u in urls]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The tree, its people and accounts, and both wards' planted records, built once for this module's
    hundreds of tests inside one transaction; each test runs in a savepoint of it (pytest-django's `db`),
    so what a request writes is rolled back after the test, and the whole world at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        if not UnitType.objects.exists() or not Position.objects.exists():
            reload_reference_data()
        tree = build_tree({t.code: t for t in UnitType.objects.all()})
        users = build_users(tree)
        people = build_people(tree, positions_by_name())
        foreign_scope = scope_of(tree.nhan_chinh, tree.nc_area, people.nc, users.other_ward)
        world = SimpleNamespace(
            tree=tree, foreign_scope=foreign_scope, foreign=records(foreign_scope),
            # The same kinds of records, of the user's own ward (Phường Khương Mai).
            own=records(scope_of(tree.khuong_mai, tree.km_area, people.km, users.ward)),
            # The strongest ward-level account: every role at Phường Khương Mai.
            ward_admin=create_user("quantri-khuongmai", tree.khuong_mai, *Role.values),
        )
        yield world
        transaction.set_rollback(True)


@pytest.fixture
def foreign_scope(world) -> SimpleNamespace:
    """Phường Nhân Chính, the ward next door."""
    return world.foreign_scope


@pytest.fixture
def foreign(world):
    return world.foreign


@pytest.fixture
def ward_admin(world):
    return world.ward_admin


def test_routes_were_found():
    names = {n for _r, n in ROUTES}
    assert {"detail", "directory", "tree"} <= names


def test_every_domain_with_pages_plants_records_and_every_kind_is_routed():
    """The grid below is only as good as what it plants: every domain that mounts cadre pages names an
    isolation module, and each record kind its route words name is the id of some route."""
    assert all(d.isolation for d in domains() if any(not m.public for m in d.mounts) and d.label != "importexport")
    routed = {object_kind(r, p) for r, _n in ROUTES for _c, p in PARAM.findall(r)}
    assert set(ROUTE_WORDS.values()) <= routed
    assert len(OBJECT_ROUTES) >= 40


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "name"), ROUTES)
def test_ward_user_cannot_reach_another_wards_data(route, name, foreign, foreign_scope, ward_admin, client):
    client.force_login(ward_admin)
    secret, ward_data = texts(foreign_scope, "secret"), texts(foreign_scope, "ward")
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
            for text in secret if public else ward_data:
                assert text not in body, f"{method.upper()} {url} shows {text!r}"


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "name"), ROUTES)
def test_anonymous_reaches_nothing(route, name, foreign, foreign_scope, client):
    secret = texts(foreign_scope, "secret")
    for url in build_urls(route, foreign):
        resp = client.get(url)
        if route in PUBLIC_ROUTES:
            assert resp.status_code in PUBLIC_STATUSES, f"GET {url} answered {resp.status_code}"
            body = resp.content.decode("utf-8", "replace") if not resp.streaming else ""
            assert not any(text in body for text in secret), f"GET {url} shows an unpublished record"
            continue
        assert resp.status_code in (302, 401, 403, 404, 405), f"GET {url} answered {resp.status_code}"
        if resp.status_code == 302:
            assert resp["Location"].startswith("/tai-khoan/dang-nhap/")


@pytest.fixture
def own(world):
    return world.own


# Public routes answer by publication status (a draft poll is 404 to everyone), not by the user's reach.
OBJECT_ROUTES = [(r, n) for r, n in ROUTES
                 if r not in PUBLIC_ROUTES and any(object_kind(r, p) for _c, p in PARAM.findall(r))]


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
def test_each_role_inside_its_subtree_is_answered_allowed_or_403(role, own, world, make_user, client):
    """Inside the subtree no route answers 404 or fails: a role either may (200, or a redirect after
    doing it) or is told it may not (403). Objects named by a personal code are the exception: an
    unknown code is a 404 by design (the code is the credential)."""
    user = make_user(f"vai-tro-{role}", world.tree.khuong_mai, role)
    client.force_login(user)
    def reach(perm):
        return user_reach(user, perm)

    for route, _name in OBJECT_ROUTES:
        if "<str:code>" in route:
            continue
        for url in build_urls(route, own):
            resp = client.get(url)
            allowed = {200, 302, 403, 405}
            # Documented 404s inside the subtree, each domain's `may_404` (e.g. drafts that do not exist
            # for a role without any right on them).
            if any(getattr(m, "may_404", lambda r, u: False)(route, reach) for m in MODULES):
                allowed.add(404)
            assert resp.status_code in allowed, f"{role}: GET {url} answered {resp.status_code}"


# Every route acting on an account or a role grant (found by the resolver, like the routes above).
ACCOUNT_ROUTES = [(r, n) for r, n in ROUTES
                  if any(object_kind(r, p) in ("user", "grant") for _c, p in PARAM.findall(r))]


@pytest.mark.django_db
def test_ward_admin_has_no_authority_over_an_account_holding_more(world, make_user, ward_admin, client):
    """Authority over accounts is a second axis next to objects: an account working at the ward but
    holding a role above it is visible to the ward's strongest account, and beyond every action of it
    (lock, unlock, two-step and password resets, grant, revoke) — a POST to any account route changes nothing."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from doanket.accounts.models import RoleGrant, User

    stronger = make_user("quan-o-phuong", world.tree.khuong_mai, Role.VIEWER)
    User.objects.filter(pk=stronger.pk).update(email="quan@example.vn")
    RoleGrant.objects.create(user=stronger, unit=world.tree.district, role=Role.ADMIN)
    TOTPDevice.objects.create(user=stronger, name="app", confirmed=True)

    def state():
        user = User.objects.get(pk=stronger.pk)
        return (user.is_active, user.history.count(), TOTPDevice.objects.filter(user=user).count(),
                sorted(RoleGrant.objects.filter(user=user).values_list("unit_id", "role")))

    before = state()
    ids = {"user": stronger.pk, "grant": stronger.role_grants.get(unit=world.tree.khuong_mai).pk}
    client.force_login(ward_admin)
    assert ACCOUNT_ROUTES
    for route, _name in ACCOUNT_ROUTES:
        for url in build_urls(route, ids):
            resp = client.post(url, {"role": Role.VIEWER, "unit": world.tree.km_area.pk})
            assert resp.status_code in (403, 405), f"POST {url} answered {resp.status_code}"
    assert state() == before
