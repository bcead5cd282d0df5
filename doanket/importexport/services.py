"""Imports of units, people and assignments from .xlsx workbooks.

Each import runs the same way:
1. read the sheet (reading.read_sheet: file checks, headers) — no database access;
2. fetch everything the rows refer to in a few queries (units by code/number, people, positions…);
3. validate every row in Python against those lookups and against the other rows of the file,
   collecting a RowError per problem;
4. if there is any error, raise ImportRejected and write nothing; otherwise write all records with
   bulk inserts/updates that also write the history rows, attributed to the actor.
All of it in one transaction.

A row about an existing record that changes nothing is counted as unchanged and written nowhere, so
re-importing an export is harmless. A column missing from the file leaves that field as it is; a
present column with an empty cell clears it. Masked values (with "*") leave the real value as it is.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from doanket.accounts.selectors import user_reach
from doanket.core.permissions import Permission
from doanket.core.reach import Reach
from doanket.core.text import fold
from doanket.importexport.permissions import DataPerm
from doanket.orgunits.models import OrgUnit, UnitType
from doanket.orgunits.permissions import UnitPerm
from doanket.orgunits.selectors import allowed_type_pairs
from doanket.orgunits.services import unit_type_refusal
from doanket.people.models import Assignment, Gender, Person, Position
from doanket.people.permissions import PersonPerm
from doanket.people.selectors import people_visible
from doanket.people.services import person_prepare

from .columns import COLUMNS, GENDER_TEXT, Kind, header
from .reading import ImportRejected, ImportResult, RowError, RowReader, cell_text, file_error, read_sheet
from .refs import UnitIndex, chunks, parse_ref, shared_current_codes, unit_ref

__all__ = ["ImportRejected", "ImportResult", "RowError", "import_assignments", "import_file", "import_people",
           "import_units"]

BATCH = 500


class _Scope:
    """Where the actor may look (view permission) and write (data import + the kind's manage permission)."""

    def __init__(self, actor: Any, manage: Permission, view: Permission) -> None:
        self.view: Reach = user_reach(actor, view)
        self.importing: Reach = user_reach(actor, DataPerm.IMPORT)
        self.manage: Reach = user_reach(actor, manage)

    def writable(self, path: str) -> bool:
        return self.importing.covers(path) and self.manage.covers(path)

    def visible(self, path: str) -> bool:
        return self.view.covers(path) or self.writable(path)

    def can_write_unit(self, unit: OrgUnit) -> bool:
        return self.writable(unit.path)

    def can_see_unit(self, unit: OrgUnit) -> bool:
        return self.visible(unit.path)


def _require_import_right(actor: Any) -> None:
    if user_reach(actor, DataPerm.IMPORT).is_empty:
        raise file_error(_("Bạn không có quyền nhập dữ liệu."))


def _not_found(ref: str) -> str:
    return _("Đơn vị “%(ref)s” không tìm thấy hoặc ngoài phạm vi.") % {"ref": ref}


def _ref_problem(reader: RowReader, key: str, ref: str, problem: str) -> None:
    if problem == "invalid":
        reader.error(key, _("“%(ref)s” không đúng dạng: ghi mã đơn vị hoặc #<số>.") % {"ref": ref})
    elif problem == "ambiguous":
        reader.error(key, _("Mã “%(ref)s” trùng giữa nhiều đơn vị; hãy ghi #<số> của đơn vị như trong tệp xuất.")
                     % {"ref": ref})
    else:
        reader.error(key, _not_found(ref))


def _duplicate(reader: RowReader, key: str, first_row: int) -> None:
    reader.error(key, _("Trùng với dòng %(row)d.") % {"row": first_row})


def _raise_if(errors: list[RowError], kind: Kind) -> None:
    if errors:
        order = {c.header: i for i, c in enumerate(COLUMNS[kind])}
        raise ImportRejected(sorted(errors, key=lambda e: (e.row, order.get(e.column, -1))))


def _changed(obj: Any, new: dict[str, Any]) -> list[str]:
    return [name for name, value in new.items() if getattr(obj, name) != value]


def _integrity_guard(fn: Callable[[], None]) -> None:
    """A concurrent edit can still break a unique constraint between our checks and our writes."""
    try:
        fn()
    except IntegrityError:
        raise file_error(_("Dữ liệu vừa bị người khác thay đổi nên tệp không được nhập; hãy thử lại.")) from None


# --- units --------------------------------------------------------------------------------------


@dataclass(eq=False)
class _UnitPlan:
    row: int
    unit: OrgUnit  # existing (to update) or new (to insert)
    is_new: bool
    changed: list[str] = field(default_factory=list)
    parent_unit: OrgUnit | None = None  # existing parent of a new unit
    parent_plan: _UnitPlan | None = None  # or a new unit of the same file
    children: int = 0


def _unit_types() -> dict[str, UnitType]:
    types: dict[str, UnitType] = {}
    for t in UnitType.objects.all():
        types.setdefault(fold(t.name), t)
        types[fold(t.code)] = t
    return types


@transaction.atomic
def import_units(*, actor: Any, data: bytes) -> ImportResult:
    """Create or update units. A row matches the unit in force with the same code and type (or, when the
    row has an end date, the unit with that code, type and end date), or the unit "#<number>"."""
    sheet = read_sheet(data, Kind.UNITS)
    _require_import_right(actor)
    scope = _Scope(actor, UnitPerm.MANAGE, UnitPerm.VIEW)
    types = _unit_types()
    type_pairs = allowed_type_pairs()
    refs = [cell_text(v.get(k)) for _n, v in sheet.rows for k in ("code", "parent")]
    index = UnitIndex(refs)
    errors: list[RowError] = []
    result = ImportResult(kind=Kind.UNITS)
    plans: list[_UnitPlan] = []
    seen: dict[tuple[Any, ...], int] = {}
    new_by_code: dict[str, list[_UnitPlan]] = defaultdict(list)
    code_rows: dict[str, int] = {}
    closed_here: set[int] = set()  # units in force that a row of the file closes
    for number, values in sheet.rows:
        code = cell_text(values.get("code"))
        if code and not code.startswith("#"):
            code_rows.setdefault(code, number)

    for number, values in sheet.rows:
        r = RowReader(Kind.UNITS, number, values, sheet.present, errors)
        code_text = r.text("code", max_length=32)
        name = r.text("name", required=True, max_length=255)
        type_text = r.text("unit_type", required=True)
        utype = types.get(fold(type_text)) if type_text else None
        if type_text and utype is None:
            r.error("unit_type", _("Loại đơn vị “%(value)s” không có trong danh mục.") % {"value": type_text})
        valid_from = r.date("valid_from") if r.present("valid_from") else None
        valid_to = r.date("valid_to") if r.present("valid_to") else None
        note = r.text("note", multiline=True) if r.present("note") else ""
        parent_text = r.text("parent")

        # Which existing unit does the row describe?
        unit: OrgUnit | None = None
        pk, own_code, well_formed = parse_ref(code_text)
        if not well_formed:
            _ref_problem(r, "code", code_text, "invalid")
        elif pk is not None:
            found = index.by_pk.get(pk)
            if found is None or not scope.can_see_unit(found):
                r.error("code", _not_found(code_text))
            else:
                unit = found
        elif own_code and utype is not None:
            same = [u for u in index.by_code.get(own_code, []) if u.unit_type_id == utype.pk]
            chosen = [u for u in same if u.valid_to == valid_to] or [u for u in same if u.valid_to is None]
            if len(chosen) > 1:
                _ref_problem(r, "code", code_text, "ambiguous")
            elif chosen and valid_to is None and chosen[0].pk in closed_here:
                pass  # an earlier row closes that unit: this row is its successor with the same code
            elif chosen and scope.can_see_unit(chosen[0]):
                unit = chosen[0]

        if unit is not None:
            dup_key: tuple[Any, ...] = ("pk", unit.pk)
        elif own_code:
            dup_key = ("code", utype.pk if utype else type_text, own_code, valid_to)
        else:
            dup_key = ("name", fold(parent_text), fold(name), utype.pk if utype else type_text)
        if dup_key in seen:
            _duplicate(r, "code" if dup_key[0] != "name" else "name", seen[dup_key])
        else:
            seen[dup_key] = number

        if unit is not None:
            new: dict[str, Any] = {"name": name}
            if utype is not None and pk is not None:
                new["unit_type_id"] = utype.pk
            for key, value in (("valid_from", valid_from), ("valid_to", valid_to), ("note", note)):
                if r.present(key):
                    new[key] = value
            if utype is not None and utype.pk != unit.unit_type_id and "unit_type_id" in new:
                problem = _type_change_refusal(unit, utype, type_pairs)
                if problem:
                    r.error("unit_type", problem)
            final_from = new.get("valid_from", unit.valid_from)
            final_to = new.get("valid_to", unit.valid_to)
            if final_from and final_to and final_to < final_from:
                r.error("valid_to", _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))
            if parent_text:
                parent, _problem = index.resolve(parent_text, scope.can_see_unit)
                moved = parent is not None and parent.path != unit.path[:-OrgUnit.steplen]
                if moved or (parent is None and parent_text in new_by_code):
                    r.error("parent", _("Không thể chuyển đơn vị đã có sang đơn vị cấp trên khác khi nhập Excel."))
            candidate = copy.copy(unit)
            for key, value in new.items():
                setattr(candidate, key, value)
            candidate.refresh_derived()
            changed = _changed(unit, {k: getattr(candidate, k) for k in (*new, "search_text", "sort_key")})
            if changed and not scope.can_write_unit(unit):
                r.error("code", _not_found(code_text))
            if r.ok:
                if candidate.valid_to is not None and unit.valid_to is None:
                    closed_here.add(unit.pk)
                if changed:
                    plans.append(_UnitPlan(number, candidate, is_new=False, changed=changed))
                else:
                    result.unchanged += 1
            continue

        # A new unit.
        if valid_from and valid_to and valid_to < valid_from:
            r.error("valid_to", _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))
        plan = _UnitPlan(number, OrgUnit(code=own_code, name=name, valid_from=valid_from, valid_to=valid_to,
                                         note=note), is_new=True)
        if utype is not None:
            plan.unit.unit_type = utype
        if not parent_text:
            r.error("parent", _("Đơn vị mới cần mã đơn vị cấp trên."))
        else:
            parent, problem = index.resolve(parent_text, scope.can_write_unit)
            p_pk, p_code, _ok = parse_ref(parent_text)
            in_file = new_by_code.get(p_code, []) if p_pk is None else []
            if problem == "missing" and len(in_file) == 1:
                plan.parent_plan = in_file[0]
            elif problem == "" and in_file:
                _ref_problem(r, "parent", parent_text, "ambiguous")
            elif problem == "missing" and p_code and code_rows.get(p_code, 0) > number:
                r.error("parent", _("Đơn vị cấp trên “%(ref)s” phải ở một dòng phía trên đơn vị này.")
                        % {"ref": parent_text})
            elif problem:
                _ref_problem(r, "parent", parent_text, "ambiguous" if len(in_file) > 1 else problem)
            else:
                plan.parent_unit = parent
        parent_type = (plan.parent_unit.unit_type if plan.parent_unit is not None
                       else plan.parent_plan.unit.unit_type if plan.parent_plan is not None else None)
        if utype is not None and parent_type is not None:
            problem = unit_type_refusal(utype, parent_type, type_pairs)
            if problem:
                r.error("unit_type", problem)
        if r.ok:
            plan.unit.refresh_derived()
            plans.append(plan)
            if own_code and valid_to is None:
                new_by_code[own_code].append(plan)

    _check_unit_codes(plans, errors)
    _raise_if(errors, Kind.UNITS)
    _integrity_guard(lambda: _write_units(actor, plans, result))
    return result


