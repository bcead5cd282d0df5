"""JSON API for the unit tree: list/search, one unit with breadcrumb and lineage.

Every read goes through the selectors, so the API sees exactly what the web UI shows: a unit
outside the user's reach answers 404. The current holders of a unit (`/units/{id}/assignments`)
are served by doanket.people.api, which owns the assignment schemas.
"""


import datetime as dt
from typing import Any

from django.db.models import F, Q, QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from doanket.accounts.selectors import user_reach
from doanket.core.api import READ_ERRORS, Pagination, actor
from doanket.core.reach import subtree_q
from doanket.core.text import search_terms
from doanket.orgunits.permissions import UnitPerm
from doanket.people.permissions import PersonPerm

from . import selectors
from .models import Branch, LineageKind, LineageLink, OrgUnit

router = Router(tags=["Đơn vị"])


class UnitTypeOut(Schema):
    code: str
    name: str
    level: int
    is_historic: bool


class UnitRef(Schema):
    """A unit named in another record (breadcrumb, lineage, a person's unit)."""

    id: int
    name: str
    label: str = Field(description="Tên kèm ngày hết hiệu lực với đơn vị không còn tồn tại")


class UnitOut(UnitRef):
    short_name: str
    code: str
    unit_type: UnitTypeOut
    depth: int = Field(description="1 = gốc cây")
    valid_from: dt.date | None
    valid_to: dt.date | None
    is_current: bool
    has_children: bool

    @staticmethod
    def resolve_is_current(obj: OrgUnit) -> bool:
        return obj.is_current()

    @staticmethod
    def resolve_has_children(obj: OrgUnit) -> bool:
        return obj.numchild > 0


class LineageOut(Schema):
    unit: UnitRef = Field(description="Đơn vị ở đầu kia của biến động")
    kind: str = Field(description="merge | rename | split")
    kind_label: str
    effective_date: dt.date
    legal_basis: str


class BranchOut(Schema):
    id: int
    name: str
    organisation: str
    organisation_code: str
    valid_from: dt.date | None
    valid_to: dt.date | None

    @staticmethod
    def resolve_organisation(obj: Branch) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_organisation_code(obj: Branch) -> str:
        return obj.organisation.code


def _lineage(unit: OrgUnit) -> tuple[list[LineageLink], list[LineageLink]]:
    """unit_lineage(), read once per unit however many fields use it."""
    if "_api_lineage" not in unit.__dict__:
        unit.__dict__["_api_lineage"] = selectors.unit_lineage(unit)
    return unit.__dict__["_api_lineage"]


def _link_out(link: LineageLink, other: OrgUnit) -> dict[str, Any]:
    return {
        "unit": other,
        "kind": link.kind,
        "kind_label": str(LineageKind(link.kind).label),
        "effective_date": link.effective_date,
        "legal_basis": link.legal_basis,
    }


class UnitDetailOut(UnitOut):
    note: str
    ancestors: list[UnitRef] = Field(description="Đường dẫn từ gốc cây đến đơn vị cha")
    predecessors: list[LineageOut] = Field(description="Đơn vị cũ đã sáp nhập, đổi tên hoặc chuyển một phần về đây")
    successors: list[LineageOut] = Field(description="Đơn vị mới mà đơn vị này đã sáp nhập vào, đổi tên thành…")
    current_successors: list[UnitRef] = Field(description="Với đơn vị đã hết hiệu lực: đơn vị hiện nay kế thừa")
    branches: list[BranchOut]
    can_manage: bool
    can_add_person: bool

    @staticmethod
    def resolve_ancestors(obj: OrgUnit) -> list[OrgUnit]:
        return selectors.unit_ancestors(obj)

    @staticmethod
    def resolve_predecessors(obj: OrgUnit) -> list[dict[str, Any]]:
        return [_link_out(link, link.predecessor) for link in _lineage(obj)[0]]

    @staticmethod
    def resolve_successors(obj: OrgUnit) -> list[dict[str, Any]]:
        return [_link_out(link, link.successor) for link in _lineage(obj)[1]]

    @staticmethod
    def resolve_current_successors(obj: OrgUnit) -> list[OrgUnit]:
        return [unit for _link, unit in selectors.unit_current_successors(obj)] if obj.valid_to else []

    @staticmethod
    def resolve_branches(obj: OrgUnit) -> list[Branch]:
        return list(selectors.unit_branches(obj))

    @staticmethod
    def resolve_can_manage(obj: OrgUnit, context: dict[str, Any]) -> bool:
        return user_reach(context["request"].auth, UnitPerm.MANAGE).covers(obj.path)

    @staticmethod
    def resolve_can_add_person(obj: OrgUnit, context: dict[str, Any]) -> bool:
        return user_reach(context["request"].auth, PersonPerm.MANAGE).covers(obj.path)


class UnitFilter(Schema):
    q: str = Field("", description="Tìm theo tên (không phân biệt dấu) hoặc mã")
    parent: int | None = Field(None, description="Chỉ các đơn vị trực thuộc trực tiếp đơn vị này")


@router.get("", response=list[UnitOut], summary="Danh sách đơn vị trong phạm vi")
@paginate(Pagination)
def unit_list(request: HttpRequest, filters: Query[UnitFilter]) -> QuerySet[OrgUnit]:
    user = actor(request)
    qs = selectors.units_visible(user)
    if filters.parent is not None:
        parent = selectors.unit_get(user, filters.parent)
        qs = qs.filter(subtree_q(parent.path), depth=parent.depth + 1)
    for word in search_terms(filters.q):
        qs = qs.filter(Q(search_text__contains=word) | Q(code=word))
    # Units in force first, then by level of the tree and Vietnamese name order.
    return qs.order_by(F("valid_to").desc(nulls_first=True), "depth", "unit_type__level", "sort_key", "id")


@router.get("/{unit_id}", response={200: UnitDetailOut, **READ_ERRORS}, summary="Một đơn vị")
def unit_detail(request: HttpRequest, unit_id: int) -> OrgUnit:
    return selectors.unit_get(actor(request), unit_id)
