"""Where a petition belongs: the commune or ward of today's map, from what the citizen typed.

A citizen may write today's ward ("Phường Phương Liệt") or the address they have always used
("phường Khương Mai, quận Thanh Xuân"), which names a unit abolished on 1/7/2025. The old unit is found
by its folded name (accents and đ ignored), the other parts of the address ("quận Thanh Xuân") pick
among namesakes, and the lineage links lead to the unit in force today. A split old ward leads to
several new ones: the citizen picks among the suggestions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Q

from doanket.core.reach import subtree_q
from doanket.core.text import fold
from doanket.orgunits.models import LineageLink, OrgUnit

COMMUNE_TYPE = "commune"
# Words before a unit's own name in an address; dropped to compare names.
_LEVEL_WORDS = re.compile(r"^(phuong|xa|thi tran|dac khu|quan|huyen|thi xa|thanh pho|tp\.?|tinh)\s+")
MAX_SUGGESTIONS = 10


@dataclass(frozen=True)
class PlaceMatch:
    unit: OrgUnit  # today's commune or ward
    via: OrgUnit | None = None  # the old unit the address named, when it was not today's

    @property
    def label(self) -> str:
        if self.via is None:
            return self.unit.name
        return f"{self.unit.name} ({self.via.name} cũ)"


def _core(part: str) -> str:
    return _LEVEL_WORDS.sub("", fold(part)).strip(" .")


def _successors_today(unit: OrgUnit) -> list[OrgUnit]:
    """Units in force that an old unit's territory went to (merge, rename or split), following chains
    (Khương Mai → … → Phương Liệt). A few queries, one per generation."""
    found: list[OrgUnit] = []
    frontier = [unit.pk]
    seen = {unit.pk}
    for _generation in range(5):
        links = list(LineageLink.objects.filter(predecessor_id__in=frontier).select_related("successor"))
        frontier = []
        for link in links:
            if link.successor_id in seen:
                continue
            seen.add(link.successor_id)
            if link.successor.valid_to is None:
                found.append(link.successor)
            else:
                frontier.append(link.successor_id)
        if not frontier:
            break
    return found


def resolve_place(text: str, province: OrgUnit | None = None) -> list[PlaceMatch]:
    """Today's communes the address may mean, best first (empty when nothing matches). Exactly one
    match means the place is known; several mean the citizen must choose."""
    parts = [p for p in (t.strip() for t in re.split(r"[,;\n]", text or "")) if p]
    if not parts:
        return []
    name = _core(parts[0])
    others = [_core(p) for p in parts[1:] if _core(p)]
    if len(name) < 2:
        return []
    qs = OrgUnit.objects.filter(unit_type__code=COMMUNE_TYPE).filter(
        Q(search_text__endswith=f" {name}") | Q(search_text=name))
    if province is not None:
        qs = qs.filter(subtree_q(province.path))
    candidates = list(qs.order_by("valid_to", "path")[: MAX_SUGGESTIONS * 5])
    if others and len(candidates) > 1:
        # "…, quận Thanh Xuân": keep the namesakes whose ancestors carry the other names.
        ancestor_paths = {c.path[:i] for c in candidates for i in range(OrgUnit.steplen, len(c.path), OrgUnit.steplen)}
        names = dict(OrgUnit.objects.filter(path__in=ancestor_paths).values_list("path", "search_text"))
        def fits(unit: OrgUnit) -> bool:
            mine = [_core(names.get(unit.path[:i], "")) for i in range(OrgUnit.steplen, len(unit.path), OrgUnit.steplen)]
            return all(o in mine for o in others)
        narrowed = [c for c in candidates if fits(c)]
        candidates = narrowed or candidates
    matches: list[PlaceMatch] = []
    seen: set[int] = set()
    # Units in force first: a citizen writing today's name means today's unit.
    for unit in sorted(candidates, key=lambda u: (u.valid_to is not None, u.path)):
        targets = [(unit, None)] if unit.valid_to is None else [(s, unit) for s in _successors_today(unit)]
        for target, via in targets:
            if target.pk not in seen and (province is None or target.path.startswith(province.path)):
                seen.add(target.pk)
                matches.append(PlaceMatch(unit=target, via=via))
    return matches[:MAX_SUGGESTIONS]


def provinces() -> list[OrgUnit]:
    """Provinces in force, for the citizen's first choice."""
    return list(OrgUnit.objects.filter(unit_type__code="province", valid_to__isnull=True).order_by("sort_key"))


def areas_of(unit: OrgUnit) -> list[OrgUnit]:
    """Residential areas in force directly under a commune."""
    return list(OrgUnit.objects.filter(subtree_q(unit.path), depth=unit.depth + 1, unit_type__code="area",
                                       valid_to__isnull=True).order_by("sort_key"))
