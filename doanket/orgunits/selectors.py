"""Reads of the unit tree, always through the user's reach."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.db.models import F, Q, QuerySet
from django.http import Http404

from doanket.accounts.models import User
from doanket.accounts.permissions import AccountPerm
from doanket.accounts.selectors import require, user_reach
from doanket.core.history import HistoryEntry, entries
from doanket.core.permissions import Permission
from doanket.core.reach import subtree_q
from doanket.core.text import search_terms
from doanket.orgunits.permissions import UnitPerm

from .models import AREA_TYPE_CODE, PICKER_ORDER, Branch, LineageLink, OrgUnit, UnitType


def units_visible(user: User | AnonymousUser, perm: Permission = UnitPerm.VIEW) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(user_reach(user, perm).q("path")).select_related("unit_type")


def unit_choices(user: User | AnonymousUser, perm: Permission = UnitPerm.VIEW, *,
                 sections_only: bool = False) -> QuerySet[OrgUnit]:
    """The units `user` may choose for an action needing `perm`, in the pickers' order (PICKER_ORDER, one index
    scan). `sections_only` leaves out residential areas, which have no news section nor polls of their own."""
    qs = units_visible(user, perm)
    if sections_only:
        qs = qs.exclude(unit_type__code="area")
    return qs.order_by(*PICKER_ORDER)


def unit_get(user: User | AnonymousUser, pk: int, perm: Permission = UnitPerm.VIEW) -> OrgUnit:
    """The unit, or 404 when it is outside the user's reach (not 403: its existence is not told)."""
    unit = units_visible(user, perm).filter(pk=pk).first()
    if unit is None:
        raise Http404
    return unit


def access_unit(user: User, pk: int, perm: Permission = UnitPerm.VIEW, *, denied: str | None = None) -> OrgUnit:
    """The unit, for an action that needs `perm` there: 404 outside what the user sees, 403 when seen without
    `perm` (with the Vietnamese reason `denied` when given)."""
    unit = unit_get(user, pk)
    require(user, unit.path, perm, seen_with=UnitPerm.VIEW, denied=denied)
    return unit


def unit_roots(user: User | AnonymousUser) -> list[OrgUnit]:
    """Top units of the user's reach: where their tree browser starts."""
    reach = user_reach(user, UnitPerm.VIEW)
    if reach.everything:
        return list(OrgUnit.objects.get_root_nodes().select_related("unit_type"))
    return sorted(
        OrgUnit.objects.filter(path__in=reach.prefixes).select_related("unit_type"), key=lambda u: (u.depth, u.sort_key)
    )


def unit_children(user: User | AnonymousUser, unit: OrgUnit, *, include_historic: bool = True,
                  on: dt.date | None = None) -> list[OrgUnit]:
    """Direct children inside the reach, current units first, each by Vietnamese name order."""
    qs = units_visible(user).filter(subtree_q(unit.path), depth=unit.depth + 1)
    if not include_historic:
        on = on or dt.date.today()
        qs = qs.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    return sorted(qs, key=lambda u: (u.valid_to is not None, u.unit_type.level, u.sort_key))


def unit_ancestors(unit: OrgUnit) -> list[OrgUnit]:
    """Breadcrumb, root first: one query on the paths the unit's own path spells out."""
    step = OrgUnit.steplen
    paths = [unit.path[: step * i] for i in range(1, unit.depth)]
    return list(OrgUnit.objects.filter(path__in=paths).order_by("depth"))


def with_full_labels(units: Iterable[OrgUnit | None]) -> None:
    """Fill `full_label` of many units (a public list) with one query for all their ancestors."""
    step = OrgUnit.steplen
    todo = [u for u in units if u is not None and "_ancestor_names" not in u.__dict__]
    paths = {u.path[: step * i] for u in todo for i in range(2, u.depth)}
    names = dict(OrgUnit.objects.filter(path__in=paths).values_list("path", "name")) if paths else {}
    for u in todo:
        u.__dict__["_ancestor_names"] = [names[p] for i in range(2, u.depth) if (p := u.path[: step * i]) in names]


def successor_scope(unit: OrgUnit) -> str:
    """Where a unit's successor may be outside the recorder's reach: the units in force under the unit's
    grandparent — a district recording its wards' merger into the province's new wards (mergers cross the
    district's own boundaries, so its reach cannot hold them)."""
    return unit.path[: OrgUnit.steplen * max(1, unit.depth - 2)]


