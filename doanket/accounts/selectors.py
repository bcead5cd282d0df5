"""The user's reach: which subtrees of the unit tree a user may see or change.

A reach is a short list of path prefixes. Filtering any model by it is one indexed range
condition per prefix on the unit path, never a loop over units.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from doanket.orgunits.lineage import rollup_prefixes
from doanket.orgunits.models import OrgUnit, subtree_q
from doanket.orgunits.models import _next_path as next_path

from .models import RoleGrant, User
from .permissions import ROLE_PERMS, Perm


@dataclass(frozen=True)
class Reach:
    """Subtrees (by path prefix) a user may reach with one permission. `everything` for operators."""

    prefixes: tuple[str, ...] = ()
    everything: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.prefixes

    def q(self, path_field: str = "path") -> Q:
        """Condition on a unit path field, e.g. `reach.q("unit__path")`."""
        if self.everything:
            return Q()
        if not self.prefixes:
            return Q(pk__in=[])
        cond = Q()
        for prefix in self.prefixes:
            cond |= subtree_q(prefix, path_field)
        return cond

    def covers(self, path: str) -> bool:
        return self.everything or any(path.startswith(p) for p in self.prefixes)


def _minimal(prefixes: set[str]) -> tuple[str, ...]:
    """Drop prefixes already covered by a shorter one."""
    kept: list[str] = []
    for p in sorted(prefixes, key=len):
        if not any(p.startswith(k) for k in kept):
            kept.append(p)
    return tuple(sorted(kept))


def user_reach(user: Any, perm: Perm) -> Reach:
    """Where `user` holds `perm`. Cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return Reach()
    if user.is_superuser:
        return Reach(everything=True)
    cache: dict[Perm, Reach] = user.__dict__.setdefault("_reach_cache", {})
    if perm in cache:
        return cache[perm]
    roles = [role for role, perms in ROLE_PERMS.items() if perm in perms]
    paths = set(RoleGrant.objects.filter(user=user, role__in=roles).values_list("unit__path", flat=True))
    reach = Reach(prefixes=_minimal(rollup_prefixes(paths))) if paths else Reach()
    if _covers_every_unit(user, reach):
        # A grant on the root (the central committee): the same units, said so, so that queries drop the
        # condition instead of testing every row of a national table against it.
        reach = Reach(prefixes=reach.prefixes, everything=True)
    cache[perm] = reach
    return reach


def _covers_every_unit(user: Any, reach: Reach) -> bool:
    """True when no unit lies outside the reach. Only asked when the reach holds a root's subtree (one
    indexed query, once per request)."""
    if not any(len(p) == OrgUnit.steplen for p in reach.prefixes):
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


def user_has_perm(user: Any, perm: Perm) -> bool:
    return not user_reach(user, perm).is_empty


def user_roles(user: User) -> list[RoleGrant]:
    return list(RoleGrant.objects.filter(user=user).select_related("unit", "unit__unit_type"))


def users_visible(actor: Any) -> QuerySet[User]:
    """Accounts working at a unit of the actor's user-management reach (operators are never listed)."""
    reach = user_reach(actor, Perm.USER_MANAGE)
    return (
        User.objects.filter(unit__isnull=False).filter(reach.q("unit__path"))
        .select_related("unit").order_by("unit__path", "username")
    )


def user_get(actor: Any, pk: int) -> User:
    user = users_visible(actor).filter(pk=pk).first()
    if user is None:
        raise Http404
    return user


def grants_beyond_reach(actor: Any, account: User) -> list[RoleGrant]:
    """The grants of `account` on units outside the actor's user-management reach.

    Authority over an account follows what the account holds, not where it works: a district
    administrator whose home unit is a ward must not be lockable by that ward's administrator."""
    reach = user_reach(actor, Perm.USER_MANAGE)
    if reach.everything:
        return []
    return [g for g in account.role_grants.select_related("unit") if not reach.covers(g.unit.path)]


def user_may_act_on(actor: Any, account: User) -> bool:
    """Whether the actor may lock, unlock, reset the two-step login or password of, grant to or revoke
    from `account`: only when every grant of the account lies inside the actor's reach. Operators'
    accounts (superusers) are beyond every unit administrator."""
    if account.is_superuser and not getattr(actor, "is_superuser", False):
        return False
    return not grants_beyond_reach(actor, account)


def grant_get(actor: Any, pk: int) -> RoleGrant:
    reach = user_reach(actor, Perm.USER_MANAGE)
    grant = RoleGrant.objects.filter(reach.q("unit__path"), pk=pk).select_related("user", "unit").first()
    if grant is None:
        raise Http404
    return grant
