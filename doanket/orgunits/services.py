"""Writes to the unit tree. Atomic, checked against the actor's reach, recorded in history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from doanket.accounts.models import User
from doanket.accounts.selectors import require
from doanket.core.services import as_actor, validate_and_save
from doanket.core.text import normalize_text
from doanket.orgunits.permissions import UnitPerm

from .models import Branch, LineageKind, LineageLink, MemberOrganisation, OrgUnit, UnitType
from .selectors import allowed_type_pairs, successor_scope


def _check_period(valid_from: dt.date | None, valid_to: dt.date | None) -> None:
    if valid_from and valid_to and valid_to < valid_from:
        raise ValidationError({"valid_to": [_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")]})


def unit_type_refusal(unit_type: UnitType, parent_type: UnitType | None,
                      pairs: set[tuple[int, int]] | None = None) -> str | None:
    """Why a unit of `unit_type` may not sit under a unit of `parent_type` (None when it may). The one rule
    for the form, the API and the import. Roots are for operators only and are checked where they are made."""
    if parent_type is None:
        return None
    pairs = allowed_type_pairs() if pairs is None else pairs
    if (unit_type.pk, parent_type.pk) in pairs:
        return None
    allowed = [t.name for t in UnitType.objects.filter(pk__in={c for c, p in pairs if p == parent_type.pk})]
    if allowed:
        return _("Không thể đặt đơn vị loại “%(type)s” dưới đơn vị loại “%(parent)s”; chỉ được: %(allowed)s.") % {
            "type": unit_type.name, "parent": parent_type.name, "allowed": ", ".join(allowed)}
    return _("Không thể đặt đơn vị loại “%(type)s” dưới đơn vị loại “%(parent)s”; loại này không có đơn vị "
             "trực thuộc.") % {"type": unit_type.name, "parent": parent_type.name}


def _check_type_placement(unit: OrgUnit, parent: OrgUnit | None) -> None:
    """The unit's type under its parent's, and its children's types under its own (an edit may change it)."""
    pairs = allowed_type_pairs()
    problem = unit_type_refusal(unit.unit_type, parent.unit_type if parent is not None else None, pairs)
    if problem is None and unit.pk is not None:
        for child_type in UnitType.objects.filter(units__in=OrgUnit.objects.get_children(unit)).distinct():
            if (child_type.pk, unit.unit_type_id) not in pairs:
                problem = _("Đơn vị này có đơn vị trực thuộc loại “%(child)s”, không thể đặt dưới loại “%(type)s”.") \
                    % {"child": child_type.name, "type": unit.unit_type.name}
                break
    if problem:
        raise ValidationError({"unit_type": [problem]})


@transaction.atomic
def unit_create(*, actor: User | None, parent: OrgUnit | None, unit_type: UnitType, name: str, code: str = "",
                short_name: str = "", valid_from: dt.date | None = None, valid_to: dt.date | None = None,
                note: str = "") -> OrgUnit:
    """Add a unit under `parent` (a root when None: operators only)."""
    if parent is None:
        if actor is not None and not getattr(actor, "is_superuser", False):
            raise Http404
    else:
        require(actor, parent.path, UnitPerm.MANAGE, seen_with=UnitPerm.VIEW)
    _check_period(valid_from, valid_to)
    unit = OrgUnit(unit_type=unit_type, name=name, code=(code or "").strip(), short_name=short_name,
                   valid_from=valid_from, valid_to=valid_to, note=note)
    _check_type_placement(unit, parent)
    unit.refresh_derived()
    unit.full_clean(exclude=["path", "depth", "numchild"])
    as_actor(unit, actor)
    if parent is None:
        return OrgUnit.objects.add_root(instance=unit)
    parent.refresh_from_db(fields=["numchild", "path", "depth"])
    return OrgUnit.objects.add_child(parent, instance=unit)


_EDITABLE = ("unit_type", "name", "code", "short_name", "valid_from", "valid_to", "note")


@transaction.atomic
def unit_update(*, actor: User | None, unit: OrgUnit, **changes: Any) -> OrgUnit:
    require(actor, unit.path, UnitPerm.MANAGE, seen_with=UnitPerm.VIEW)
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    type_before = unit.unit_type_id
    for field, value in changes.items():
        setattr(unit, field, value)
    if unit.unit_type_id != type_before:
        _check_type_placement(unit, OrgUnit.objects.get_parent(OrgUnit.objects.get(pk=unit.pk)))
    _check_period(unit.valid_from, unit.valid_to)
    unit.refresh_derived()
    return validate_and_save(unit, actor, exclude=["path", "depth", "numchild"])


