"""JSON API for people, their assignments (positions held) and the catalogue of positions.

Reads go through the selectors, writes through the services, so the API follows the web UI's
rules: a record outside the user's reach answers 404; inside the reach without the right to change
it, 403; phone and ID number are masked for users who may not see them (and they cannot change
them either, so a mask never overwrites data).
"""


import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from doanket.accounts.selectors import user_reach
from doanket.core.api import READ_ERRORS, WRITE_ERRORS, CountedPagination, Pagination, actor
from doanket.orgunits import selectors as unit_selectors
from doanket.orgunits.api import UnitRef
from doanket.orgunits.api import router as units_router
from doanket.orgunits.models import Branch, OrgUnit
from doanket.orgunits.permissions import UnitPerm
from doanket.people.permissions import PersonPerm

from . import selectors, services
from .middleware import PENDING_LOG
from .models import Assignment, Body, Person, Position
from .personal_data import MASKED_FIELDS

people_router = Router(tags=["Người"])
assignments_router = Router(tags=["Chức vụ đảm nhiệm"])
positions_router = Router(tags=["Danh mục chức vụ"])

TEXT_FIELDS = ("full_name", "title", "gender", "phone", "id_number", "affiliation", "note")
PRIVATE_FIELDS = tuple(sorted(MASKED_FIELDS))


# ---------------------------------------------------------------- schemas


class PositionRef(Schema):
    id: int
    name: str
    abbreviation: str


class PositionOut(PositionRef):
    body: str
    body_label: str
    rank: int

    @staticmethod
    def resolve_body_label(obj: Position) -> str:
        return str(Body(obj.body).label) if obj.body in Body.values else obj.body


class PersonRef(Schema):
    id: int
    full_name: str


class BranchRef(Schema):
    id: int
    name: str


class HeldPositionOut(Schema):
    """A position held by a person, as listed with the person."""

    id: int
    position: PositionRef
    unit: UnitRef
    start_date: dt.date | None
    end_date: dt.date | None
    note: str
    is_current: bool

    @staticmethod
    def resolve_is_current(obj: Assignment) -> bool:
        return obj.is_current()


class PersonAssignmentOut(HeldPositionOut):
    branch: BranchRef | None


class AssignmentOut(PersonAssignmentOut):
    person: PersonRef


def _private(obj: Person, context: dict[str, Any]) -> dict[str, str]:
    request = context["request"]
    private = selectors.private_view(request.auth, obj)
    if not private["masked"] and (obj.phone or obj.id_number):
        # Logged once per person per response, in one insert after the response is built.
        request.__dict__.setdefault(PENDING_LOG, {})[obj.pk] = obj
    return private


class PersonOut(Schema):
    id: int
    full_name: str
    title: str
    unit: UnitRef = Field(description="Đơn vị quản lý")
    gender: str = Field(description='"F" nữ, "M" nam, "O" khác, "" chưa rõ')
    gender_label: str
    birth_year: int | None
    phone: str = Field(description="Che một phần nếu người dùng không có quyền xem")
    id_number: str = Field(description="Số định danh cá nhân, che một phần nếu người dùng không có quyền xem")
    private_masked: bool = Field(description="Điện thoại và số định danh đã bị che")

    @staticmethod
    def resolve_gender_label(obj: Person) -> str:
        return str(obj.get_gender_display())

    @staticmethod
    def resolve_phone(obj: Person, context: dict[str, Any]) -> str:
        return _private(obj, context)["phone"]

    @staticmethod
    def resolve_id_number(obj: Person, context: dict[str, Any]) -> str:
        return _private(obj, context)["id_number"]

    @staticmethod
    def resolve_private_masked(obj: Person, context: dict[str, Any]) -> bool:
        return bool(_private(obj, context)["masked"])


class PersonListOut(PersonOut):
    current_assignments: list[HeldPositionOut] = Field(description="Chức vụ hiện giữ trong phạm vi của người dùng")


class PersonDetailOut(PersonOut):
    affiliation: str
    note: str
    assignments: list[PersonAssignmentOut] = Field(description="Quá trình giữ chức vụ trong phạm vi, mới nhất trước")
    can_manage: bool

    @staticmethod
    def resolve_assignments(obj: Person, context: dict[str, Any]) -> list[Assignment]:
        return selectors.person_assignments(context["request"].auth, obj)

    @staticmethod
    def resolve_can_manage(obj: Person, context: dict[str, Any]) -> bool:
        return user_reach(context["request"].auth, PersonPerm.MANAGE).covers(obj.unit.path)


