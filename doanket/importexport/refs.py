"""Unit references in the code columns: the official code, or "#<number>" (see columns.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from django.db.models import Count

from doanket.orgunits.models import OrgUnit

from .columns import UNIT_REF_PREFIX

T = TypeVar("T")
CHUNK = 2000


def chunks(values: Sequence[T] | set[T], size: int = CHUNK) -> Iterator[list[T]]:
    items = list(values)
    for start in range(0, len(items), size):
        yield items[start:start + size]


def shared_current_codes() -> set[str]:
    """Codes held by more than one unit in force (of different types): these are written as "#<number>"."""
    return set(
        OrgUnit.objects.filter(valid_to__isnull=True).exclude(code="").values("code")
        .annotate(n=Count("id")).filter(n__gt=1).values_list("code", flat=True)
    )


def unit_ref(unit: OrgUnit, shared: set[str]) -> str:
    """How a unit is written in a code column of the exports."""
    if unit.code and unit.valid_to is None and unit.code not in shared:
        return unit.code
    return f"{UNIT_REF_PREFIX}{unit.pk}"


def parse_ref(text: str) -> tuple[int | None, str, bool]:
    """(pk, code, well_formed) of a reference; "#12" -> (12, "", True), "00352" -> (None, "00352", True)."""
    if text.startswith(UNIT_REF_PREFIX):
        number = text[len(UNIT_REF_PREFIX):].strip()
        if number.isdigit():
            return int(number), "", True
        return None, "", False
    return None, text, True


class UnitIndex:
    """The units a file's references name, fetched up front in a few queries (never one per row)."""

    def __init__(self, refs: Iterable[str]) -> None:
        pks: set[int] = set()
        codes: set[str] = set()
        for ref in refs:
            if not ref:
                continue
            pk, code, ok = parse_ref(ref)
            if pk is not None:
                pks.add(pk)
            elif ok and code:
                codes.add(code)
        self.by_pk: dict[int, OrgUnit] = {}
        for part in chunks(pks):
            self.by_pk.update((u.pk, u) for u in OrgUnit.objects.filter(pk__in=part).select_related("unit_type"))
        self.by_code: dict[str, list[OrgUnit]] = defaultdict(list)
        for part_codes in chunks(codes):
            for u in OrgUnit.objects.filter(code__in=part_codes).select_related("unit_type"):
                self.by_code[u.code].append(u)

    def current(self, code: str) -> list[OrgUnit]:
        return [u for u in self.by_code.get(code, []) if u.valid_to is None]

    def resolve(self, ref: str, allowed: Callable[[OrgUnit], bool]) -> tuple[OrgUnit | None, str]:
        """(unit, problem): problem is "" when found, else "invalid", "missing" or "ambiguous".
        Units the caller may not use are reported exactly like units that do not exist."""
        pk, code, ok = parse_ref(ref)
        if not ok:
            return None, "invalid"
        if pk is not None:
            unit = self.by_pk.get(pk)
            return (unit, "") if unit is not None and allowed(unit) else (None, "missing")
        found = [u for u in self.current(code) if allowed(u)]
        if len(found) > 1:
            return None, "ambiguous"
        return (found[0], "") if found else (None, "missing")
