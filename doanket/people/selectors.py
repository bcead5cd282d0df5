"""Reads of people and assignments, always through the user's reach."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from doanket.accounts.models import User
from doanket.accounts.permissions import AccountPerm
from doanket.accounts.selectors import require, user_reach
from doanket.core.history import HistoryEntry, entries
from doanket.core.permissions import Permission
from doanket.core.reach import Reach, subtree_q
from doanket.core.text import search_terms
from doanket.orgunits.lineage import rollup_prefixes
from doanket.orgunits.models import OrgUnit
from doanket.people.permissions import PersonPerm

from .models import Assignment, Person, PersonalDataAccess, Position
from .personal_data import MASKED_FIELDS, mask_field


def _people_in(reach: Reach) -> QuerySet[Person]:
    """People managed by a unit of the reach, or holding (or having held) a position there."""
    if reach.everything:
        return Person.objects.all()
    held_here = Assignment.objects.filter(reach.q("unit__path"), person=OuterRef("pk"))
    return Person.objects.filter(reach.q("unit__path") | Q(Exists(held_here)))


def people_visible(user: User | AnonymousUser, perm: Permission = PersonPerm.VIEW) -> QuerySet[Person]:
    return _people_in(user_reach(user, perm))


def person_get(user: User | AnonymousUser, pk: int, perm: Permission = PersonPerm.VIEW) -> Person:
    person = people_visible(user, perm).select_related("unit", "unit__unit_type").filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def held_duplicates(user: User) -> QuerySet[Person]:
    """Records held for a merge (their ID number belongs to another person) where the user reaches both: an
    administrator above the unit that entered it. The unit itself is never told."""
    reach = user_reach(user, PersonPerm.MANAGE)
    return (Person.objects.filter(held_as_duplicate_of__isnull=False)
            .filter(reach.q("unit__path")).filter(reach.q("held_as_duplicate_of__unit__path"))
            .select_related("unit", "held_as_duplicate_of", "held_as_duplicate_of__unit").order_by("-pk"))


def held_duplicate_get(user: User, pk: int) -> Person:
    person = held_duplicates(user).filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def access_person(user: User, pk: int, perm: Permission = PersonPerm.VIEW, *, denied: str | None = None) -> Person:
    """The person, for an action that needs `perm` on their unit: 404 outside what the user sees, 403 when seen
    without `perm` (with the Vietnamese reason `denied` when given)."""
    person = person_get(user, pk)
    require(user, person.unit.path, perm, seen_with=PersonPerm.VIEW, denied=denied)
    return person


def current_assignments_q(on: dt.date | None = None, prefix: str = "") -> Q:
    on = on or dt.date.today()
    return (Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": on})) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


def person_directory(user: User | AnonymousUser, *, query: str = "", unit: OrgUnit | None = None,
                     position: Position | None = None, current_only: bool = False,
                     on: dt.date | None = None) -> QuerySet[Person]:
    """The people directory: Vietnamese name order, accent-insensitive search, filters by unit
    subtree and position. Each row carries its assignments inside the reach (one prefetch)."""
    reach = user_reach(user, PersonPerm.VIEW)
    qs = _directory_filters(_people_in(reach), query=query, unit=unit, position=position,
                            current_only=current_only, on=on)
    visible_assignments = (
        Assignment.objects.filter(reach.q("unit__path")).filter(current_assignments_q(on))
        .select_related("position", "unit").order_by("position__rank")
    )
    return (
        qs.select_related("unit")
        .prefetch_related(Prefetch("assignments", queryset=visible_assignments, to_attr="current_assignments"))
        .order_by("sort_key", "id")
    )


def _directory_filters(qs: QuerySet[Person], *, query: str = "", unit: OrgUnit | None = None,
                       position: Position | None = None, current_only: bool = False,
                       on: dt.date | None = None) -> QuerySet[Person]:
    """The directory's search and filters, on any set of people."""
    for word in search_terms(query):
        qs = qs.filter(search_text__contains=word)
    if unit is not None:
        # A unit's records include those of units merged or renamed into it (lineage roll-up).
        rolled = Reach(prefixes=tuple(sorted(rollup_prefixes({unit.path}))))
        held = Assignment.objects.filter(rolled.q("unit__path"), person=OuterRef("pk"))
        qs = qs.filter(rolled.q("unit__path") | Q(Exists(held)))
    if position is not None or current_only:
        cond = Q(person=OuterRef("pk"))
        if position is not None:
            cond &= Q(position=position)
            if unit is not None:
                cond &= subtree_q(unit.path, "unit__path")
        if current_only:
            cond &= current_assignments_q(on)
        qs = qs.filter(Exists(Assignment.objects.filter(cond)))
    return qs


DIRECTORY_COUNT_CAP = 1000


def person_directory_counted(user: User | AnonymousUser, *, cap: int | None = None, **filters: Any,
                             ) -> tuple[QuerySet[Person], int, bool]:
    """The directory and its size, at a cost bounded by `cap` whatever the size of the database:
    (people, count, capped).

    People managed inside the reach are counted from the reach's units (an index range), stopping at
    cap + 1. Above the cap, `capped` is true, the count shows as "more than `cap`", and the rows come
    from the name-order index, where matches are dense. At or below it the people are few: their ids
    (managed in the reach, or holding a position in it while managed elsewhere) are read through the
    units' indexes and the page is fetched by id. Either way no query walks the whole people table
    to count it (a plain COUNT of `person_directory` does: its reach is an OR of two conditions)."""
    cap = DIRECTORY_COUNT_CAP if cap is None else cap
    people = person_directory(user, **filters)
    reach = user_reach(user, PersonPerm.VIEW)
    # Built without the reach's OR, so that the planner sees a plain range on the units and drives the
    # query from the path index (with the OR it expects half the table to match and scans it).
    managed = _directory_filters(Person.objects.filter(reach.q("unit__path")), **filters).order_by()
    first = list(managed.values_list("pk", flat=True)[: cap + 1])
    if len(first) > cap:
        return people, cap, True
    ids = set(first)
    if not reach.everything:
        elsewhere = _held_elsewhere(reach)
        if elsewhere:
            ids |= set(_directory_filters(Person.objects.filter(pk__in=elsewhere), **filters).order_by()
                       .values_list("pk", flat=True))
    return people.filter(pk__in=ids), len(ids), False


