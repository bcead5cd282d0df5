"""Import of earlier years' titles from a workbook (those recognised before the system was used), so that
titles held consecutive years count them. All or nothing: every row is checked first and every
problem is reported with its Excel row; a file with any error writes nothing."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import openpyxl
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from doanket.accounts.selectors import user_reach
from doanket.core.spreadsheets import safe_cell
from doanket.core.text import fold, name_sort_key, normalize_text
from doanket.core.uploads import UnsafeArchive, check_office_zip
from doanket.importexport.reading import ImportRejected, RowError, file_error
from doanket.orgunits.models import OrgUnit

from .models import Decision, Household, Registration, RegistrationStatus, TitleKind
from .permissions import MovementPerm

# Header (folded) -> key. The template's headers are the first of each.
COLUMNS = {
    "nam": "year", "danh hieu": "kind", "ma khu dan cu": "area", "chu ho": "head", "dia chi": "address",
    "so quyet dinh": "number", "ngay ky": "signed_on", "nguoi ky": "signer",
}
HEADERS = ["Năm", "Danh hiệu", "Mã khu dân cư", "Chủ hộ", "Địa chỉ", "Số quyết định", "Ngày ký", "Người ký"]
REQUIRED = ("year", "kind", "area", "number", "signed_on")
KINDS = {"gia dinh van hoa": TitleKind.FAMILY, "family": TitleKind.FAMILY,
         "to dan pho van hoa": TitleKind.AREA, "thon van hoa": TitleKind.AREA,
         "thon, to dan pho van hoa": TitleKind.AREA, "area": TitleKind.AREA}
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
MAX_ROWS = 50_000


@dataclass
class Row:
    number: int
    year: int
    kind: str
    area_id: int
    head: str
    address: str
    decision_number: str
    signed_on: dt.date
    signer: str


def _rows(data: bytes) -> list[tuple[int, dict[str, Any]]]:
    if not data:
        raise file_error(_("Tệp rỗng."))
    limit = settings.IMPORT_MAX_BYTES
    if limit and len(data) > limit:
        raise file_error(_("Tệp lớn hơn giới hạn cho phép (%(limit)s MB).") % {"limit": f"{limit / 1024 / 1024:g}"})
    try:
        check_office_zip(data)
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UnsafeArchive as exc:
        raise file_error(str(exc)) from None
    except Exception:
        raise file_error(_("Tệp không phải là tệp Excel .xlsx hợp lệ hoặc đã bị hỏng.")) from None
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None) or ()
        positions = {COLUMNS[fold(str(v)).strip()]: i for i, v in enumerate(header)
                     if v is not None and fold(str(v)).strip() in COLUMNS}
        missing = [HEADERS[list(COLUMNS.values()).index(k)] for k in REQUIRED if k not in positions]
        if missing:
            raise ImportRejected([RowError(1, h, _("Thiếu cột bắt buộc “%(column)s”.") % {"column": h})
                                  for h in missing])
        out = []
        for number, values in enumerate(rows, start=2):
            if number > MAX_ROWS:
                raise file_error(_("Tệp có quá nhiều dòng (tối đa %(max)d).") % {"max": MAX_ROWS})
            if not values or all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            out.append((number, {k: values[i] if i < len(values) else None for k, i in positions.items()}))
        return out
    finally:
        wb.close()


def _text(value: Any) -> str:
    return normalize_text(str(value)) if value is not None else ""


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE.match(_text(value))
    if not match:
        return None
    try:
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None


def _parse(number: int, raw: dict[str, Any], errors: list[RowError]) -> Row | None:
    before = len(errors)

    def err(column: str, message: str) -> None:
        errors.append(RowError(number, column, message))

    year_text = _text(raw.get("year"))
    year = int(float(year_text)) if re.fullmatch(r"\d{4}(\.0)?", year_text) else 0
    if not 2000 <= year <= 2100:
        err("Năm", _("Năm không hợp lệ (ví dụ 2021)."))
    kind = KINDS.get(fold(_text(raw.get("kind"))))
    if kind is None:
        err("Danh hiệu", _("Danh hiệu phải là “Gia đình văn hóa” hoặc “Tổ dân phố văn hóa”."))
    area_text = _text(raw.get("area"))
    area_id = int(float(area_text)) if re.fullmatch(r"\d{1,12}(\.0)?", area_text) else 0
    if not area_id:
        err("Mã khu dân cư", _("Mã khu dân cư phải là một số (mã hiện trên trang của khu dân cư)."))
    head = _text(raw.get("head"))
    if kind == TitleKind.FAMILY and not head:
        err("Chủ hộ", _("Danh hiệu gia đình cần tên chủ hộ."))
    decision_number = _text(raw.get("number"))
    if not decision_number:
        err("Số quyết định", _("Thiếu số quyết định."))
    signed_on = _date(raw.get("signed_on"))
    if signed_on is None:
        err("Ngày ký", _("Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy, ví dụ 05/09/2022."))
    if len(errors) > before:
        return None
    return Row(number, year, kind or "", area_id, head if kind == TitleKind.FAMILY else "",
               _text(raw.get("address")), decision_number, signed_on or dt.date.min, _text(raw.get("signer")))


@transaction.atomic
# A long function on purpose: one pass over the rows, one check per column, each with its own row message.
def titles_import(*, actor: Any, data: bytes) -> int:  # noqa: C901
    """Import the titles of a workbook; returns how many were recorded, or raises ImportRejected."""
    errors: list[RowError] = []
    rows = [r for n, raw in _rows(data) if (r := _parse(n, raw, errors)) is not None]
    reach = user_reach(actor, MovementPerm.MANAGE) if actor is not None else None
    areas_qs = OrgUnit.objects.filter(pk__in={r.area_id for r in rows}, unit_type__code="area")
    if reach is not None:
        areas_qs = areas_qs.filter(reach.q("path"))
    areas = {a.pk: a for a in areas_qs}
    wards = {w.path: w for w in OrgUnit.objects.filter(path__in={a.path[: -OrgUnit.steplen] for a in areas.values()})}
    households: dict[tuple[int, str], Household] = {
        (h.area_id, fold(h.head_name)): h for h in Household.objects.filter(area__in=list(areas.values()))}
    taken = {(r.year, r.household_id or 0, r.area_id, r.kind) for r in Registration.objects.filter(
        area__in=list(areas.values()), year__in={r.year for r in rows})}
    decisions = {(d.unit_id, d.year, d.kind): d for d in Decision.objects.filter(
        unit__in=list(wards.values()), year__in={r.year for r in rows})}
    seen: set[tuple[int, str, int, str]] = set()
    numbers: dict[tuple[int, int, str], str] = {}
    for r in rows:
        area = areas.get(r.area_id)
        if area is None:
            errors.append(RowError(r.number, "Mã khu dân cư", _("Không tìm thấy khu dân cư mã %(id)s trong phạm vi "
                                                                  "của bạn.") % {"id": r.area_id}))
            continue
        ward = wards[area.path[: -OrgUnit.steplen]]
        key = (ward.pk, r.year, r.kind)
        existing = decisions.get(key)
        if existing is not None and existing.number != r.decision_number:
            errors.append(RowError(r.number, "Số quyết định", _("Năm %(y)s %(ward)s đã có quyết định số %(n)s.")
                                   % {"y": r.year, "ward": ward.name, "n": existing.number}))
        if numbers.setdefault(key, r.decision_number) != r.decision_number:
            errors.append(RowError(r.number, "Số quyết định", _("Cùng năm và danh hiệu, %(ward)s chỉ có một quyết "
                                                                  "định.") % {"ward": ward.name}))
        household = households.get((area.pk, fold(r.head))) if r.kind == TitleKind.FAMILY else None
        holder = (r.year, fold(r.head), area.pk, r.kind)
        in_system = (household is not None or r.kind == TitleKind.AREA) and (
            r.year, household.pk if household else 0, area.pk, r.kind) in taken
        if holder in seen or in_system:
            errors.append(RowError(r.number, "", _("Danh hiệu này đã được ghi (trong tệp hoặc trong hệ thống).")))
        seen.add(holder)
    if errors:
        raise ImportRejected(errors)

    # Write: new households, the decisions, then the titles, each set in one insert with history rows.
    fresh: dict[tuple[int, str], Household] = {}
    for r in rows:
        hkey = (r.area_id, fold(r.head))
        if r.kind == TitleKind.FAMILY and hkey not in households and hkey not in fresh:
            fresh[hkey] = Household(area=areas[r.area_id], head_name=r.head, address=r.address,
                                   sort_key=name_sort_key(r.head))
    for h in bulk_create_with_history(list(fresh.values()), Household, default_user=actor):
        households[(h.area_id, fold(h.head_name))] = h
    by_decision: dict[tuple[int, int, str], list[Row]] = defaultdict(list)
    for r in rows:
        by_decision[(wards[areas[r.area_id].path[: -OrgUnit.steplen]].pk, r.year, r.kind)].append(r)
    registrations = []
    for (ward_id, year, kind), group in by_decision.items():
        decision = decisions.get((ward_id, year, kind))
        if decision is None:
            first = group[0]
            decision = Decision(unit_id=ward_id, year=year, kind=kind, number=first.decision_number,
                                signed_on=first.signed_on, signer=first.signer or "—",
                                created_by=actor if getattr(actor, "is_authenticated", False) else None)
            decision.full_clean()
            decision._history_user = actor  # type: ignore[attr-defined]
            decision.save()
        for r in group:
            household = households.get((r.area_id, fold(r.head))) if kind == TitleKind.FAMILY else None
            registrations.append(Registration(year=year, kind=kind, area_id=r.area_id, household=household,
                                              registered_on=r.signed_on, status=RegistrationStatus.AWARDED,
                                              decision=decision))
    bulk_create_with_history(registrations, Registration, default_user=actor)
    return len(registrations)


def template_workbook() -> bytes:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Danh hiệu")
    for row in (HEADERS, [2021, "Gia đình văn hóa", 123, "Nguyễn Văn An", "Số 5, ngõ 12", "125/QĐ-UBND", "15/12/2021",
                          "Chủ tịch UBND phường"]):
        ws.append([safe_cell(ws, v) for v in row])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
