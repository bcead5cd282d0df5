"""Vietnamese text: normalisation, accent folding for search, and collation keys for sorting.

Sort keys are plain digit strings, so that the database orders them identically whatever
its collation (SQLite BINARY, PostgreSQL en_US.UTF-8 or C): the Vietnamese order is decided
here once, not by each database.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Zero-width and other invisible format characters pasted from Word or chat apps, and the bidirectional
# controls that make text display in another order than it is stored ("Trojan source" tricks).
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Control characters nobody types: C0 except tab and line breaks, DEL, C1. NUL is not among them on purpose:
# it is refused (with the form's own message), not silently dropped, wherever the text comes from.
_CONTROLS = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def normalize_text(value: str | None) -> str:
    """NFC, invisible characters removed, whitespace collapsed, trimmed."""
    if not value:
        return ""
    value = unicodedata.normalize("NFC", str(value))
    value = _CONTROLS.sub("", _INVISIBLE.sub("", value))
    return _SPACES.sub(" ", value).strip()


def clean_controls(value: str, *, multiline: bool) -> str:
    """Any stored text (`core.signals`, below the forms and the API): NFC, line breaks as "\n", control and
    bidirectional-override characters removed, trimmed; a single-line value gets its tabs and line breaks as
    spaces.
    NUL is left for the caller to refuse."""
    value = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    value = _BIDI_CONTROLS.sub("", _CONTROLS.sub("", value))
    # Trimmed like a form field's input, so that a value typed in the form and one sent to the API are stored alike.
    return (value if multiline else value.replace("\n", " ").replace("\t", " ")).strip()


def fold(value: str | None) -> str:
    """Lower-case, accent-free form used for search: "Khổng Minh Thảo" -> "khong minh thao", đ -> d."""
    value = normalize_text(value).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.lower()


def search_terms(query: str | None) -> list[str]:
    """Folded words of a search box entry; every word must match."""
    return [t for t in fold(query).split(" ") if t]


# Vietnamese alphabet order; f, j, w, z appear in foreign and minority names.
_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
    "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip
_LETTER_CODE = {letter: f"{10 + i:02d}" for i, letter in enumerate(_ALPHABET)}
# Dictionary order of tones: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONE_CODE = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_SHAPE_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: they make new letters
_WORD_END = "00"
_NUMBER = "05"  # numbers sort before letters


def _letters_and_tone(word: str) -> tuple[list[str], str]:
    letters: list[str] = []
    tone = "0"
    for ch in word.lower():
        if ch == "đ":
            letters.append("đ")
            continue
        parts = unicodedata.normalize("NFD", ch)
        base = parts[0]
        shape = "".join(m for m in parts[1:] if m in _SHAPE_MARKS)
        for m in parts[1:]:
            if m in _TONE_CODE and tone == "0":
                tone = _TONE_CODE[m]
        letters.append(unicodedata.normalize("NFC", base + shape))
    return letters, tone


def _word_key(word: str) -> str:
    out: list[str] = []
    for run in re.findall(r"\d+|\D+", word):
        if run.isdigit():
            digits = run.lstrip("0") or "0"
            out.append(f"{_NUMBER}{len(digits):02d}{digits}")
            continue
        letters, tone = _letters_and_tone(run)
        codes = [_LETTER_CODE[c] for c in letters if c in _LETTER_CODE]
        if codes:
            out.append("".join(codes) + _WORD_END + tone)
    return "".join(out)


def sort_key(text: str | None) -> str:
    """Vietnamese collation key of a text, word by word in written order (units, positions)."""
    return "".join(_word_key(w) for w in normalize_text(text).split(" "))


def split_full_name(full_name: str) -> tuple[str, str, str]:
    """(family, middle, given) of a Vietnamese full name written family-first."""
    words = normalize_text(full_name).split(" ")
    if not words or words == [""]:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def name_sort_key(full_name: str | None) -> str:
    """Key that orders people the Vietnamese way: given name, then middle names, then family name."""
    family, middle, given = split_full_name(full_name or "")
    ordered = [given, *middle.split(" "), family]
    return "".join(_word_key(w) for w in ordered if w)


def mask(value: str | None, keep_start: int = 2, keep_end: int = 2) -> str:
    """"0912345678" -> "09******78": shows that a value exists without revealing it."""
    if not value:
        return ""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def scripts_of(value: str | None) -> set[str]:
    """Writing systems of the letters of a text: {"LATIN"}, {"LATIN", "CYRILLIC"}… (digits, spaces,
    punctuation and combining marks belong to none)."""
    found: set[str] = set()
    for ch in value or "":
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            found.add(name.split(" ", 1)[0] if name else "UNKNOWN")
    return found


def mixed_scripts(value: str | None) -> bool:
    """True when a name mixes writing systems, e.g. a Cyrillic "а" inside a Vietnamese name: it looks the
    same on screen but is another name to search, sort and de-duplicate."""
    return len(scripts_of(value)) > 1
