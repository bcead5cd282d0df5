"""Assignments: create, or update the end date and note of the one with the same person, position, unit
and start date. The person is found by number or by ID number (the name, when given, must match)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from doanket.core.text import fold
from doanket.orgunits.models import OrgUnit
from doanket.people.models import Assignment, Person, Position
from doanket.people.permissions import PersonPerm

from ..columns import Kind
from ..reading import RowReader, cell_text
from ..refs import UnitIndex, chunks
from .base import BATCH, Importer, changed_fields, duplicate, not_found, person_not_found, ref_problem, visible_people

Key = tuple[int, int, int, dt.date | None]  # person, position, unit, start date


def position_lookup() -> dict[str, Position]:
    """Positions by folded name, and by abbreviation when only one position has it."""
    positions = list(Position.objects.all())
    by_text: dict[str, Position] = {}
    abbreviations: dict[str, list[Position]] = defaultdict(list)
    for p in positions:
        if p.abbreviation:
            abbreviations[fold(p.abbreviation)].append(p)
    for key, found in abbreviations.items():
        if len(found) == 1:
            by_text[key] = found[0]
    for p in positions:
        by_text[fold(p.name)] = p  # full names win over abbreviations
    return by_text


def _id_text(raw: Any) -> str:
    """An ID number cell as text, its leading zeros back when Excel made it a number."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return str(int(raw)).zfill(12)
    return cell_text(raw)


@dataclass
class AssignmentCells:
    """One row's cells, parsed and looked up."""

    person: Person | None
    position: Position | None
    unit: OrgUnit | None
    unit_text: str
    start: dt.date | None
    end: dt.date | None
    note: str