def _held_elsewhere(reach: Reach) -> list[int]:
    """People holding a position inside the reach but managed outside it (usually few): the EXCEPT of two
    id lists read through the path index. (A NOT IN on the people table makes the planner scan all of it.)"""
    held = Assignment.objects.filter(reach.q("unit__path")).order_by().values_list("person_id", flat=True)
    return list(held.difference(Person.objects.filter(reach.q("unit__path")).order_by().values_list("pk", flat=True)))


def unit_people_count(unit: OrgUnit) -> int:
    """People of a unit's page: managed in its subtree (or in units merged into it), or holding a position
    there while managed elsewhere. Two counts driven by the path index, never a walk over all people.
    For a unit inside a user's reach this equals `person_directory(user, unit=unit).count()`."""
    rolled = Reach(prefixes=tuple(sorted(rollup_prefixes({unit.path}))))
    return Person.objects.filter(rolled.q("unit__path")).count() + len(_held_elsewhere(rolled))


def person_assignments(user: User | AnonymousUser, person: Person) -> list[Assignment]:
    """A person's position history inside the user's reach, newest first."""
    reach = user_reach(user, PersonPerm.VIEW)
    qs = (
        Assignment.objects.filter(person=person).filter(reach.q("unit__path"))
        .select_related("position", "unit", "unit__unit_type", "branch")
    )
    return sorted(qs, key=lambda a: (a.end_date is None, a.end_date or dt.date.min, a.start_date or dt.date.min),
                  reverse=True)


def unit_assignments(unit: OrgUnit, *, on: dt.date | None = None) -> list[Assignment]:
    """Who holds what at this unit on a date (today by default), by position rank then name."""
    qs = (
        Assignment.objects.filter(unit=unit).filter(current_assignments_q(on))
        .select_related("person", "position", "branch")
    )
    return sorted(qs, key=lambda a: (a.position.rank, a.position.sort_key, a.person.sort_key))


def assignments_visible(user: User | AnonymousUser, perm: Permission = PersonPerm.VIEW) -> QuerySet[Assignment]:
    return Assignment.objects.filter(user_reach(user, perm).q("unit__path")).select_related("person", "position", "unit")


def assignment_get(user: User | AnonymousUser, pk: int, perm: Permission = PersonPerm.VIEW) -> Assignment:
    a = assignments_visible(user, perm).filter(pk=pk).first()
    if a is None:
        raise Http404
    return a


def access_assignment(user: User, pk: int, perm: Permission = PersonPerm.VIEW, *,
                      denied: str | None = None) -> Assignment:
    """The assignment, for an action that needs `perm` on its unit (outcomes as `access_person`)."""
    assignment = assignment_get(user, pk)
    require(user, assignment.unit.path, perm, seen_with=PersonPerm.VIEW, denied=denied)
    return assignment


def can_see_private(user: User | AnonymousUser, person: Person) -> bool:
    return user_reach(user, PersonPerm.VIEW_PRIVATE).covers(person.unit.path)


def private_view(user: User | AnonymousUser, person: Person) -> dict[str, str]:
    """The masked fields of `personal_data.PERSONAL_FIELDS` (phone, ID number) as this user may see them:
    in full, or masked."""
    if can_see_private(user, person):
        return {**{f: getattr(person, f) for f in MASKED_FIELDS}, "masked": ""}
    return {**{f: mask_field(f, getattr(person, f)) for f in MASKED_FIELDS}, "masked": "1"}


def positions_all() -> QuerySet[Position]:
    return Position.objects.all()


PRIVATE_FIELDS = MASKED_FIELDS


def person_history(user: User | AnonymousUser, person: Person) -> list[HistoryEntry] | None:
    """Changes to the person and to their assignments inside the reach, newest first; None without
    the right to read history. Personal data in the diffs is masked as on the page itself."""
    if not user_reach(user, AccountPerm.HISTORY_VIEW).covers(person.unit.path):
        return None
    masked = frozenset() if can_see_private(user, person) else PRIVATE_FIELDS
    own = list(person.history.select_related("history_user"))
    held = list(
        Assignment.history.filter(person_id=person.pk)
        .filter(user_reach(user, PersonPerm.VIEW).q("unit__path"))
        .select_related("history_user", "position", "unit")
    )
    history = entries(own, masked=masked) + entries(held, subject=True)
    history.sort(key=lambda e: e.when, reverse=True)
    return history


def people_deleted(user: User | AnonymousUser, *, limit: int = 200) -> list[Any]:
    """Deletions of people managed inside the history reach, newest first: who deleted whom, when."""
    reach = user_reach(user, AccountPerm.HISTORY_VIEW)
    return list(
        Person.history.filter(history_type="-").filter(reach.q("unit__path"))
        .select_related("history_user", "unit").order_by("-history_date")[:limit]
    )


def personal_data_log(user: User | AnonymousUser) -> QuerySet[PersonalDataAccess]:
    """Accesses to personal data of the units in the user's log reach, newest first."""
    reach = user_reach(user, AccountPerm.PRIVACY_LOG_VIEW)
    return PersonalDataAccess.objects.filter(reach.q("unit__path")).select_related("unit").order_by("-at", "-id")
