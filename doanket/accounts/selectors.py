"""The user's reach: which subtrees of the unit tree a user may see or change (`doanket.core.reach.Reach`),
read from the user's role grants, following lineage. The only place that reads role grants."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from doanket.core.domains import roles_holding
from doanket.core.permissions import Permission
from doanket.core.reach import PATH_STEPLEN, Reach, next_path
from doanket.orgunits.lineage import rollup_prefixes
from doanket.orgunits.models import OrgUnit

from .models import RoleGrant, User
from .permissions import AccountPerm


def _minimal(prefixes: set[str]) -> tuple[str, ...]:
    """Drop prefixes already covered by a shorter one."""
    kept: list[str] = []
    for p in sorted(prefixes, key=len):
        if not any(p.startswith(k) for k in kept):
            kept.append(p)
    return tuple(sorted(kept))


def user_reach(user: User | AnonymousUser | None, perm: Permission) -> Reach:
    """Where `user` holds `perm`. Cached on the user object for the request."""
    if not isinstance(user, User) or not user.is_active:  # anonymous, or a locked account
        return Reach()
    if user.is_superuser:
        return Reach(everything=True)
    cache: dict[Permission, Reach] = user.__dict__.setdefault("_reach_cache", {})
    if perm in cache:
        return cache[perm]
    # All the user's grants in one query, and the lineage roll-up once per distinct set of units, for the
    # request: a page asks for many permissions (the menu alone, one per domain).
    grants: list[tuple[str, str]] | None = user.__dict__.get("_grants")
    if grants is None:
        grants = user.__dict__["_grants"] = list(RoleGrant.objects.filter(user=user).values_list("role", "unit__path"))
    roles = set(roles_holding(perm))
    paths = frozenset(path for role, path in grants if role in roles)
    rolled: dict[frozenset[str], tuple[str, ...]] = user.__dict__.setdefault("_rollup_cache", {})
    if paths and paths not in rolled:
        rolled[paths] = _minimal(rollup_prefixes(set(paths)))
    reach = Reach(prefixes=rolled[paths]) if paths else Reach()
    if _covers_every_unit(user, reach):
        # A grant on the root (the central committee): the same units, said so, so that queries drop the
        # condition instead of testing every row of a national table against it.
        reach = Reach(prefixes=reach.prefixes, everything=True)
    cache[perm] = reach
    return reach


def _covers_every_unit(user: User | AnonymousUser, reach: Reach) -> bool:
    """True when no unit lies outside the reach. Only asked when the reach holds a root's subtree (one
    indexed query, once per request)."""
    if not any(len(p) == PATH_STEPLEN for p in reach.prefixes):
        return False
    known: dict[tuple[str, ...], bool] = user.__dict__.setdefault("_covers_all_cache", {})
    if reach.prefixes not in known:
        # The gaps between the reach's path ranges, as ranges too, so that the path index answers.
        gaps = Q(path__lt=reach.prefixes[0])
        for prefix, following in zip(reach.prefixes, [*reach.prefixes[1:], None], strict=True):
            upper = next_path(prefix)
            if upper is None:
                continue
            gaps |= Q(path__gte=upper, path__lt=following) if following else Q(path__gte=upper)
        known[reach.prefixes] = not OrgUnit.objects.filter(gaps).exists()
    return known[reach.prefixes]


def require(user: User | AnonymousUser | None, path: str, perm: Permission, *, seen_with: Permission | None = None,
            seen: bool = False, denied: str | None = None) -> None:
    """The one access check of the project (outcomes in `doanket.core.reach`): the unit at `path` must be
    in the user's reach for `perm`; when it is not, 403 if the user may still see it — with `seen_with`
    (the domain's view permission), or `seen=True` when the caller fetched the object within what the user
    may see (a domain whose visibility is not one permission's reach, e.g. polls) — else 404. `denied` is
    the Vietnamese reason shown with a 403.

    `user` None is the system itself writing (catalogue load, demo, migrations): services are called so
    only from code, never with a request's user, which is at worst anonymous (an empty reach)."""
    if user is None:
        return
    visible = Reach(everything=True) if seen else user_reach(user, seen_with) if seen_with is not None else None
    user_reach(user, perm).require(path, visible=visible, denied=denied)


def user_has_perm(user: User | AnonymousUser, perm: Permission) -> bool:
    return not user_reach(user, perm).is_empty


def require_any(user: User | AnonymousUser, *perms: Permission) -> None:
    """403 unless the user holds one of `perms` somewhere: the door of a page that lists only what is in
    the reach (a list, a form whose unit choice is the reach), before any object is looked up."""
    if not any(user_has_perm(user, perm) for perm in perms):
        raise PermissionDenied


def users_visible(actor: User | AnonymousUser) -> QuerySet[User]:
    """Accounts working at a unit of the actor's user-management reach (operators are never listed)."""
    reach = user_reach(actor, AccountPerm.USER_MANAGE)
    return (
        User.objects.filter(unit__isnull=False).filter(reach.q("unit__path"))
        .select_related("unit").order_by("unit__path", "username")
    )


def user_get(actor: User | AnonymousUser, pk: int) -> User:
    user = users_visible(actor).filter(pk=pk).first()
    if user is None:
        raise Http404
    return user


def grants_beyond_reach(actor: User | AnonymousUser | None, account: User) -> list[RoleGrant]:
    """The grants of `account` on units outside the actor's user-management reach.

    Authority over an account follows what the account holds, not where it works: a district
    administrator whose home unit is a ward must not be lockable by that ward's administrator."""
    reach = user_reach(actor, AccountPerm.USER_MANAGE)
    if reach.everything:
        return []
    return [g for g in account.role_grants.select_related("unit") if not reach.covers(g.unit.path)]


def user_may_act_on(actor: User | AnonymousUser | None, account: User) -> bool:
    """Whether the actor may lock, unlock, reset the two-step login or password of, grant to or revoke
    from `account`: only when every grant of the account lies inside the actor's reach. Operators'
    accounts (superusers) are beyond every unit administrator."""
    if account.is_superuser and not getattr(actor, "is_superuser", False):
        return False
    return not grants_beyond_reach(actor, account)


def access_user(actor: User | AnonymousUser, pk: int, perm: Permission = AccountPerm.USER_MANAGE) -> User:
    """The account, for an action that needs `perm` at its unit: 404 outside the actor's account reach, 403
    when seen there without `perm`."""
    account = user_get(actor, pk)
    require(actor, account.unit.path, perm, seen_with=AccountPerm.USER_MANAGE)  # type: ignore[union-attr]
    return account


def access_grant(actor: User | AnonymousUser, pk: int, perm: Permission = AccountPerm.USER_MANAGE) -> RoleGrant:
    """The role grant, for an action that needs `perm` at its unit (outcomes as `access_user`)."""
    grant = grant_get(actor, pk)
    require(actor, grant.unit.path, perm, seen_with=AccountPerm.USER_MANAGE)
    return grant


def grant_get(actor: User | AnonymousUser, pk: int) -> RoleGrant:
    reach = user_reach(actor, AccountPerm.USER_MANAGE)
    grant = RoleGrant.objects.filter(reach.q("unit__path"), pk=pk).select_related("user", "unit").first()
    if grant is None:
        raise Http404
    return grant
