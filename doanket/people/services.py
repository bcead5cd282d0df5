"""Writes to people and assignments. Atomic, checked against the actor's reach, recorded in history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from doanket.accounts.models import User
from doanket.accounts.selectors import require, user_reach
from doanket.core.services import as_actor, validate_and_save
from doanket.core.text import mixed_scripts, normalize_text
from doanket.orgunits.models import Branch, OrgUnit
from doanket.people.permissions import PersonPerm

from .models import AccessAction, Assignment, Person, PersonalDataAccess, Position

PERSON_FIELDS = ("full_name", "title", "unit", "gender", "birth_year", "phone", "id_number", "affiliation", "note")


def person_prepare(person: Person) -> Person:
    """Normalise the free-text fields (NFC, spaces) and compute derived columns. Shared with imports."""
    for field in ("title", "affiliation", "note"):
        setattr(person, field, normalize_text(getattr(person, field)) if field != "note" else getattr(person, field))
    person.phone = "".join(ch for ch in (person.phone or "") if ch.isdigit() or ch == "+")
    person.id_number = (person.id_number or "").strip()
    if person.id_number and (not person.id_number.isdigit() or len(person.id_number) != 12):
        raise ValidationError({"id_number": [_("Số định danh cá nhân gồm đúng 12 chữ số.")]})
    person.refresh_derived()
    if not person.full_name:
        raise ValidationError({"full_name": [_("Cần nhập họ và tên.")]})
    if mixed_scripts(person.full_name):
        raise ValidationError({"full_name": [_(
            "Họ và tên trộn lẫn chữ cái của nhiều bộ chữ khác nhau (ví dụ chữ “а” Kirin trông giống chữ “a”), "
            "thường do dán từ nơi khác. Hãy gõ lại họ tên bằng bàn phím tiếng Việt.")]})
    return person


def _hold_if_held_elsewhere(actor: Any, person: Person) -> None:
    """The ID-number oracle, closed: when the number belongs to a person the actor cannot see, the record is
    saved as for a new number and held for a merge (`held_as_duplicate_of`), instead of answering "already in
    the system" — which told any ward who exists anywhere in the country. When the actor sees the holder,
    the usual message stands (it tells nothing new)."""
    holder = None
    if person.id_number:
        holder = (Person.objects.filter(id_number=person.id_number, held_as_duplicate_of=None)
                  .exclude(pk=person.pk).select_related("unit").first())
    if holder is None or actor is None or user_reach(actor, PersonPerm.VIEW).covers(holder.unit.path):
        person.held_as_duplicate_of = None
    else:
        person.held_as_duplicate_of = holder


@transaction.atomic
def person_create(*, actor: User | None, unit: OrgUnit, full_name: str, **fields: Any) -> Person:
    require(actor, unit.path, PersonPerm.MANAGE, seen_with=PersonPerm.VIEW)
    person = Person(unit=unit, full_name=full_name, **{k: v for k, v in fields.items() if k in PERSON_FIELDS})
    person_prepare(person)
    _hold_if_held_elsewhere(actor, person)
    return validate_and_save(person, actor)


@transaction.atomic
def person_update(*, actor: User | None, person: Person, **changes: Any) -> Person:
    require(actor, person.unit.path, PersonPerm.MANAGE, seen_with=PersonPerm.VIEW)
    if person.erased_at is not None:
        raise ValidationError(_("Dữ liệu cá nhân của người này đã bị xoá; hồ sơ không sửa được nữa."))
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "unit" in changes:
        require(actor, changes["unit"].path, PersonPerm.MANAGE, seen_with=PersonPerm.VIEW)
    for field, value in changes.items():
        setattr(person, field, value)
    person_prepare(person)
    _hold_if_held_elsewhere(actor, person)
    return validate_and_save(person, actor)


def _require_both(actor: Any, held: Person) -> Person:
    holder = held.held_as_duplicate_of
    if holder is None:
        raise ValidationError(_("Hồ sơ này không chờ hợp nhất."))
    require(actor, held.unit.path, PersonPerm.MANAGE)
    require(actor, holder.unit.path, PersonPerm.MANAGE)
    return holder


@transaction.atomic
def person_merge(*, actor: Any, held: Person) -> Person:
    """Merge a held record into the person holding its ID number: every record pointing at the held one
    (assignments, invitations, attendance, log rows) then points at the holder, and the held record is
    deleted. For an administrator who reaches both units: the unit that entered it could not know."""
    holder = _require_both(actor, held)
    for rel in Person._meta.related_objects:
        model = rel.related_model
        if rel.hidden or model is Person or isinstance(model, str) or not (rel.one_to_many or rel.one_to_one):
            continue
        name = rel.field.name
        for obj in model._default_manager.filter(**{name: held}):
            setattr(obj, name, holder)
            as_actor(obj, actor)
            try:
                with transaction.atomic():
                    obj.save(update_fields=[name])
            except IntegrityError as exc:
                raise ValidationError(_("Không hợp nhất được: cả hai hồ sơ đều có %(what)s trùng nhau; hãy xoá bản "
                                        "trùng trước.") % {"what": model._meta.verbose_name}) from exc
    as_actor(held, actor)
    held._change_reason = f"Hợp nhất vào #{holder.pk}"  # type: ignore[attr-defined]  # read by simple-history
    held.delete()
    return holder


@transaction.atomic
def person_hold_release(*, actor: Any, held: Person) -> Person:
    """Not the same human (the number was mistyped): the held record stays, without the ID number."""
    _require_both(actor, held)
    held.id_number = ""
    held.held_as_duplicate_of = None
    held._change_reason = "Số định danh trùng: bỏ số định danh"  # type: ignore[attr-defined]
    return validate_and_save(held, actor)


@transaction.atomic
def person_delete(*, actor: User | None, person: Person) -> None:
    require(actor, person.unit.path, PersonPerm.MANAGE, seen_with=PersonPerm.VIEW)
    if actor is not None:
        reach = user_reach(actor, PersonPerm.MANAGE)
        if person.assignments.exclude(reach.q("unit__path")).exists():
            raise ValidationError(_("Không thể xoá: người này còn được ghi giữ chức vụ ở đơn vị ngoài phạm vi quản lý "
                                    "của bạn. Hãy đề nghị đơn vị đó xoá chức vụ trước."))
    for a in person.assignments.all():
        as_actor(a, actor)
        a.delete()
    as_actor(person, actor)
    person.delete()


def _check_term(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        raise ValidationError({"end_date": [_("Ngày kết thúc phải sau ngày bắt đầu.")]})


def _check_branch(branch: Branch | None, unit: OrgUnit) -> None:
    if branch is not None and branch.unit_id != unit.pk:
        raise ValidationError({"branch": [_("Chi hội phải thuộc đơn vị của chức vụ.")]})


@transaction.atomic
def assignment_create(*, actor: User | None, person: Person, position: Position, unit: OrgUnit,
                      start_date: dt.date | None = None, end_date: dt.date | None = None,
                      branch: Branch | None = None, note: str = "") -> Assignment:
    require(actor, unit.path, PersonPerm.MANAGE, seen_with=PersonPerm.VIEW)
    _check_term(start_date, end_date)
    _check_branch(branch, unit)
    a = Assignment(person=person, position=position, unit=unit, start_date=start_date, end_date=end_date,
                   branch=branch, note=normalize_text(note))
    return validate_and_save(a, actor)


@transaction.atomic
def assignment_update(*, actor: User | None, assignment: Assignment, **changes: Any) -> Assignment:
    require(actor, assignment.unit.path, PersonPerm.MANAGE, seen_with=PersonPerm.VIEW)
    allowed = {"position", "unit", "start_date", "end_date", "branch", "note"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "unit" in changes:
        require(actor, changes["unit"].path, PersonPerm.MANAGE, seen_with=PersonPerm.VIEW)
    for field, value in changes.items():
        setattr(assignment, field, value)
    _check_term(assignment.start_date, assignment.end_date)
    _check_branch(assignment.branch, assignment.unit)
    return validate_and_save(assignment, actor)


@transaction.atomic
def assignment_delete(*, actor: User | None, assignment: Assignment) -> None:
    require(actor, assignment.unit.path, PersonPerm.MANAGE, seen_with=PersonPerm.VIEW)
    as_actor(assignment, actor)
    assignment.delete()


@transaction.atomic
def position_create(*, actor: User | None, name: str, abbreviation: str = "", body: str = "front",
                    rank: int = 100) -> Position:
    p = Position(name=name, abbreviation=normalize_text(abbreviation), body=body, rank=rank)
    p.refresh_derived()
    return validate_and_save(p, actor)


def personal_data_accessed(*, actor: User | None, action: AccessAction, person: Person | None = None,
                           unit: OrgUnit | None = None, count: int = 1, detail: str = "") -> None:
    """Record that `actor` was shown unmasked personal data: of `person`, or of `count` people of a
    list or export (then `unit` is where the reader works). Nothing is recorded for zero people."""
    if count <= 0:
        return
    target_unit = person.unit if person is not None else (unit or getattr(actor, "unit", None))
    if target_unit is None:  # operators without a unit: attribute to the tree's root
        target_unit = OrgUnit.objects.order_by("path").first()
        if target_unit is None:
            return
    PersonalDataAccess.objects.create(
        actor=actor if getattr(actor, "pk", None) else None, actor_name=str(actor or ""), person=person,
        person_name=person.full_name if person is not None else "", unit=target_unit, action=action,
        record_count=count, detail=detail[:255],
    )


def personal_data_accessed_many(*, actor: User | None, action: AccessAction, people: list[Person], detail: str = "") -> None:
    """One log row per person shown unmasked in a list response, written in one insert."""
    if not people:
        return
    PersonalDataAccess.objects.bulk_create([
        PersonalDataAccess(actor=actor if getattr(actor, "pk", None) else None, actor_name=str(actor or ""),
                           person=p, person_name=p.full_name, unit=p.unit, action=action, detail=detail[:255])
        for p in people
    ])


@transaction.atomic
def person_erase(*, actor: User | None, person: Person, reason: str) -> Person:
    """Erase a person's personal data on request (Law 91/2025/QH15): the name becomes “Người đã xoá dữ
    liệu #<id>”, every field of `personal_data.ERASED_FIELDS` is cleared, in the record and in all its
    history rows, and so is the name copied into the personal-data access log. The record itself stays,
    with its positions and attendance, so counts and statistics do not change. Administrators only;
    the erasure is logged (who, when, why) in the personal-data log."""
    from django.utils import timezone

    from .personal_data import ERASED_FIELDS, erased_name
    from .signals import person_erased

    require(actor, person.unit.path, PersonPerm.ERASE, seen_with=PersonPerm.VIEW)
    reason = normalize_text(reason)
    if not reason:
        raise ValidationError({"reason": [_("Cần ghi lý do xoá dữ liệu (ví dụ: theo yêu cầu của người này).")]})
    if person.erased_at is not None:
        raise ValidationError(_("Dữ liệu cá nhân của người này đã được xoá trước đó."))
    anonymous = erased_name(person.pk)
    blank: dict[str, Any] = {f: (None if f == "birth_year" else "") for f in ERASED_FIELDS}
    for field, value in blank.items():
        setattr(person, field, value)
    person.full_name = anonymous
    person.erased_at = timezone.now()
    person.refresh_derived()
    person._change_reason = "Xoá dữ liệu cá nhân"  # type: ignore[attr-defined]  # read by simple-history
    validate_and_save(person, actor)
    # History keeps who changed what and when, but no longer the values.
    Person.history.filter(id=person.pk).update(full_name=anonymous, **blank)
    PersonalDataAccess.objects.filter(person=person).update(person_name=anonymous)
    PersonalDataAccess.objects.create(
        actor=actor if getattr(actor, "pk", None) else None, actor_name=str(actor or ""), person=person,
        person_name=anonymous, unit=person.unit, action=AccessAction.ERASE, detail=reason[:255],
    )
    person_erased.send(sender=Person, person=person, actor=actor)
    return person
