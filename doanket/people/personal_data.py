"""What personal data a Person record holds, and how each field is classed — the one place that says so
(Personal Data Protection Law 91/2025/QH15, Decree 356/2025).

- basic: needed to recognise a cadre in the Front's work (name, title, gender, birth year, workplace,
  free note); shown to everyone who may see the person.
- identifying: identifies the human outside the Front (phone, personal ID number); masked unless the
  reader's role grants `PersonPerm.VIEW_PRIVATE` over the person's unit, and every unmasked view,
  API answer or export is logged (`PersonalDataAccess`).
- sensitive: the law's special categories (ethnicity, religion, health, ID-card images, party
  membership). None is stored: a field of this class would be masked like the identifying ones.

Not stored at all, on purpose (collect only what a workflow needs): birth date (only the birth year),
address, ethnicity, religion, health, ID-card images. Adding a field to `Person` means adding it here:
`test_personal_data.py` fails otherwise.
"""

from __future__ import annotations

from enum import StrEnum

from doanket.core.text import mask


class DataClass(StrEnum):
    BASIC = "basic"
    IDENTIFYING = "identifying"
    SENSITIVE = "sensitive"


PERSONAL_FIELDS: dict[str, DataClass] = {
    "full_name": DataClass.BASIC,
    "title": DataClass.BASIC,
    "gender": DataClass.BASIC,
    "birth_year": DataClass.BASIC,
    "affiliation": DataClass.BASIC,
    "note": DataClass.BASIC,
    "phone": DataClass.IDENTIFYING,
    "id_number": DataClass.IDENTIFYING,
}
# Person columns that are not personal data: keys, derived columns, the managing unit, bookkeeping.
NOT_PERSONAL = frozenset({"id", "unit", "search_text", "sort_key", "erased_at", "held_as_duplicate_of"})
# Not stored (see above); listed so that reviews and SECURITY.md can point at one place.
NOT_STORED = ("birth_date", "address", "ethnicity", "religion", "health", "id_card_image", "party_membership")

# Fields masked for readers without the right to see them, with how much of the value stays visible.
MASKED_FIELDS: frozenset[str] = frozenset(f for f, c in PERSONAL_FIELDS.items() if c is not DataClass.BASIC)
_MASK_KEEP = {"phone": (2, 2), "id_number": (3, 2)}

# Cleared by an erasure (person_erase). The name is replaced by a placeholder, gender is kept for
# statistics (it identifies no one on its own).
ERASED_FIELDS = ("title", "birth_year", "affiliation", "note", "phone", "id_number")


def mask_field(field: str, value: str | None) -> str:
    keep_start, keep_end = _MASK_KEEP.get(field, (2, 2))
    return mask(value, keep_start, keep_end)


def erased_name(pk: int) -> str:
    return f"Người đã xoá dữ liệu #{pk}"
