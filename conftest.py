"""Shared test fixtures: a small slice of the real tree (Hà Nội → Quận Thanh Xuân → wards → areas,
plus a post-2025 ward with lineage) and users holding roles at different levels."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from doanket.core.reference import reload_reference_data
from doanket.orgunits.models import UnitType
from doanket.people.models import Position
from tests.scenario import build_people, build_tree, build_users, create_user, positions_by_name


@pytest.fixture
def reference_data(db) -> None:
    """Migrations write it; a transactional test's flush removes it, so put it back when missing."""
    if not UnitType.objects.exists() or not Position.objects.exists():
        reload_reference_data()


@pytest.fixture
def unit_types(reference_data) -> dict[str, UnitType]:
    return {t.code: t for t in UnitType.objects.all()}


@pytest.fixture
def tree(unit_types) -> SimpleNamespace:
    return build_tree(unit_types)


@pytest.fixture
def make_user(db):
    return create_user


@pytest.fixture
def users(tree, make_user) -> SimpleNamespace:
    return build_users(tree)


@pytest.fixture
def positions(reference_data) -> dict[str, Position]:
    return positions_by_name()


@pytest.fixture
def people(tree, positions) -> SimpleNamespace:
    return build_people(tree, positions)
