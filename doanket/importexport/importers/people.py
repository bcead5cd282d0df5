"""People: create (empty "Mã người") or update (their number). A column missing from the file leaves that
field as it is; a masked value (with "*") leaves the real value as it is."""

from __future__ import annotations

import copy
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from doanket.accounts.selectors import user_reach
from doanket.core.text import fold
from doanket.people.models import Gender, Person
from doanket.people.permissions import PersonPerm
from doanket.people.services import person_prepare

from ..columns import GENDER_TEXT, Kind, header
from ..reading import RowError, RowReader, cell_text
from ..refs import UnitIndex, chunks, shared_current_codes, unit_ref
from .base import BATCH, Importer, changed_fields, duplicate, person_not_found, ref_problem, visible_people

_GENDERS = {fold(text): code for code, text in GENDER_TEXT.items()} | {fold(c): c for c in Gender.values}
_PERSON_FIELDS = ("full_name", "title", "gender", "birth_year", "phone", "id_number", "unit_id", "affiliation",
                  "note")
_PHONE_JUNK = str.maketrans("", "", " .-()")


def _title(r: RowReader, person: Person, new: bool) -> None:
    person.title = r.text("title", max_length=60)


def _gender(r: RowReader, person: Person, new: bool) -> None:
    text = r.text("gender")
    gender = _GENDERS.get(fold(text), None) if text else ""
    if gender is None:
        r.error("gender", _("Giới tính phải là Nam, Nữ hoặc Khác."))
    else:
        person.gender = gender


def _birth_year(r: RowReader, person: Person, new: bool) -> None:
    person.birth_year = r.integer("birth_year", minimum=1900, maximum=2100)


def _phone(r: RowReader, person: Person, new: bool) -> None:
    phone = r.digits("phone", phone=True)
    if RowReader.is_masked(phone):
        if new:
            person.phone = ""
        return
    compact = phone.translate(_PHONE_JUNK)
    body = compact[1:] if compact.startswith("+") else compact
    if compact and not body.isdigit():
        r.error("phone", _("Số điện thoại chỉ gồm chữ số (có thể có dấu + ở đầu)."))
    elif len(compact) > 20:
        r.error("phone", _("Dài quá %(max)d ký tự.") % {"max": 20})
    person.phone = compact


def _id_number(r: RowReader, person: Person, new: bool) -> None:
    id_number = r.digits("id_number", pad_numeric_to=12)
    if RowReader.is_masked(id_number):
        if new:
            person.id_number = ""
        return
    if id_number and (not id_number.isdigit() or len(id_number) != 12):
        r.error("id_number", _("Số định danh cá nhân gồm đúng 12 chữ số."))
    person.id_number = id_number


def _affiliation(r: RowReader, person: Person, new: bool) -> None:
    person.affiliation = r.text("affiliation", max_length=255)


def _note(r: RowReader, person: Person, new: bool) -> None:
    person.note = r.text("note", multiline=True)


# The optional columns: read when present in the file (or for a new person), else the field stays.
_OPTIONAL: dict[str, Callable[[RowReader, Person, bool], None]] = {
    "title": _title, "gender": _gender, "birth_year": _birth_year, "phone": _phone, "id_number": _id_number,
    "affiliation": _affiliation, "note": _note,
}


