"""Units: create or update. A row matches the unit in force with the same code and type (or, when the row
has an end date, the unit with that code, type and end date), or the unit "#<number>"."""

from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from doanket.core.text import fold
from doanket.orgunits.models import OrgUnit, UnitType
from doanket.orgunits.permissions import UnitPerm
from doanket.orgunits.selectors import allowed_type_pairs
from doanket.orgunits.services import unit_type_refusal

from ..columns import Kind, header
from ..reading import RowError, RowReader, cell_text
from ..refs import UnitIndex, chunks, parse_ref
from .base import BATCH, Importer, changed_fields, duplicate, not_found, ref_problem


@dataclass(eq=False)
class UnitPlan:
    row: int
    unit: OrgUnit  # existing (to update) or new (to insert)
    is_new: bool
    changed: list[str] = field(default_factory=list)
    parent_unit: OrgUnit | None = None  # existing parent of a new unit
    parent_plan: UnitPlan | None = None  # or a new unit of the same file
    children: int = 0


@dataclass
class UnitCells:
    """One row's cells, parsed."""

    code_text: str
    name: str
    type_text: str
    utype: UnitType | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    note: str
    parent_text: str

    @property
    def type_key(self) -> Any:
        return self.utype.pk if self.utype else self.type_text


def unit_types() -> dict[str, UnitType]:
    types: dict[str, UnitType] = {}
    for t in UnitType.objects.all():
        types.setdefault(fold(t.name), t)
        types[fold(t.code)] = t
    return types


def _valid_period(r: RowReader, valid_from: dt.date | None, valid_to: dt.date | None) -> None:
    if valid_from and valid_to and valid_to < valid_from:
        r.error("valid_to", _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))


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