def lineage_successors(user: User | AnonymousUser, unit: OrgUnit) -> QuerySet[OrgUnit]:
    """The units a unit's successor is picked from: the user's managing reach, and the units in force of the
    same province (see successor_scope)."""
    own = user_reach(user, UnitPerm.MANAGE).q("path")
    scope = successor_scope(unit)
    nearby = subtree_q(scope) & Q(valid_to__isnull=True) & ~Q(path=scope)
    return (OrgUnit.objects.filter(own | nearby).exclude(pk=unit.pk).select_related("unit_type")
            .order_by("depth", "sort_key"))


def with_display_names(units: Iterable[OrgUnit | None]) -> None:
    """Fill `display_name` of many units (a picker, a list, an export) with two queries whatever they are:
    the area type, and the parents of them all (a fixed count, so that a list page's query count does not
    depend on whether residential areas are on it)."""
    todo = [u for u in units if u is not None and "_context" not in u.__dict__]
    if not todo:
        return
    area_type = UnitType.objects.filter(code=AREA_TYPE_CODE).values_list("pk", flat=True).first()
    step = OrgUnit.steplen
    wanted = {u.path[:-step] for u in todo if u.depth > 1}
    parents = {p.path: p for p in OrgUnit.objects.filter(path__in=wanted)} if wanted else {}
    for u in todo:
        parent = parents.get(u.path[:-step]) if u.unit_type_id == area_type and u.depth > 1 else None
        u.__dict__["_context"] = parent.name if parent is not None else ""


def allowed_type_pairs() -> set[tuple[int, int]]:
    """(child type id, parent type id) of every allowed placement: a handful of rows, read once per write."""
    through = UnitType.allowed_parents.through
    return set(through.objects.values_list("from_unittype_id", "to_unittype_id"))


def unit_descendant_count(unit: OrgUnit) -> int:
    return OrgUnit.objects.filter(subtree_q(unit.path)).exclude(pk=unit.pk).count()


def unit_lineage(unit: OrgUnit) -> tuple[list[LineageLink], list[LineageLink]]:
    """(links from predecessors into this unit, links from this unit to its successors)."""
    links = list(
        LineageLink.objects.filter(Q(successor=unit) | Q(predecessor=unit)).select_related(
            "predecessor", "successor", "predecessor__unit_type", "successor__unit_type"
        )
    )
    return [lk for lk in links if lk.successor_id == unit.pk], [lk for lk in links if lk.predecessor_id == unit.pk]


def unit_current_successors(unit: OrgUnit) -> list[tuple[LineageLink, OrgUnit]]:
    """Where an old unit's records roll up today: follow lineage links to units still in force."""
    chain: list[tuple[LineageLink, OrgUnit]] = []
    frontier = [unit.pk]
    seen = {unit.pk}
    for _generation in range(5):
        links = list(LineageLink.objects.filter(predecessor_id__in=frontier).select_related("successor"))
        if not links:
            break
        frontier = []
        for link in links:
            if link.successor_id in seen:
                continue
            seen.add(link.successor_id)
            if link.successor.valid_to is None:
                chain.append((link, link.successor))
            else:
                frontier.append(link.successor_id)
    return chain


def unit_search(user: User | AnonymousUser, query: str, *, limit: int = 20) -> list[OrgUnit]:
    """Units whose name matches every folded word, for pickers."""
    words = search_terms(query)
    if not words:
        return []
    qs = units_visible(user)
    for w in words:
        qs = qs.filter(Q(search_text__contains=w) | Q(code=w))
    # Units still in force first (valid_to empty), the same on SQLite and PostgreSQL.
    return list(qs.order_by(F("valid_to").asc(nulls_first=True), "depth", "sort_key")[:limit])


def unit_branches(unit: OrgUnit) -> QuerySet[Branch]:
    return Branch.objects.filter(unit=unit).select_related("organisation")


def unit_history(user: User | AnonymousUser, unit: OrgUnit) -> list[HistoryEntry] | None:
    """The unit's changes, newest first; None without the right to read history."""
    if not user_reach(user, AccountPerm.HISTORY_VIEW).covers(unit.path):
        return None
    return entries(list(unit.history.select_related("history_user")))
