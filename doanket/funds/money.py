"""Money as integer đồng: reading what a cadre types or a spreadsheet holds, and refusing anything else.

"1.500.000", "1 500 000" and "1500000" are one million five hundred thousand đồng; "1,5", "1.5" or a float
are refused rather than guessed (the đồng has no subunit, and a float cannot hold every amount exactly)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# More than the whole state budget: anything larger is a typing mistake (and fits a 64-bit column).
MAX_AMOUNT = 10**15
_GROUPED = re.compile(r"^\d{1,3}([. ]\d{3})+$")


def _refuse(field: str | None, message: str) -> ValidationError:
    return ValidationError({field: [message]}) if field else ValidationError(message)


def check_amount(value: Any, field: str | None = "amount") -> int:
    """The amount as an int of đồng, or a Vietnamese ValidationError: positive, whole, not a float."""
    if isinstance(value, bool) or isinstance(value, float):
        raise _refuse(field, _("Số tiền phải là số nguyên đồng (không dùng số thập phân)."))
    if isinstance(value, Decimal):
        if value != value.to_integral_value():
            raise _refuse(field, _("Số tiền phải là số nguyên đồng, không có phần lẻ."))
        value = int(value)
    if isinstance(value, str):
        value = parse_money(value, field)
    if not isinstance(value, int):
        raise _refuse(field, _("Số tiền không hợp lệ."))
    if value <= 0:
        raise _refuse(field, _("Số tiền phải lớn hơn 0 đồng."))
    if value > MAX_AMOUNT:
        raise _refuse(field, _("Số tiền quá lớn: hãy kiểm tra lại."))
    return value


def parse_money(text: str, field: str | None = "amount") -> int:
    """"1.500.000" → 1500000. Dots or spaces only as thousands separators; a fraction is refused."""
    raw = (text or "").strip().removesuffix("đồng").removesuffix("đ").removesuffix("VNĐ").strip()
    if raw.startswith("-"):
        raise _refuse(field, _("Số tiền phải lớn hơn 0 đồng."))
    if raw.isdigit():
        return int(raw)
    if _GROUPED.match(raw):
        return int(re.sub(r"[. ]", "", raw))
    if re.match(r"^\d+([.,]\d+)$", raw):
        raise _refuse(field, _("Số tiền phải là số nguyên đồng, không có phần lẻ (viết 1.500.000, không viết 1,5)."))
    raise _refuse(field, _("Số tiền không hợp lệ: hãy nhập số nguyên đồng, ví dụ 1.500.000."))


def vnd(amount: int) -> str:
    """1500000 → "1.500.000": the Vietnamese grouping, for PDFs and spreadsheets outside templates."""
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(amount):,}".replace(",", ".")