class UnitImporter(Importer):
    kind = Kind.UNITS
    manage = UnitPerm.MANAGE
    view = UnitPerm.VIEW

    def load(self) -> None:
        rows = self.sheet.rows
        self.types = unit_types()
        self.type_pairs = allowed_type_pairs()
        self.index = UnitIndex([cell_text(v.get(k)) for _n, v in rows for k in ("code", "parent")])
        self.plans: list[UnitPlan] = []
        self.seen: dict[tuple[Any, ...], int] = {}
        self.new_by_code: dict[str, list[UnitPlan]] = defaultdict(list)
        self.closed_here: set[int] = set()  # units in force that a row of the file closes
        self.code_rows: dict[str, int] = {}  # the first row of each code (a parent must come before its children)
        for number, values in rows:
            code = cell_text(values.get("code"))
            if code and not code.startswith("#"):
                self.code_rows.setdefault(code, number)

    def _parse(self, r: RowReader) -> UnitCells:
        code_text = r.text("code", max_length=32)
        name = r.text("name", required=True, max_length=255)
        type_text = r.text("unit_type", required=True)
        utype = self.types.get(fold(type_text)) if type_text else None
        if type_text and utype is None:
            r.error("unit_type", _("Loại đơn vị “%(value)s” không có trong danh mục.") % {"value": type_text})
        return UnitCells(code_text=code_text, name=name, type_text=type_text, utype=utype,
                         valid_from=r.date("valid_from") if r.present("valid_from") else None,
                         valid_to=r.date("valid_to") if r.present("valid_to") else None,
                         note=r.text("note", multiline=True) if r.present("note") else "",
                         parent_text=r.text("parent"))

    def plan_row(self, r: RowReader) -> None:
        c = self._parse(r)
        pk, own_code, well_formed = parse_ref(c.code_text)
        unit = self._existing(r, c, pk, own_code, well_formed)
        if unit is not None:
            key: tuple[Any, ...] = ("pk", unit.pk)
        elif own_code:
            key = ("code", c.type_key, own_code, c.valid_to)
        else:
            key = ("name", fold(c.parent_text), fold(c.name), c.type_key)
        if key in self.seen:
            duplicate(r, "code" if key[0] != "name" else "name", self.seen[key])
        else:
            self.seen[key] = r.number
        if unit is not None:
            self._plan_update(r, c, unit, by_number=pk is not None)
        else:
            self._plan_new(r, c, own_code)

    def _existing(self, r: RowReader, c: UnitCells, pk: int | None, own_code: str, well_formed: bool) -> OrgUnit | None:
        """Which existing unit the row describes, if any."""
        if not well_formed:
            ref_problem(r, "code", c.code_text, "invalid")
            return None
        if pk is not None:
            found = self.index.by_pk.get(pk)
            if found is None or not self.scope.can_see_unit(found):
                r.error("code", not_found(c.code_text))
                return None
            return found
        if not own_code or c.utype is None:
            return None
        same = [u for u in self.index.by_code.get(own_code, []) if u.unit_type_id == c.utype.pk]
        chosen = [u for u in same if u.valid_to == c.valid_to] or [u for u in same if u.valid_to is None]
        if len(chosen) > 1:
            ref_problem(r, "code", c.code_text, "ambiguous")
            return None
        if chosen and c.valid_to is None and chosen[0].pk in self.closed_here:
            return None  # an earlier row closes that unit: this row is its successor with the same code
        return chosen[0] if chosen and self.scope.can_see_unit(chosen[0]) else None

    # -- a unit already there ----------------------------------------------------------------------

    def _new_values(self, r: RowReader, c: UnitCells, unit: OrgUnit, by_number: bool) -> dict[str, Any]:
        new: dict[str, Any] = {"name": c.name}
        if c.utype is not None and by_number:
            new["unit_type_id"] = c.utype.pk
        for key, value in (("valid_from", c.valid_from), ("valid_to", c.valid_to), ("note", c.note)):
            if r.present(key):
                new[key] = value
        if c.utype is not None and c.utype.pk != unit.unit_type_id and "unit_type_id" in new:
            problem = _type_change_refusal(unit, c.utype, self.type_pairs)
            if problem:
                r.error("unit_type", problem)
        _valid_period(r, new.get("valid_from", unit.valid_from), new.get("valid_to", unit.valid_to))
        return new

    def _refuse_move(self, r: RowReader, c: UnitCells, unit: OrgUnit) -> None:
        parent, _problem = self.index.resolve(c.parent_text, self.scope.can_see_unit)
        moved = parent is not None and parent.path != unit.path[:-OrgUnit.steplen]
        if moved or (parent is None and c.parent_text in self.new_by_code):
            r.error("parent", _("Không thể chuyển đơn vị đã có sang đơn vị cấp trên khác khi nhập Excel."))

    def _plan_update(self, r: RowReader, c: UnitCells, unit: OrgUnit, *, by_number: bool) -> None:
        new = self._new_values(r, c, unit, by_number)
        if c.parent_text:
            self._refuse_move(r, c, unit)
        candidate = copy.copy(unit)
        for key, value in new.items():
            setattr(candidate, key, value)
        candidate.refresh_derived()
        changed = changed_fields(unit, {k: getattr(candidate, k) for k in (*new, "search_text", "sort_key")})
        if changed and not self.scope.can_write_unit(unit):
            r.error("code", not_found(c.code_text))
        if not r.ok:
            return
        if candidate.valid_to is not None and unit.valid_to is None:
            self.closed_here.add(unit.pk)
        if changed:
            self.plans.append(UnitPlan(r.number, candidate, is_new=False, changed=changed))
        else:
            self.result.unchanged += 1

    # -- a new unit --------------------------------------------------------------------------------

    def _plan_new(self, r: RowReader, c: UnitCells, own_code: str) -> None:
        _valid_period(r, c.valid_from, c.valid_to)
        plan = UnitPlan(r.number, OrgUnit(code=own_code, name=c.name, valid_from=c.valid_from, valid_to=c.valid_to,
                                          note=c.note), is_new=True)
        if c.utype is not None:
            plan.unit.unit_type = c.utype
        if not c.parent_text:
            r.error("parent", _("Đơn vị mới cần mã đơn vị cấp trên."))
        else:
            self._place(r, c, plan)
        parent_type = (plan.parent_unit.unit_type if plan.parent_unit is not None
                       else plan.parent_plan.unit.unit_type if plan.parent_plan is not None else None)
        if c.utype is not None and parent_type is not None:
            problem = unit_type_refusal(c.utype, parent_type, self.type_pairs)
            if problem:
                r.error("unit_type", problem)
        if r.ok:
            plan.unit.refresh_derived()
            self.plans.append(plan)
            if own_code and c.valid_to is None:
                self.new_by_code[own_code].append(plan)

    def _place(self, r: RowReader, c: UnitCells, plan: UnitPlan) -> None:
        """The new unit's parent: a unit already there, or a new unit of an earlier row."""
        ref = c.parent_text
        parent, problem = self.index.resolve(ref, self.scope.can_write_unit)
        p_pk, p_code, _ok = parse_ref(ref)
        in_file = self.new_by_code.get(p_code, []) if p_pk is None else []
        if problem == "missing" and len(in_file) == 1:
            plan.parent_plan = in_file[0]
        elif problem == "" and in_file:
            ref_problem(r, "parent", ref, "ambiguous")
        elif problem == "missing" and p_code and self.code_rows.get(p_code, 0) > r.number:
            r.error("parent", _("Đơn vị cấp trên “%(ref)s” phải ở một dòng phía trên đơn vị này.") % {"ref": ref})
        elif problem:
            ref_problem(r, "parent", ref, "ambiguous" if len(in_file) > 1 else problem)
        else:
            plan.parent_unit = parent

    # -- the whole file --------------------------------------------------------------------------

    def check(self) -> None:
        """One unit in force per type and code, after the whole file is applied (the database constraint)."""
        codes = {p.unit.code for p in self.plans if p.unit.code}
        touched = {p.unit.pk for p in self.plans if not p.is_new}
        occupied: dict[tuple[int, str], str] = {}  # (type, code) -> "db:<pk>" or "row:<n>"
        for part in chunks(codes):
            rows = OrgUnit.objects.filter(code__in=part, valid_to__isnull=True).values_list("pk", "unit_type_id",
                                                                                             "code")
            occupied.update(((type_id, code), f"db:{pk}") for pk, type_id, code in rows if pk not in touched)
        for plan in self.plans:
            u = plan.unit
            if not u.code or u.valid_to is not None:
                continue
            mine = f"row:{plan.row}" if plan.is_new else f"db:{u.pk}"
            if occupied.setdefault((u.unit_type_id, u.code), mine) != mine:
                self.errors.append(RowError(plan.row, header(Kind.UNITS, "code"),
                                            _("Mã đơn vị này đang được một đơn vị khác cùng loại sử dụng.")))

    def write(self) -> None:
        updates = [p for p in self.plans if not p.is_new]
        if updates:
            fields = sorted({f for p in updates for f in p.changed})
            bulk_update_with_history([p.unit for p in updates], OrgUnit, fields, batch_size=BATCH,
                                     default_user=self.actor)
            self.result.updated = len(updates)
        creates = [p for p in self.plans if p.is_new]
        if creates:
            self._insert(creates)
            self.result.created = len(creates)

    def _insert(self, creates: list[UnitPlan]) -> None:
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
        bulk_create_with_history([p.unit for p in creates], OrgUnit, batch_size=BATCH, default_user=self.actor)
        for pk, count in added.items():
            parents[pk].numchild += count
        OrgUnit.objects.bulk_update([parents[pk] for pk in added], ["numchild"])