class AssignmentImporter(Importer):
    kind = Kind.ASSIGNMENTS
    manage = PersonPerm.MANAGE
    view = PersonPerm.VIEW

    def load(self) -> None:
        rows = self.sheet.rows
        pks = {int(t) for t in (cell_text(v.get("person_pk")) for _n, v in rows) if t.isdigit()}
        id_numbers = {t for t in (_id_text(v.get("id_number")) for _n, v in rows) if t and "*" not in t}
        for id_part in chunks(id_numbers):
            pks.update(Person.objects.filter(id_number__in=id_part).values_list("pk", flat=True))
        self.people = visible_people(self.actor, pks)
        self.by_id_number = {p.id_number: p for p in self.people.values() if p.id_number}
        self.positions = position_lookup()
        self.index = UnitIndex({cell_text(v.get("unit")) for _n, v in rows})
        self.existing: dict[Key, Assignment] = {}
        for part in chunks(set(self.people)):
            for a in Assignment.objects.filter(person_id__in=part).select_related("unit").order_by("pk"):
                self.existing.setdefault((a.person_id, a.position_id, a.unit_id, a.start_date), a)
        self.creates: list[Assignment] = []
        self.updates: list[tuple[Assignment, list[str]]] = []
        self.seen: dict[Key, int] = {}

    # -- parse one row ---------------------------------------------------------------------------

    def _person(self, r: RowReader) -> Person | None:
        pk = r.integer("person_pk", minimum=1, maximum=2**62) if r.present("person_pk") else None
        id_number = r.digits("id_number", pad_numeric_to=12) if r.present("id_number") else ""
        if RowReader.is_masked(id_number):
            id_number = ""
        if pk is not None:
            return self._person_by_number(r, pk, id_number)
        if id_number:
            person = self.by_id_number.get(id_number)
            if person is None:
                r.error("id_number", _("Không tìm thấy người có số định danh này trong phạm vi của bạn."))
            return person
        if r.ok:
            r.error("person_pk" if r.present("person_pk") else "id_number",
                    _("Cần Mã người hoặc Số định danh cá nhân để tìm người."))
        return None

    def _person_by_number(self, r: RowReader, pk: int, id_number: str) -> Person | None:
        person = self.people.get(pk)
        if person is None:
            r.error("person_pk", person_not_found(pk))
        elif id_number and person.id_number != id_number:
            r.error("id_number", _("Số định danh cá nhân không khớp với người có mã %(pk)d.") % {"pk": pk})
        return person

    def _check_name(self, r: RowReader, person: Person | None) -> None:
        full_name = r.text("full_name") if r.present("full_name") else ""
        if person is not None and full_name and full_name.casefold() != person.full_name.casefold():
            r.error("full_name", _("Họ và tên không khớp với người được tìm thấy (%(name)s).")
                    % {"name": person.full_name})

    def _position(self, r: RowReader) -> Position | None:
        text = r.text("position", required=True)
        position = self.positions.get(fold(text)) if text else None
        if text and position is None:
            r.error("position", _("Chức vụ “%(value)s” không có trong danh mục.") % {"value": text})
        return position

    def _unit(self, r: RowReader, unit_text: str) -> OrgUnit | None:
        if not unit_text:
            return None
        unit, problem = self.index.resolve(unit_text, self.scope.can_see_unit)
        if unit is None:
            ref_problem(r, "unit", unit_text, problem)
        return unit

    def _parse(self, r: RowReader) -> AssignmentCells:
        person = self._person(r)
        self._check_name(r, person)
        position = self._position(r)
        unit_text = r.text("unit", required=True)
        unit = self._unit(r, unit_text)
        start = r.date("start_date")
        end = r.date("end_date") if r.present("end_date") else None
        if start and end and end < start:
            r.error("end_date", _("Ngày kết thúc phải sau ngày bắt đầu."))
        note = r.text("note", max_length=255) if r.present("note") else ""
        return AssignmentCells(person=person, position=position, unit=unit, unit_text=unit_text, start=start,
                               end=end, note=note)

    # -- plan ------------------------------------------------------------------------------------

    def plan_row(self, r: RowReader) -> None:
        c = self._parse(r)
        if c.person is None or c.position is None or c.unit is None or not r.ok:
            return
        key = (c.person.pk, c.position.pk, c.unit.pk, c.start)
        if key in self.seen:
            duplicate(r, "position", self.seen[key])
            return
        self.seen[key] = r.number
        current = self.existing.get(key)
        if current is not None:
            self._plan_update(r, c, c.unit, current)
            return
        if not self.scope.can_write_unit(c.unit):
            r.error("unit", not_found(c.unit_text))
        if r.ok:
            self.creates.append(Assignment(person=c.person, position=c.position, unit=c.unit, start_date=c.start,
                                           end_date=c.end, note=c.note))

    def _plan_update(self, r: RowReader, c: AssignmentCells, unit: OrgUnit, current: Assignment) -> None:
        """The assignment is there already: its end date and note may change (the row is otherwise valid)."""
        new: dict[str, Any] = {"end_date": c.end} if r.present("end_date") else {}
        if r.present("note"):
            new["note"] = c.note
        changed = changed_fields(current, new)
        if not changed:
            self.result.unchanged += 1
            return
        if not self.scope.can_write_unit(unit):
            r.error("unit", not_found(c.unit_text))
        if current.start_date and (end := new.get("end_date", current.end_date)) and end < current.start_date:
            r.error("end_date", _("Ngày kết thúc phải sau ngày bắt đầu."))
        if r.ok:
            for name, value in new.items():
                setattr(current, name, value)
            self.updates.append((current, changed))

    def check(self) -> None:
        """Nothing needs the whole file: a repeated row is found row by row."""

    def write(self) -> None:
        if self.creates:
            bulk_create_with_history(self.creates, Assignment, batch_size=BATCH, default_user=self.actor)
        if self.updates:
            fields = sorted({f for _a, changed in self.updates for f in changed})
            bulk_update_with_history([a for a, _c in self.updates], Assignment, fields, batch_size=BATCH,
                                     default_user=self.actor)
        self.result.created, self.result.updated = len(self.creates), len(self.updates)