def _type_change_refusal(unit: OrgUnit, utype: UnitType, pairs: set[tuple[int, int]]) -> str | None:
    """A row changing a unit's type: the new type under the parent's, the children's under the new one."""
    parent = OrgUnit.objects.get_parent(unit)
    problem = unit_type_refusal(utype, parent.unit_type if parent is not None else None, pairs)
    if problem is None:
        child_types = UnitType.objects.filter(units__in=OrgUnit.objects.get_children(unit)).distinct()
        bad = [t.name for t in child_types if (t.pk, utype.pk) not in pairs]
        if bad:
            problem = _("Đơn vị này có đơn vị trực thuộc loại “%(child)s”, không thể đặt dưới loại “%(type)s”.") % {
                "child": bad[0], "type": utype.name}
    return problem


def _check_unit_codes(plans: list[_UnitPlan], errors: list[RowError]) -> None:
    """One unit in force per type and code, after the whole file is applied (the database constraint)."""
    codes = {p.unit.code for p in plans if p.unit.code}
    touched = {p.unit.pk for p in plans if not p.is_new}
    occupied: dict[tuple[int, str], str] = {}  # (type, code) -> "db:<pk>" or "row:<n>"
    for part in chunks(codes):
        rows = OrgUnit.objects.filter(code__in=part, valid_to__isnull=True).values_list("pk", "unit_type_id", "code")
        for pk, type_id, code in rows:
            if pk not in touched:
                occupied[(type_id, code)] = f"db:{pk}"
    for plan in plans:
        u = plan.unit
        if not u.code or u.valid_to is not None:
            continue
        key = (u.unit_type_id, u.code)
        mine = f"row:{plan.row}" if plan.is_new else f"db:{u.pk}"
        if occupied.setdefault(key, mine) != mine:
            errors.append(RowError(plan.row, header(Kind.UNITS, "code"),
                                   _("Mã đơn vị này đang được một đơn vị khác cùng loại sử dụng.")))


