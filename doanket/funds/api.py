"""JSON API of the funds: funds with their balances, the ledger, receipts posted by other systems (a bank
feed), disbursements. Through the selectors and services, so the web's rules hold: outside the reach 404,
inside without the right 403; amounts are integer đồng (a fractional or float amount is refused with a
Vietnamese message); a posted entry cannot be edited nor deleted (400 saying to reverse it instead)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ValidationError as PydanticError

from doanket.core.api import READ_ERRORS, WRITE_ERRORS, Pagination, actor
from doanket.orgunits.models import OrgUnit

from . import selectors, services
from .models import Channel, DonorKind, Entry, Form, Fund, Receipt
from .permissions import FundPerm

router = Router(tags=["Quỹ"])


class FundPagination(Pagination):
    """The project's pagination with a bounded page number: an offset beyond 64 bits is refused as a 422
    instead of reaching the database (SQLite answers it with an error)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=10**9)
        page_size: int | None = Field(None, ge=1)


class FundOut(Schema):
    id: int
    unit_id: int
    kind: str
    name: str
    starts_on: dt.date
    ends_on: dt.date | None
    received_cash: int
    received_kind: int
    transferred_in: int
    transferred_out: int
    disbursed: int
    balance_cash: int
    balance_kind: int


class EntryOut(Schema):
    id: int
    fund_id: int
    kind: str
    form: str
    amount: int
    posted_on: dt.date
    receipt_id: int | None
    transfer_id: int | None
    disbursement_id: int | None
    reverses_id: int | None
    memo: str


class ReceiptIn(Schema):
    # A JSON number may arrive as a float: accepted here only to be refused in words by the service.
    amount: int | float | str
    received_on: dt.date
    donor_kind: DonorKind
    donor_name: str = ""
    form: Form = Form.CASH
    goods: str = ""
    channel: Channel = Channel.BANK
    area_id: int | None = None
    bank_reference: str = ""
    note: str = ""


class ReceiptOut(Schema):
    id: int
    fund_id: int
    code: str
    year: int
    number: int
    amount: int
    form: str
    received_on: dt.date


@router.get("", response=list[FundOut], summary="Các quỹ trong phạm vi")
@paginate(FundPagination)
def fund_list(request: HttpRequest):
    return selectors.fund_list(actor(request))


@router.get("/{fund_id}", response={200: FundOut, **READ_ERRORS}, summary="Một quỹ và số dư")
def fund_detail(request: HttpRequest, fund_id: int) -> Fund:
    return selectors.access_fund(actor(request), fund_id)


@router.get("/{fund_id}/entries", response={200: list[EntryOut], **READ_ERRORS}, summary="Sổ quỹ (bút toán)")
@paginate(FundPagination)
def fund_entries(request: HttpRequest, fund_id: int):
    fund = selectors.access_fund(actor(request), fund_id)
    return Entry.objects.filter(fund=fund).order_by("posted_on", "id")


@router.post("/{fund_id}/receipts", response={201: ReceiptOut, **WRITE_ERRORS}, summary="Ghi nhận ủng hộ",
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": ReceiptIn.model_json_schema()}}}})
def receipt_create(request: HttpRequest, fund_id: int) -> Status[Receipt]:
    user = actor(request)
    # The fund first (404/403), the body after: a fund outside the reach is never told to exist, whatever
    # is posted to it.
    fund = selectors.access_fund(user, fund_id, FundPerm.POST)
    try:
        payload = ReceiptIn.model_validate_json(request.body or b"{}")
    except PydanticError as exc:
        fields = {".".join(str(p) for p in err["loc"]) or "__all__" for err in exc.errors()}
        raise ValidationError({f: [_("Giá trị thiếu hoặc không hợp lệ.")] for f in sorted(fields)}) from exc
    data = payload.model_dump()
    area_id = data.pop("area_id")
    area = OrgUnit.objects.filter(pk=area_id).first() if area_id else None
    return Status(201, services.receipt_post(actor=user, fund=fund, area=area, **data))


@router.get("/entries/{entry_id}", response={200: EntryOut, **READ_ERRORS}, summary="Một bút toán")
def entry_detail(request: HttpRequest, entry_id: int) -> Entry:
    return selectors.access_entry(actor(request), entry_id)


@router.patch("/entries/{entry_id}", response={200: EntryOut, **WRITE_ERRORS}, summary="Sửa bút toán (bị từ chối)")
def entry_update(request: HttpRequest, entry_id: int) -> Entry:
    user = actor(request)
    entry = selectors.access_entry(user, entry_id)
    services.entry_refuse_edit(actor=user, entry=entry)
    return entry  # not reached: posted entries are never edited


@router.delete("/entries/{entry_id}", response={204: None, **WRITE_ERRORS}, summary="Xoá bút toán (bị từ chối)")
def entry_delete(request: HttpRequest, entry_id: int) -> Status[None]:
    user = actor(request)
    entry = selectors.access_entry(user, entry_id)
    services.entry_refuse_edit(actor=user, entry=entry)
    return Status(204, None)