@transaction.atomic
def unit_delete(*, actor: User | None, unit: OrgUnit) -> None:
    """Delete a unit entered by mistake. A unit with history (children, people, assignments) is closed
    with a validity end date instead, so nothing that refers to it is lost."""
    require(actor, unit.path, UnitPerm.MANAGE, seen_with=UnitPerm.VIEW)
    if OrgUnit.objects.get_children_count(unit) or unit.people.exists() or unit.assignments.exists():
        raise ValidationError(_("Không thể xoá đơn vị đã có đơn vị trực thuộc, người hoặc chức vụ; "
                                "hãy ghi ngày hết hiệu lực hoặc biến động sáp nhập."))
    as_actor(unit, actor)
    unit.delete()


@transaction.atomic
def lineage_record(*, actor: User | None, predecessors: Sequence[OrgUnit], successor: OrgUnit, kind: str,
                   effective_date: dt.date, legal_basis: str = "", close_predecessors: bool = True) -> list[LineageLink]:
    """Record that `predecessors` merged into / were renamed to / partly moved to `successor` on
    `effective_date`. Merged and renamed units end the day before; a split leaves the old unit open
    unless `close_predecessors`."""
    links = []
    for old in predecessors:
        require(actor, old.path, UnitPerm.MANAGE, seen_with=UnitPerm.VIEW)
        # The successor may lie outside the reach when it is a unit in force of the same province (a
        # district's wards merged into the province's new wards); anything else needs the reach.
        nearby = successor.valid_to is None and successor.path.startswith(successor_scope(old))
        if not nearby:
            require(actor, successor.path, UnitPerm.MANAGE, seen_with=UnitPerm.VIEW)
        if old.pk == successor.pk:
            raise ValidationError(_("Đơn vị không thể sáp nhập vào chính nó."))
        link = LineageLink(predecessor=old, successor=successor, kind=kind, effective_date=effective_date,
                           legal_basis=legal_basis)
        links.append(validate_and_save(link, actor))
        if close_predecessors and (kind != LineageKind.SPLIT or old.valid_to is None):
            day_before = effective_date - dt.timedelta(days=1)
            if old.valid_to is None or old.valid_to > day_before:
                old.valid_to = day_before
                validate_and_save(old, actor, update_fields=["valid_to"], exclude=["path", "depth", "numchild"])
    return links


@transaction.atomic
def branch_create(*, actor: User | None, unit: OrgUnit, organisation: MemberOrganisation, name: str,
                  valid_from: dt.date | None = None) -> Branch:
    """Attach a member organisation's branch (chi hội, chi đoàn) to a unit."""
    require(actor, unit.path, UnitPerm.MANAGE, seen_with=UnitPerm.VIEW)
    branch = Branch(unit=unit, organisation=organisation, name=normalize_text(name), valid_from=valid_from)
    return validate_and_save(branch, actor)


def unit_bulk_add_children(*, actor: User | None, parent: OrgUnit, units: Iterable[OrgUnit]) -> list[OrgUnit]:
    """Append many children in one insert (catalogue loads, data generators): paths are computed
    here instead of one add_child() round trip per unit. Caller holds the transaction."""
    parent.refresh_from_db(fields=["numchild", "path", "depth"])
    units = list(units)
    pairs = allowed_type_pairs()
    for unit_type in {u.unit_type for u in units}:
        problem = unit_type_refusal(unit_type, parent.unit_type, pairs)
        if problem:
            raise ValidationError({"unit_type": [problem]})
    last = OrgUnit.objects.get_last_child(parent)
    next_step = OrgUnit._str2int(last.path[-OrgUnit.steplen:]) + 1 if last else 1
    batch = []
    for offset, unit in enumerate(units):
        unit.depth = parent.depth + 1
        unit.path = OrgUnit._get_path(parent.path, unit.depth, next_step + offset)
        unit.numchild = 0
        unit.refresh_derived()
        batch.append(unit)
    if not batch:
        return []
    created = bulk_create_with_history(batch, OrgUnit, batch_size=1000, default_user=actor)
    OrgUnit.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(batch))
    parent.numchild += len(batch)
    return created
