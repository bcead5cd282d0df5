"""Exports in the import format (so an export re-imports cleanly), always through the user's reach.

An export holds only what the user may export (DataPerm.EXPORT); phone and ID number are in full only
where the user may see personal data (PersonPerm.VIEW_PRIVATE) over the person's unit, else masked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from django.db.models import Count

from doanket.accounts.models import User
from doanket.accounts.selectors import user_has_perm, user_reach
from doanket.importexport.permissions import DataPerm
from doanket.orgunits.models import OrgUnit
from doanket.orgunits.selectors import units_visible, with_display_names
from doanket.people.models import AccessAction, Person
from doanket.people.permissions import PersonPerm
from doanket.people.personal_data import mask_field
from doanket.people.selectors import assignments_visible, people_visible
from doanket.people.services import personal_data_accessed

from .columns import GENDER_TEXT, UNIT_REF_PREFIX, Kind
from .refs import chunks, shared_current_codes, unit_ref
from .writing import SheetWriter


def can_import(user: User) -> bool:
    return user_has_perm(user, DataPerm.IMPORT)


def can_export(user: User) -> bool:
    return user_has_perm(user, DataPerm.EXPORT)


def template_workbook(kind: Kind) -> bytes:
    """An empty workbook of the kind: header row and the 'Hướng dẫn' sheet."""
    return SheetWriter(kind).to_bytes()


def _units_by_path(paths: Iterable[str]) -> dict[str, OrgUnit]:
    found: dict[str, OrgUnit] = {}
    for part in chunks(set(paths)):
        found.update((u.path, u) for u in OrgUnit.objects.filter(path__in=part).only("pk", "code", "valid_to", "path",
                                                                                  "name", "depth", "unit_type_id"))
    return found


def _named(rows: Iterable[Any], unit_of: Callable[[Any], OrgUnit]) -> Iterator[Any]:
    """Rows in batches, their units' display names filled per batch (two queries a batch, not one a row)."""
    it = iter(rows)
    while batch := list(islice(it, 2000)):
        with_display_names(unit_of(r) for r in batch)
        yield from batch


def _own_code(unit: OrgUnit, repeated: set[tuple[int, str, Any]]) -> str:
    """The unit's own code column: its code, unless another unit shares code, type and end date."""
    if unit.code and (unit.unit_type_id, unit.code, unit.valid_to) not in repeated:
        return unit.code
    return f"{UNIT_REF_PREFIX}{unit.pk}"


def export_units(user: User) -> bytes:
    units = list(units_visible(user, DataPerm.EXPORT).order_by("path"))
    shared = shared_current_codes()
    repeated = {
        (row["unit_type"], row["code"], row["valid_to"])
        for row in OrgUnit.objects.exclude(code="").values("unit_type", "code", "valid_to")
        .annotate(n=Count("id")).filter(n__gt=1)
    }
    step = OrgUnit.steplen
    parents = _units_by_path(u.path[:-step] for u in units if u.depth > 1)
    with_display_names(parents.values())
    writer = SheetWriter(Kind.UNITS)
    for u in units:
        parent = parents.get(u.path[:-step]) if u.depth > 1 else None
        writer.append([
            _own_code(u, repeated), u.name, u.unit_type.code, unit_ref(parent, shared) if parent else "",
            parent.display_name if parent else "", u.valid_from, u.valid_to, u.note,
        ])
    return writer.to_bytes()


class _Private:
    """Phone and ID number as the user may see them; counts the people shown unmasked, for the log."""

    def __init__(self, user: User) -> None:
        self.reach = user_reach(user, PersonPerm.VIEW_PRIVATE)
        self.unmasked: set[int] = set()

    def __call__(self, person: Person) -> tuple[str, str]:
        if self.reach.covers(person.unit.path):
            if person.phone or person.id_number:
                self.unmasked.add(person.pk)
            return person.phone, person.id_number
        return mask_field("phone", person.phone), mask_field("id_number", person.id_number)


def _log_export(user: User, private: _Private, kind: str) -> None:
    personal_data_accessed(actor=user, action=AccessAction.EXPORT, count=len(private.unmasked),
                           detail=kind)


def export_people(user: User) -> bytes:
    """People the user may export: managed by a unit of the reach or holding a position there."""
    shared = shared_current_codes()
    private = _Private(user)
    writer = SheetWriter(Kind.PEOPLE)
    qs = people_visible(user, DataPerm.EXPORT).select_related("unit").order_by("sort_key", "id")
    for p in _named(qs.iterator(chunk_size=2000), lambda p: p.unit):
        phone, id_number = private(p)
        writer.append([
            p.pk, p.full_name, p.title, GENDER_TEXT.get(p.gender, ""), p.birth_year, phone, id_number,
            unit_ref(p.unit, shared), p.unit.display_name, p.affiliation, p.note,
        ])
    _log_export(user, private, Kind.PEOPLE.value)
    return writer.to_bytes()


def export_assignments(user: User) -> bytes:
    shared = shared_current_codes()
    private = _Private(user)
    writer = SheetWriter(Kind.ASSIGNMENTS)
    qs = (
        assignments_visible(user, DataPerm.EXPORT).select_related("person__unit")
        .order_by("unit__path", "position__rank", "person__sort_key", "start_date", "id")
    )
    for a in _named(qs.iterator(chunk_size=2000), lambda a: a.unit):
        _phone, id_number = private(a.person)
        writer.append([
            a.person_id, id_number, a.person.full_name, a.position.name, unit_ref(a.unit, shared),
            a.unit.display_name, a.start_date, a.end_date, a.note,
        ])
    _log_export(user, private, Kind.ASSIGNMENTS.value)
    return writer.to_bytes()


EXPORTERS: dict[Kind, Callable[[User], bytes]] = {
    Kind.UNITS: export_units,
    Kind.PEOPLE: export_people,
    Kind.ASSIGNMENTS: export_assignments,
}


def export_file(user: User, kind: Kind) -> bytes:
    return EXPORTERS[kind](user)

