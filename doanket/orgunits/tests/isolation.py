"""Units' part of tests/test_isolation.py: the ward itself."""

from __future__ import annotations

from types import SimpleNamespace

ROUTE_WORDS = {"don-vi": "unit", "units": "unit"}


def records(scope: SimpleNamespace) -> dict[str, int | str]:
    return {"unit": scope.ward.pk}


def ward_texts(scope: SimpleNamespace) -> list[str]:
    return [scope.ward.name]