def _write_units(actor: Any, plans: list[_UnitPlan], result: ImportResult) -> None:
    updates = [p for p in plans if not p.is_new]
    if updates:
        fields = sorted({f for p in updates for f in p.changed})
        bulk_update_with_history([p.unit for p in updates], OrgUnit, fields, batch_size=BATCH, default_user=actor)
        result.updated = len(updates)
    creates = [p for p in plans if p.is_new]
    if not creates:
        return
    parent_pks = {p.parent_unit.pk for p in creates if p.parent_unit is not None}
    # Lock the parents: two imports under the same parent must not compute the same child paths.
    parents = {u.pk: u for u in OrgUnit.objects.select_for_update().filter(pk__in=parent_pks)}
    next_step: dict[str, int] = {}
    for parent in parents.values():
        last = (OrgUnit.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                .order_by("-path").values_list("path", flat=True).first())
        next_step[parent.path] = OrgUnit._str2int(last[-OrgUnit.steplen:]) + 1 if last else 1
    added: dict[int, int] = defaultdict(int)
    for plan in creates:
        if plan.parent_plan is not None:
            parent_path, parent_depth = plan.parent_plan.unit.path, plan.parent_plan.unit.depth
            plan.parent_plan.children += 1
        else:
            assert plan.parent_unit is not None
            locked = parents[plan.parent_unit.pk]
            parent_path, parent_depth = locked.path, locked.depth
            added[locked.pk] += 1
        step = next_step.get(parent_path, 1)
        next_step[parent_path] = step + 1
        plan.unit.depth = parent_depth + 1
        plan.unit.path = OrgUnit._get_path(parent_path, plan.unit.depth, step)
    for plan in creates:
        plan.unit.numchild = plan.children
    bulk_create_with_history([p.unit for p in creates], OrgUnit, batch_size=BATCH, default_user=actor)
    for pk, count in added.items():
        parents[pk].numchild += count
    OrgUnit.objects.bulk_update([parents[pk] for pk in added], ["numchild"])
    result.created = len(creates)


