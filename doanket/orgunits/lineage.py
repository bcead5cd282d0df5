"""How records of old units roll up to their successors (no access checks here)."""

from __future__ import annotations

from django.db.models import Q

from doanket.core.reach import subtree_q

from .models import WHOLE_TRANSFER_KINDS, LineageLink


def rollup_prefixes(paths: set[str]) -> set[str]:
    """Path prefixes whose records roll up to the given units: the units' own subtrees plus those of
    units merged or renamed into them, transitively. One query per lineage generation."""
    result = set(paths)
    frontier = set(paths)
    for _generation in range(5):
        if not frontier:
            break
        cond = Q()
        for p in frontier:
            cond |= subtree_q(p, "successor__path")
        found = set(
            LineageLink.objects.filter(cond, kind__in=WHOLE_TRANSFER_KINDS).values_list("predecessor__path", flat=True)
        )
        frontier = {p for p in found if not any(p.startswith(k) for k in result)}
        result |= frontier
    return result
