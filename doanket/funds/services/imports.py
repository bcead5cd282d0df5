"""Receipts imported from a spreadsheet: a bank statement or a residential area's collection sheet (.xlsx).

All or nothing: every row is read and posted inside one transaction; any row that is refused is reported
with its row number and column, and then nothing is written (not even the receipt numbers)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import openpyxl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from doanket.core.text import fold, normalize_text
from doanket.core.uploads import UnsafeArchive, check_office_zip

from ..models import Channel, DonorKind, Form, Fund, Receipt
from ..permissions import FundPerm
from ..selectors import areas_of
from .ledger import receipt_post, require_fund_perm

MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
# Header (folded: no accents, lower case) → field. Bank statements name their columns in several ways.
HEADERS = {
    "ngay": "received_on", "ngay nhan": "received_on", "ngay giao dich": "received_on",
    "nguoi ung ho": "donor_name", "ten nguoi ung ho": "donor_name", "ho va ten": "donor_name",
    "doi tuong": "donor_kind", "loai nguoi ung ho": "donor_kind",
    "so tien": "amount", "so tien (dong)": "amount", "so tien ghi co": "amount",
    "hien vat": "goods", "hinh thuc tiep nhan": "channel", "khu dan cu": "area",
    "so giao dich": "bank_reference", "ma giao dich": "bank_reference", "dia chi": "donor_address",
    "ghi chu": "note", "noi dung": "note",
}
DONOR_KINDS = {"ca nhan": DonorKind.PERSON, "to chuc": DonorKind.ORGANISATION,
               "co quan, to chuc, doanh nghiep": DonorKind.ORGANISATION, "doanh nghiep": DonorKind.ORGANISATION,
               "khong neu ten": DonorKind.ANONYMOUS, "an danh": DonorKind.ANONYMOUS}
CHANNELS = {"tien mat": Channel.CASH, "chuyen khoan": Channel.BANK, "khu dan cu": Channel.AREA,
            "thu qua khu dan cu": Channel.AREA}


def _key(value: Any) -> str:
    return fold(normalize_text(str(value or ""))).strip().rstrip(":").strip()


def _cell_amount(value: Any) -> Any:
    """A spreadsheet keeps every number as a float: a whole one is đồng, a fraction is refused."""
    if isinstance(value, float):
        if not value.is_integer():
            raise ValidationError(_("Số tiền phải là số nguyên đồng, không có phần lẻ."))
        return int(value)
    if isinstance(value, str):
        return value.strip()
    return value


def _cell_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.datetime.strptime(str(value or "").strip(), "%d/%m/%Y").date()
    except ValueError as exc:
        raise ValidationError(_("Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy.")) from exc


def _rows(data: bytes) -> tuple[dict[int, str], list[tuple[int, tuple[Any, ...]]]]:
    if not data:
        raise ValidationError(_("Tệp rỗng."))
    if len(data) > MAX_BYTES:
        raise ValidationError(_("Tệp lớn hơn 5 MB."))
    try:
        check_office_zip(data)
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UnsafeArchive as exc:
        raise ValidationError(str(exc)) from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, IndexError, AttributeError) as exc:
        raise ValidationError(_("Tệp không phải là tệp Excel .xlsx hợp lệ.")) from exc
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None) or ()
        columns = {i: HEADERS[_key(h)] for i, h in enumerate(header) if _key(h) in HEADERS}
        body: list[tuple[int, tuple[Any, ...]]] = []
        for number, row in enumerate(rows, start=2):
            if all(v is None or str(v).strip() == "" for v in row):
                continue
            if len(body) >= MAX_ROWS:
                raise ValidationError(_("Tệp có hơn %(n)s dòng: hãy chia nhỏ.") % {"n": MAX_ROWS})
            body.append((number, row))
    finally:
        wb.close()
    missing = {"received_on", "amount"} - set(columns.values())
    if missing:
        raise ValidationError(_("Dòng tiêu đề cần có các cột “Ngày nhận” và “Số tiền” (và thường có “Người ủng hộ”, "
                                "“Hình thức tiếp nhận”, “Số giao dịch”)."))
    if not body:
        raise ValidationError(_("Tệp không có dòng dữ liệu nào."))
    return columns, body


@transaction.atomic
def receipts_import(*, actor: Any, fund: Fund, data: bytes, default_channel: str = Channel.BANK) -> list[Receipt]:
    """Post one receipt per row. Errors are collected for every row ("Dòng 7: …"); if there is any, the
    transaction is rolled back and they are raised together."""
    require_fund_perm(actor, fund.unit, FundPerm.POST)
    columns, body = _rows(data)
    areas = {_key(a.name): a for a in areas_of(fund.unit)}
    errors: list[str] = []
    receipts: list[Receipt] = []
    for number, row in body:
        values = {field: row[i] if i < len(row) else None for i, field in columns.items()}
        try:
            kwargs = _row_kwargs(values, areas, default_channel)
            with transaction.atomic():
                receipts.append(receipt_post(actor=actor, fund=fund, **kwargs))
        except ValidationError as exc:
            errors += [_("Dòng %(row)s: %(message)s") % {"row": number, "message": m} for m in exc.messages]
    if errors:
        transaction.set_rollback(True)
        raise ValidationError(errors)
    return receipts


def _row_kwargs(values: dict[str, Any], areas: dict[str, Any], default_channel: str) -> dict[str, Any]:
    name = normalize_text(str(values.get("donor_name") or ""))
    kind_text = _key(values.get("donor_kind"))
    if kind_text and kind_text not in DONOR_KINDS:
        raise ValidationError(_("Cột “Đối tượng”: chỉ ghi Cá nhân, Tổ chức hoặc Không nêu tên."))
    donor_kind = DONOR_KINDS.get(kind_text) or (DonorKind.PERSON if name else DonorKind.ANONYMOUS)
    channel_text = _key(values.get("channel"))
    if channel_text and channel_text not in CHANNELS:
        raise ValidationError(_("Cột “Hình thức tiếp nhận”: chỉ ghi Tiền mặt, Chuyển khoản hoặc Khu dân cư."))
    channel = CHANNELS.get(channel_text, default_channel)
    area = None
    if values.get("area"):
        area = areas.get(_key(values["area"]))
        if area is None:
            raise ValidationError(_("Không có khu dân cư “%(a)s” trong địa bàn.") % {"a": values["area"]})
        channel = Channel.AREA
    goods = normalize_text(str(values.get("goods") or ""))
    return {"received_on": _cell_date(values.get("received_on")), "amount": _cell_amount(values.get("amount")),
            "donor_kind": donor_kind, "donor_name": name, "form": Form.KIND if goods else Form.CASH, "goods": goods,
            "channel": channel, "area": area,
            "donor_address": normalize_text(str(values.get("donor_address") or "")),
            "bank_reference": normalize_text(str(values.get("bank_reference") or "")),
            "note": normalize_text(str(values.get("note") or ""))[:500]}