# --- people -------------------------------------------------------------------------------------

_GENDERS = {fold(text): code for code, text in GENDER_TEXT.items()} | {fold(c): c for c in Gender.values}
_PERSON_FIELDS = ("full_name", "title", "gender", "birth_year", "phone", "id_number", "unit_id", "affiliation",
                  "note")
_PHONE_JUNK = str.maketrans("", "", " .-()")


def _visible_people(actor: Any, pks: set[int]) -> dict[int, Person]:
    found: dict[int, Person] = {}
    for part in chunks(pks):
        found.update((p.pk, p) for p in people_visible(actor).filter(pk__in=part).select_related("unit"))
    return found


@transaction.atomic
def import_people(*, actor: Any, data: bytes) -> ImportResult:
    """Create people (empty "Mã người") or update them (their number)."""
    sheet = read_sheet(data, Kind.PEOPLE)
    _require_import_right(actor)
    scope = _Scope(actor, PersonPerm.MANAGE, PersonPerm.VIEW)
    errors: list[RowError] = []
    result = ImportResult(kind=Kind.PEOPLE)

    pks: set[int] = set()
    for _n, values in sheet.rows:
        text = cell_text(values.get("pk"))
        if text.isdigit():
            pks.add(int(text))
    existing = _visible_people(actor, pks)
    unit_refs = {cell_text(v.get("unit")) for _n, v in sheet.rows}
    index = UnitIndex(unit_refs)
    shared = shared_current_codes()

    creates: list[tuple[int, Person]] = []
    updates: list[tuple[int, Person, list[str]]] = []
    seen_pk: dict[int, int] = {}
    seen_id: dict[str, int] = {}
    for number, values in sheet.rows:
        r = RowReader(Kind.PEOPLE, number, values, sheet.present, errors)
        pk = r.integer("pk", minimum=1, maximum=2**62)
        original: Person | None = None
        if pk is not None:
            original = existing.get(pk)
            if original is None:
                r.error("pk", _("Người có mã %(pk)d không tìm thấy hoặc ngoài phạm vi.") % {"pk": pk})
            elif original.erased_at is not None:
                # An old export must not bring erased personal data back.
                r.error("pk", _("Dữ liệu cá nhân của người có mã %(pk)d đã bị xoá; không nhập lại được.") % {"pk": pk})
            elif pk in seen_pk:
                _duplicate(r, "pk", seen_pk[pk])
            else:
                seen_pk[pk] = number
        person = copy.copy(original) if original is not None else Person()
        person.full_name = r.text("full_name", required=True, max_length=255)
        if r.present("title") or original is None:
            person.title = r.text("title", max_length=60)
        if r.present("gender") or original is None:
            gender_text = r.text("gender")
            gender = _GENDERS.get(fold(gender_text), None) if gender_text else ""
            if gender is None:
                r.error("gender", _("Giới tính phải là Nam, Nữ hoặc Khác."))
            else:
                person.gender = gender
        if r.present("birth_year") or original is None:
            person.birth_year = r.integer("birth_year", minimum=1900, maximum=2100)
        if r.present("phone") or original is None:
            phone = r.digits("phone", phone=True)
            if not RowReader.is_masked(phone):
                compact = phone.translate(_PHONE_JUNK)
                body = compact[1:] if compact.startswith("+") else compact
                if compact and not body.isdigit():
                    r.error("phone", _("Số điện thoại chỉ gồm chữ số (có thể có dấu + ở đầu)."))
                elif len(compact) > 20:
                    r.error("phone", _("Dài quá %(max)d ký tự.") % {"max": 20})
                person.phone = compact
            elif original is None:
                person.phone = ""
        if r.present("id_number") or original is None:
            id_number = r.digits("id_number", pad_numeric_to=12)
            if not RowReader.is_masked(id_number):
                if id_number and (not id_number.isdigit() or len(id_number) != 12):
                    r.error("id_number", _("Số định danh cá nhân gồm đúng 12 chữ số."))
                person.id_number = id_number
            elif original is None:
                person.id_number = ""
        if person.id_number:
            if person.id_number in seen_id:
                _duplicate(r, "id_number", seen_id[person.id_number])
            else:
                seen_id[person.id_number] = number
        if r.present("affiliation") or original is None:
            person.affiliation = r.text("affiliation", max_length=255)
        if r.present("note") or original is None:
            person.note = r.text("note", multiline=True)
        unit_text = r.text("unit", required=True)
        if unit_text:
            if original is not None and unit_text == unit_ref(original.unit, shared):
                pass  # same unit as now
            else:
                unit, problem = index.resolve(unit_text, scope.can_write_unit)
                if unit is None:
                    _ref_problem(r, "unit", unit_text, problem)
                elif original is None or unit.pk != original.unit_id:
                    person.unit = unit
        if not r.ok:
            continue
        try:
            person_prepare(person)
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                for message in messages:
                    r.error(key if key in ("full_name", "id_number") else "", message)
            continue
        if original is None:
            creates.append((number, person))
            continue
        changed = _changed(original, {f: getattr(person, f) for f in (*_PERSON_FIELDS, "search_text", "sort_key")})
        if not changed:
            result.unchanged += 1
        elif not scope.writable(original.unit.path):
            r.error("pk", _("Người có mã %(pk)d không tìm thấy hoặc ngoài phạm vi.") % {"pk": original.pk})
        else:
            updates.append((number, person, changed))

    _check_id_numbers(actor, creates, updates, errors)
    _raise_if(errors, Kind.PEOPLE)

    def write() -> None:
        if creates:
            bulk_create_with_history([p for _n, p in creates], Person, batch_size=BATCH, default_user=actor)
        if updates:
            fields = sorted({f for _n, _p, changed in updates for f in changed})
            bulk_update_with_history([p for _n, p, _c in updates], Person, fields, batch_size=BATCH,
                                     default_user=actor)

    _integrity_guard(write)
    result.created, result.updated = len(creates), len(updates)
    return result