class PersonIn(Schema):
    full_name: str
    unit: int = Field(description="Mã (id) đơn vị quản lý")
    title: str = ""
    gender: str = ""
    birth_year: int | None = None
    phone: str = ""
    id_number: str = ""
    affiliation: str = ""
    note: str = ""


class PersonPatch(Schema):
    full_name: str | None = None
    unit: int | None = None
    title: str | None = None
    gender: str | None = None
    birth_year: int | None = None
    phone: str | None = None
    id_number: str | None = None
    affiliation: str | None = None
    note: str | None = None


class PersonFilter(Schema):
    q: str = Field("", description="Tìm theo họ tên, không phân biệt dấu")
    unit: int | None = Field(None, description="Người của đơn vị này và các đơn vị trực thuộc")
    position: int | None = Field(None, description="Người (đã) giữ chức vụ này")
    current: bool = Field(False, description="Chỉ người đang giữ chức vụ")


class AssignmentIn(Schema):
    person: int
    position: int
    unit: int
    branch: int | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    note: str = ""


class AssignmentPatch(Schema):
    position: int | None = None
    unit: int | None = None
    branch: int | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    note: str | None = None


class AssignmentFilter(Schema):
    person: int | None = None
    unit: int | None = Field(None, description="Chức vụ tại đúng đơn vị này")
    current: bool = Field(False, description="Chỉ chức vụ đang giữ")


# ---------------------------------------------------------------- helpers


MANAGE_DENIED = gettext_lazy("Bạn không có quyền thay đổi dữ liệu của đơn vị này.")


def _unit_for_write(user: Any, pk: int | None, field: str = "unit") -> OrgUnit:
    if pk is None:
        raise ValidationError({field: [_("Cần chọn đơn vị.")]})
    return unit_selectors.access_unit(user, pk, PersonPerm.MANAGE, denied=str(MANAGE_DENIED))


def _position(pk: int | None) -> Position:
    position = selectors.positions_all().filter(pk=pk).first() if pk is not None else None
    if position is None:
        raise ValidationError({"position": [_("Chức vụ không có trong danh mục.")]})
    return position


def _branch(user: Any, pk: int | None) -> Branch | None:
    if pk is None:
        return None
    branch = Branch.objects.filter(user_reach(user, UnitPerm.VIEW).q("unit__path"), pk=pk).first()
    if branch is None:
        raise Http404
    return branch


def _text(value: str | None) -> str:
    return value or ""


# ---------------------------------------------------------------- people


@people_router.get("", response=list[PersonListOut], summary="Danh bạ người trong phạm vi")
@paginate(CountedPagination)
def person_list(request: HttpRequest, filters: Query[PersonFilter]) -> QuerySet[Person]:
    user = actor(request)
    unit = unit_selectors.unit_get(user, filters.unit) if filters.unit is not None else None
    position = None
    if filters.position is not None:
        position = selectors.positions_all().filter(pk=filters.position).first()
        if position is None:
            raise Http404
    # Counted with a cap (people.selectors.person_directory_counted): above 1,000 results `count` is
    # 1,000 and `count_capped` is true, so the cost of a page does not grow with the database.
    people, count, capped = selectors.person_directory_counted(user, query=filters.q, unit=unit, position=position,
                                                               current_only=filters.current)
    request.counted_result = (count, capped)  # type: ignore[attr-defined]
    return people


@people_router.get("/{person_id}", response={200: PersonDetailOut, **READ_ERRORS}, summary="Một người")
def person_detail(request: HttpRequest, person_id: int) -> Person:
    return selectors.person_get(actor(request), person_id)


@people_router.post("", response={201: PersonDetailOut, **WRITE_ERRORS}, summary="Thêm người")
def person_create(request: HttpRequest, payload: PersonIn) -> Status[Person]:
    user = actor(request)
    data = payload.model_dump()
    unit = _unit_for_write(user, data.pop("unit"))
    person = services.person_create(actor=user, unit=unit, **data)
    return Status(201, person)


@people_router.patch("/{person_id}", response={200: PersonDetailOut, **WRITE_ERRORS}, summary="Sửa thông tin người")
def person_update(request: HttpRequest, person_id: int, payload: PersonPatch | None = None) -> Person:
    user = actor(request)
    person = selectors.access_person(user, person_id, PersonPerm.MANAGE, denied=str(MANAGE_DENIED))
    changes: dict[str, Any] = payload.model_dump(exclude_unset=True) if payload else {}
    if any(f in changes for f in PRIVATE_FIELDS) and not selectors.can_see_private(user, person):
        raise PermissionDenied(_("Bạn không có quyền xem và sửa số điện thoại, số định danh của người này."))
    for field in TEXT_FIELDS:
        if field in changes:
            changes[field] = _text(changes[field])
    if "unit" in changes:
        changes["unit"] = _unit_for_write(user, changes["unit"])
    return services.person_update(actor=user, person=person, **changes)


