"""Amounts in Vietnamese words, as a receipt writes them under the figure ("Bằng chữ: …")."""

from __future__ import annotations

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
SCALES = [(10**9, "tỷ"), (10**6, "triệu"), (10**3, "nghìn")]


def _below_thousand(n: int, full: bool) -> list[str]:
    """0 < n < 1000. `full`: the group follows a higher one, so its hundreds are said ("không trăm")."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        elif units == 4 and tens >= 2:
            words.append("tư")
        else:
            words.append(DIGITS[units])
    return words


def _words(n: int, full: bool) -> list[str]:
    for scale, name in SCALES:
        if n >= scale:
            head, rest = divmod(n, scale)
            words = [*_words(head, full), name]
            return words + _words(rest, True) if rest else words
    return _below_thousand(n, full) if n else []


def amount_in_words(amount: int) -> str:
    """1500000 → "Một triệu năm trăm nghìn đồng"."""
    if amount == 0:
        return "Không đồng"
    words = ("âm " if amount < 0 else "") + " ".join(_words(abs(amount), False)) + " đồng"
    return words[0].upper() + words[1:]