def _check_id_numbers(actor: Any, creates: list[tuple[int, Person]], updates: list[tuple[int, Person, list[str]]],
                      errors: list[RowError]) -> None:
    """An ID number belongs to one person, after the whole file is applied. A number held by a person outside
    the importer's reach is not reported (that told who exists in the country): the row is written and held
    for a merge, as `people.services.person_create` does."""
    final: dict[int, str] = {p.pk: p.id_number for _n, p, _c in updates}
    wanted = [(n, p) for n, p in creates if p.id_number] + [
        (n, p) for n, p, changed in updates if "id_number" in changed and p.id_number]
    holders: dict[str, tuple[int, str]] = {}
    for part in chunks({p.id_number for _n, p in wanted}):
        found = (Person.objects.filter(id_number__in=part, held_as_duplicate_of=None)
                 .values_list("pk", "id_number", "unit__path"))
        for pk, id_number, path in found:
            if final.get(pk, id_number) == id_number:
                holders[id_number] = (pk, path)
    visible = user_reach(actor, PersonPerm.VIEW) if actor is not None else None
    changed_of = {id(p): changed for _n, p, changed in updates}
    for number, person in wanted:
        holder, path = holders.get(person.id_number, (None, ""))
        person.held_as_duplicate_of_id = None
        if holder is None or holder == person.pk:
            continue
        if visible is None or visible.covers(path):
            errors.append(RowError(number, header(Kind.PEOPLE, "id_number"),
                                   _("Số định danh cá nhân này đã có trong hệ thống.")))
        else:
            person.held_as_duplicate_of_id = holder
            if id(person) in changed_of:
                changed_of[id(person)].append("held_as_duplicate_of")