@people_router.delete("/{person_id}", response={204: None, **WRITE_ERRORS}, summary="Xoá người")
def person_delete(request: HttpRequest, person_id: int) -> Status[None]:
    user = actor(request)
    person = selectors.access_person(user, person_id, PersonPerm.MANAGE, denied=str(MANAGE_DENIED))
    services.person_delete(actor=user, person=person)
    return Status(204, None)


# ---------------------------------------------------------------- assignments


@assignments_router.get("", response=list[AssignmentOut], summary="Chức vụ đảm nhiệm trong phạm vi")
@paginate(Pagination)
def assignment_list(request: HttpRequest, filters: Query[AssignmentFilter]) -> QuerySet[Assignment]:
    qs = selectors.assignments_visible(actor(request)).select_related("branch")
    if filters.person is not None:
        qs = qs.filter(person_id=filters.person)
    if filters.unit is not None:
        qs = qs.filter(unit_id=filters.unit)
    if filters.current:
        qs = qs.filter(selectors.current_assignments_q())
    return qs.order_by("unit__depth", "unit__sort_key", "position__rank", "person__sort_key", "id")


@assignments_router.post("", response={201: AssignmentOut, **WRITE_ERRORS}, summary="Giao chức vụ")
def assignment_create(request: HttpRequest, payload: AssignmentIn) -> Status[Assignment]:
    user = actor(request)
    person = selectors.person_get(user, payload.person)
    unit = _unit_for_write(user, payload.unit)
    assignment = services.assignment_create(
        actor=user, person=person, position=_position(payload.position), unit=unit,
        branch=_branch(user, payload.branch), start_date=payload.start_date, end_date=payload.end_date,
        note=payload.note,
    )
    return Status(201, assignment)


@assignments_router.patch("/{assignment_id}", response={200: AssignmentOut, **WRITE_ERRORS},
                          summary="Sửa chức vụ đảm nhiệm")
def assignment_update(request: HttpRequest, assignment_id: int,
                      payload: AssignmentPatch | None = None) -> Assignment:
    user = actor(request)
    assignment = selectors.access_assignment(user, assignment_id, PersonPerm.MANAGE, denied=str(MANAGE_DENIED))
    changes: dict[str, Any] = payload.model_dump(exclude_unset=True) if payload else {}
    if "position" in changes:
        changes["position"] = _position(changes["position"])
    if "unit" in changes:
        changes["unit"] = _unit_for_write(user, changes["unit"])
    if "branch" in changes:
        changes["branch"] = _branch(user, changes["branch"])
    if "note" in changes:
        changes["note"] = _text(changes["note"])
    return services.assignment_update(actor=user, assignment=assignment, **changes)


@assignments_router.delete("/{assignment_id}", response={204: None, **WRITE_ERRORS}, summary="Xoá chức vụ đảm nhiệm")
def assignment_delete(request: HttpRequest, assignment_id: int) -> Status[None]:
    user = actor(request)
    assignment = selectors.access_assignment(user, assignment_id, PersonPerm.MANAGE, denied=str(MANAGE_DENIED))
    services.assignment_delete(actor=user, assignment=assignment)
    return Status(204, None)


# Current holders of a unit live on the units router (/units/{id}/assignments) but need the schemas above.
@units_router.get("/{unit_id}/assignments", response={200: list[AssignmentOut], **READ_ERRORS},
                  summary="Người đang giữ chức vụ tại đơn vị")
def unit_holders(request: HttpRequest, unit_id: int) -> list[Assignment]:
    """Holders today; for a unit no longer in force, the holders on its last day (as the unit page shows)."""
    unit = unit_selectors.unit_get(actor(request), unit_id)
    holders = selectors.unit_assignments(unit, on=unit.valid_to)
    for assignment in holders:
        assignment.unit = unit  # already loaded: no query per row
    return holders


# ---------------------------------------------------------------- catalogue


@positions_router.get("", response=list[PositionOut], summary="Danh mục chức vụ")
def position_list(request: HttpRequest) -> QuerySet[Position]:
    return selectors.positions_all()