class PeopleImporter(Importer):
    kind = Kind.PEOPLE
    manage = PersonPerm.MANAGE
    view = PersonPerm.VIEW

    def load(self) -> None:
        rows = self.sheet.rows
        texts = (cell_text(values.get("pk")) for _n, values in rows)
        self.existing = visible_people(self.actor, {int(t) for t in texts if t.isdigit()})
        self.index = UnitIndex({cell_text(v.get("unit")) for _n, v in rows})
        self.shared = shared_current_codes()
        self.creates: list[tuple[int, Person]] = []
        self.updates: list[tuple[int, Person, list[str]]] = []
        self.seen_pk: dict[int, int] = {}
        self.seen_id: dict[str, int] = {}

    def plan_row(self, r: RowReader) -> None:
        original = self._original(r)
        person = copy.copy(original) if original is not None else Person()
        person.full_name = r.text("full_name", required=True, max_length=255)
        for key, read in _OPTIONAL.items():
            if r.present(key) or original is None:
                read(r, person, original is None)
        if person.id_number:
            if person.id_number in self.seen_id:
                duplicate(r, "id_number", self.seen_id[person.id_number])
            else:
                self.seen_id[person.id_number] = r.number
        self._unit(r, person, original)
        if r.ok and self._prepared(r, person):
            self._decide(r, person, original)

    def _original(self, r: RowReader) -> Person | None:
        """The person a row's number names (None for a new person)."""
        pk = r.integer("pk", minimum=1, maximum=2**62)
        if pk is None:
            return None
        original = self.existing.get(pk)
        if original is None:
            r.error("pk", person_not_found(pk))
        elif original.erased_at is not None:
            # An old export must not bring erased personal data back.
            r.error("pk", _("Dữ liệu cá nhân của người có mã %(pk)d đã bị xoá; không nhập lại được.") % {"pk": pk})
        elif pk in self.seen_pk:
            duplicate(r, "pk", self.seen_pk[pk])
        else:
            self.seen_pk[pk] = r.number
        return original

    def _unit(self, r: RowReader, person: Person, original: Person | None) -> None:
        unit_text = r.text("unit", required=True)
        if not unit_text or (original is not None and unit_text == unit_ref(original.unit, self.shared)):
            return  # empty (said already), or the same unit as now
        unit, problem = self.index.resolve(unit_text, self.scope.can_write_unit)
        if unit is None:
            ref_problem(r, "unit", unit_text, problem)
        elif original is None or unit.pk != original.unit_id:
            person.unit = unit

    @staticmethod
    def _prepared(r: RowReader, person: Person) -> bool:
        """The people service's own normalisation and checks; its refusals become the row's errors."""
        try:
            person_prepare(person)
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                for message in messages:
                    r.error(key if key in ("full_name", "id_number") else "", message)
            return False
        return True

    def _decide(self, r: RowReader, person: Person, original: Person | None) -> None:
        if original is None:
            self.creates.append((r.number, person))
            return
        changed = changed_fields(original, {f: getattr(person, f) for f in (*_PERSON_FIELDS, "search_text", "sort_key")})
        if not changed:
            self.result.unchanged += 1
        elif not self.scope.writable(original.unit.path):
            r.error("pk", person_not_found(original.pk))
        else:
            self.updates.append((r.number, person, changed))

    def check(self) -> None:
        """An ID number belongs to one person, after the whole file is applied. A number held by a person outside
        the importer's reach is not reported (that told who exists in the country): the row is written and held
        for a merge, as `people.services.person_create` does."""
        final: dict[int, str] = {p.pk: p.id_number for _n, p, _c in self.updates}
        wanted = [(n, p) for n, p in self.creates if p.id_number] + [
            (n, p) for n, p, changed in self.updates if "id_number" in changed and p.id_number]
        holders: dict[str, tuple[int, str]] = {}
        for part in chunks({p.id_number for _n, p in wanted}):
            found = (Person.objects.filter(id_number__in=part, held_as_duplicate_of=None)
                     .values_list("pk", "id_number", "unit__path"))
            for pk, id_number, path in found:
                if final.get(pk, id_number) == id_number:
                    holders[id_number] = (pk, path)
        visible = user_reach(self.actor, PersonPerm.VIEW) if self.actor is not None else None
        changed_of = {id(p): changed for _n, p, changed in self.updates}
        for number, person in wanted:
            holder, path = holders.get(person.id_number, (None, ""))
            person.held_as_duplicate_of_id = None
            if holder is None or holder == person.pk:
                continue
            if visible is None or visible.covers(path):
                self.errors.append(RowError(number, header(Kind.PEOPLE, "id_number"),
                                            _("Số định danh cá nhân này đã có trong hệ thống.")))
            else:
                person.held_as_duplicate_of_id = holder
                if id(person) in changed_of:
                    changed_of[id(person)].append("held_as_duplicate_of")

    def write(self) -> None:
        if self.creates:
            bulk_create_with_history([p for _n, p in self.creates], Person, batch_size=BATCH,
                                     default_user=self.actor)
        if self.updates:
            fields = sorted({f for _n, _p, changed in self.updates for f in changed})
            bulk_update_with_history([p for _n, p, _c in self.updates], Person, fields, batch_size=BATCH,
                                     default_user=self.actor)
        self.result.created, self.result.updated = len(self.creates), len(self.updates)