# --- assignments --------------------------------------------------------------------------------


def _position_lookup() -> dict[str, Position]:
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


@transaction.atomic
def import_assignments(*, actor: Any, data: bytes) -> ImportResult:
    """Create assignments, or update the end date and note of the one with the same person, position, unit
    and start date."""
    sheet = read_sheet(data, Kind.ASSIGNMENTS)
    _require_import_right(actor)
    scope = _Scope(actor, PersonPerm.MANAGE, PersonPerm.VIEW)
    errors: list[RowError] = []
    result = ImportResult(kind=Kind.ASSIGNMENTS)

    pks: set[int] = set()
    id_numbers: set[str] = set()
    for _n, values in sheet.rows:
        text = cell_text(values.get("person_pk"))
        if text.isdigit():
            pks.add(int(text))
        raw_id = values.get("id_number")
        id_text = str(int(raw_id)).zfill(12) if isinstance(raw_id, int | float) and not isinstance(raw_id, bool) \
            else cell_text(raw_id)
        if id_text and "*" not in id_text:
            id_numbers.add(id_text)
    for id_part in chunks(id_numbers):
        pks.update(Person.objects.filter(id_number__in=id_part).values_list("pk", flat=True))
    people = _visible_people(actor, pks)
    by_id_number = {p.id_number: p for p in people.values() if p.id_number}
    positions = _position_lookup()
    index = UnitIndex({cell_text(v.get("unit")) for _n, v in sheet.rows})
    existing: dict[tuple[int, int, int, dt.date | None], Assignment] = {}
    for part in chunks(set(people)):
        for a in Assignment.objects.filter(person_id__in=part).select_related("unit").order_by("pk"):
            existing.setdefault((a.person_id, a.position_id, a.unit_id, a.start_date), a)

    creates: list[Assignment] = []
    updates: list[tuple[Assignment, list[str]]] = []
    seen: dict[tuple[int, int, int, dt.date | None], int] = {}
    for number, values in sheet.rows:
        r = RowReader(Kind.ASSIGNMENTS, number, values, sheet.present, errors)
        person: Person | None = None
        pk = r.integer("person_pk", minimum=1, maximum=2**62) if r.present("person_pk") else None
        id_number = r.digits("id_number", pad_numeric_to=12) if r.present("id_number") else ""
        if RowReader.is_masked(id_number):
            id_number = ""
        if pk is not None:
            person = people.get(pk)
            if person is None:
                r.error("person_pk", _("Người có mã %(pk)d không tìm thấy hoặc ngoài phạm vi.") % {"pk": pk})
            elif id_number and person.id_number != id_number:
                r.error("id_number", _("Số định danh cá nhân không khớp với người có mã %(pk)d.") % {"pk": pk})
        elif id_number:
            person = by_id_number.get(id_number)
            if person is None:
                r.error("id_number", _("Không tìm thấy người có số định danh này trong phạm vi của bạn."))
        elif r.ok:
            r.error("person_pk" if r.present("person_pk") else "id_number",
                    _("Cần Mã người hoặc Số định danh cá nhân để tìm người."))
        full_name = r.text("full_name") if r.present("full_name") else ""
        if person is not None and full_name and full_name.casefold() != person.full_name.casefold():
            r.error("full_name", _("Họ và tên không khớp với người được tìm thấy (%(name)s).")
                    % {"name": person.full_name})
        position_text = r.text("position", required=True)
        position = positions.get(fold(position_text)) if position_text else None
        if position_text and position is None:
            r.error("position", _("Chức vụ “%(value)s” không có trong danh mục.") % {"value": position_text})
        unit_text = r.text("unit", required=True)
        unit: OrgUnit | None = None
        if unit_text:
            unit, problem = index.resolve(unit_text, scope.can_see_unit)
            if unit is None:
                _ref_problem(r, "unit", unit_text, problem)
        start = r.date("start_date")
        end = r.date("end_date") if r.present("end_date") else None
        if start and end and end < start:
            r.error("end_date", _("Ngày kết thúc phải sau ngày bắt đầu."))
        note = r.text("note", max_length=255) if r.present("note") else ""
        if person is None or position is None or unit is None or not r.ok:
            continue
        key = (person.pk, position.pk, unit.pk, start)
        if key in seen:
            _duplicate(r, "position", seen[key])
            continue
        seen[key] = number
        current = existing.get(key)
        if current is not None:
            new: dict[str, Any] = {"end_date": end} if r.present("end_date") else {}
            if r.present("note"):
                new["note"] = note
            changed = _changed(current, new)
            if not changed:
                if r.ok:
                    result.unchanged += 1
                continue
            if not scope.can_write_unit(unit):
                r.error("unit", _not_found(unit_text))
            if current.start_date and (end := new.get("end_date", current.end_date)) and end < current.start_date:
                r.error("end_date", _("Ngày kết thúc phải sau ngày bắt đầu."))
            if r.ok:
                for name, value in new.items():
                    setattr(current, name, value)
                updates.append((current, changed))
            continue
        if not scope.can_write_unit(unit):
            r.error("unit", _not_found(unit_text))
        if r.ok:
            creates.append(Assignment(person=person, position=position, unit=unit, start_date=start, end_date=end,
                                      note=note))

    _raise_if(errors, Kind.ASSIGNMENTS)

    def write() -> None:
        if creates:
            bulk_create_with_history(creates, Assignment, batch_size=BATCH, default_user=actor)
        if updates:
            fields = sorted({f for _a, changed in updates for f in changed})
            bulk_update_with_history([a for a, _c in updates], Assignment, fields, batch_size=BATCH,
                                     default_user=actor)

    _integrity_guard(write)
    result.created, result.updated = len(creates), len(updates)
    return result


IMPORTERS: dict[Kind, Callable[..., ImportResult]] = {
    Kind.UNITS: import_units,
    Kind.PEOPLE: import_people,
    Kind.ASSIGNMENTS: import_assignments,
}


def import_file(*, actor: Any, kind: Kind, data: bytes) -> ImportResult:
    """Import one workbook of the given kind; ImportRejected lists every problem when nothing was written."""
    return IMPORTERS[kind](actor=actor, data=data)
