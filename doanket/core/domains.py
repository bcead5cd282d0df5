"""The domain registry: each package under `doanket/` with a `domain.py` declares itself there.

A domain's `domain.py` holds one `DOMAIN = Domain(...)`: its permissions enum and the roles that hold
them, its cadre navigation entries, its URL mounts (cadre and public), its API routers, its demo loader,
the records the isolation test plants, and the panels it adds to a person's page. Settings, URLs, the
API, the navigation, the role table, the demo and the isolation test read this registry, so adding a
domain edits no central list. Heavy parts are named by dotted path ("module:attribute") and imported
only when used, so reading the registry imports nothing but the domains' permission enums.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from django.utils.functional import Promise

from .permissions import Permission, Role

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Installed before the others: the tree, accounts and people every other domain builds on.
FOUNDATION = ("core", "accounts", "orgunits", "people")


@dataclass(frozen=True)
class NavItem:
    """An entry of the cadre menu. Shown to a user who holds any of `perms` somewhere (every logged-in
    user when empty); marked current when the page's `nav` context value equals `key`."""

    key: str
    label: str | Promise
    url_name: str
    order: int
    perms: tuple[Permission, ...] = ()


@dataclass(frozen=True)
class Mount:
    """URLs of a domain under a prefix. `public` mounts are the citizens' site (no login); `order`
    places catch-all prefixes (the news portal at "") after the others."""

    prefix: str
    urls: str
    public: bool = False
    order: int = 100


@dataclass(frozen=True)
class Domain:
    label: str
    permissions: type[Permission] | None = None
    # Role -> the permissions of this domain that role holds (the administrator holds all of them).
    roles: Mapping[str, frozenset[Permission]] = field(default_factory=dict)
    nav: tuple[NavItem, ...] = ()
    # Entries of the citizens' site menu (after the news categories); `perms` is not used there.
    public_nav: tuple[NavItem, ...] = ()
    mounts: tuple[Mount, ...] = ()
    # (prefix, "module:router") mounted on the JSON API in this order.
    api: tuple[tuple[str, str], ...] = ()
    # "module:function" called as function(out=print) by load_demo, in `demo_order`.
    demo: str | None = None
    demo_order: int = 100
    # "module:LIST" of (username, password, description) added to the printed demo logins.
    demo_logins: str | None = None
    # Module with ROUTE_WORDS, records(ward, area, person), private_texts(ward) and may_404(route, user)
    # for tests/test_isolation.py (see doanket/events/tests/isolation.py).
    isolation: str | None = None
    # "module:function" called as function(user, person) -> HTML (or "") for the person's page.
    person_panels: tuple[str, ...] = ()
    # "module:function" called as function(user, unit) -> HTML (or "") for a unit's page: what this domain
    # records about the unit (the people domain: its people and who holds which position there).
    unit_panels: tuple[str, ...] = ()


def _load(dotted: str) -> Any:
    module, _sep, attr = dotted.partition(":")
    return getattr(import_module(module), attr)


def discovered_apps() -> list[str]:
    """App modules for INSTALLED_APPS: the foundation, then every package with a `domain.py`, then the demo.
    Read from the folder, not from Django's app registry, because settings need it before apps load."""
    names = sorted(p.parent.name for p in PACKAGE_DIR.glob("*/domain.py"))
    ordered = [*FOUNDATION, *(n for n in names if n not in FOUNDATION)]
    return [f"doanket.{n}" for n in ordered] + ["doanket.demo"]


@cache
def domains() -> tuple[Domain, ...]:
    """Every installed app's DOMAIN, in INSTALLED_APPS order."""
    from django.apps import apps

    found = []
    for config in apps.get_app_configs():
        if find_spec(f"{config.name}.domain") is not None:
            found.append(import_module(f"{config.name}.domain").DOMAIN)
    return tuple(found)


@cache
def role_perms() -> dict[str, frozenset[Permission]]:
    """Role -> every permission it holds, across domains."""
    table: dict[str, set[Permission]] = {role: set() for role in Role.values}
    for domain in domains():
        if domain.permissions is not None:
            table[Role.ADMIN] |= set(domain.permissions)
        for role, perms in domain.roles.items():
            table[role] |= set(perms)
    return {role: frozenset(perms) for role, perms in table.items()}


def roles_holding(perm: Permission) -> list[str]:
    return [role for role, perms in role_perms().items() if perm in perms]


def all_permissions() -> list[Permission]:
    return [perm for d in domains() if d.permissions is not None for perm in d.permissions]


def nav_items() -> list[NavItem]:
    return sorted((item for d in domains() for item in d.nav), key=lambda i: i.order)


def public_nav_items() -> list[NavItem]:
    return sorted((item for d in domains() for item in d.public_nav), key=lambda i: i.order)


def mounts() -> list[Mount]:
    return sorted((m for d in domains() for m in d.mounts), key=lambda m: m.order)


def api_routers() -> Iterator[tuple[str, Any]]:
    # Import every router module first: a domain may add paths to another's router (people adds
    # /units/{id}/assignments), which must happen before the router is mounted.
    pairs = [(prefix, _load(dotted)) for d in domains() for prefix, dotted in d.api]
    yield from pairs


def demo_loaders() -> list[Callable[..., Any]]:
    return [_load(d.demo) for d in sorted(domains(), key=lambda d: d.demo_order) if d.demo]


def demo_logins() -> list[tuple[str, str, str]]:
    return [login for d in domains() if d.demo_logins for login in _load(d.demo_logins)]


def isolation_modules() -> list[Any]:
    return [import_module(d.isolation) for d in domains() if d.isolation]


def person_panels() -> list[Callable[[Any, Any], str]]:
    return [_load(dotted) for d in domains() for dotted in d.person_panels]


def unit_panels() -> list[Callable[[Any, Any], str]]:
    return [_load(dotted) for d in domains() for dotted in d.unit_panels]
