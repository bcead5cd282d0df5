"""The official catalogue of current administrative units (34 provinces, 3,321 communes, wards and
special zones since 1/7/2025), read from the `vietnam-provinces` package and loaded into the tree.

Loading is idempotent: current units (no `valid_to`) are matched by (unit type, official code);
names that changed are updated, missing units are appended in one bulk insert per province, and
historic units that once carried the same code are never touched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from doanket.core.text import normalize_text

from . import services
from .models import OrgUnit, UnitType

ROOT_CODE = "VN"
ROOT_NAME = "Ủy ban Trung ương MTTQ Việt Nam"
# The 3,321 communes, wards and special zones came into force with the two-level local government.
COMMUNES_VALID_FROM = dt.date(2025, 7, 1)


@dataclass(frozen=True)
class CatalogueCommune:
    code: str  # 5 digits, e.g. "00352"
    name: str


@dataclass(frozen=True)
class CatalogueProvince:
    code: str  # 2 digits, e.g. "01"
    name: str
    communes: tuple[CatalogueCommune, ...]


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class LoadResult:
    """What a load did, per unit type code ("central", "province", "commune")."""

    tallies: dict[str, Tally] = field(default_factory=dict)

    def tally(self, type_code: str) -> Tally:
        return self.tallies.setdefault(type_code, Tally())

    @property
    def created(self) -> int:
        return sum(t.created for t in self.tallies.values())

    @property
    def updated(self) -> int:
        return sum(t.updated for t in self.tallies.values())

    @property
    def unchanged(self) -> int:
        return sum(t.unchanged for t in self.tallies.values())


def province_code(code: int) -> str:
    return f"{int(code):02d}"


def commune_code(code: int) -> str:
    return f"{int(code):05d}"


def _province_name(province: Any) -> str:
    """The package writes centrally-run cities with their prefix ("Thành phố Hà Nội") but provinces
    bare ("Cao Bằng"); the Front's usage is "Tỉnh Cao Bằng"."""
    name = normalize_text(province.name)
    if getattr(province.division_type, "name", "") == "TINH" and not name.startswith("Tỉnh "):
        name = f"Tỉnh {name}"
    return name


def read_catalogue(provinces: Collection[str] | None = None) -> list[CatalogueProvince]:
    """The catalogue, provinces in code order, each with its communes in code order.
    `provinces`: only these 2-digit province codes (tests load Hà Nội alone)."""
    from vietnam_provinces import Province, Ward

    communes: dict[str, list[CatalogueCommune]] = {}
    for ward in Ward.iter_all():
        communes.setdefault(province_code(ward.province_code), []).append(
            CatalogueCommune(code=commune_code(ward.code), name=normalize_text(ward.name))
        )
    result = []
    for province in Province.iter_all():
        code = province_code(province.code)
        if provinces is not None and code not in provinces:
            continue
        result.append(CatalogueProvince(
            code=code, name=_province_name(province),
            communes=tuple(sorted(communes.get(code, []), key=lambda c: c.code)),
        ))
    return sorted(result, key=lambda p: p.code)


def _current_by_code(unit_type: UnitType) -> dict[str, OrgUnit]:
    return {u.code: u for u in OrgUnit.objects.filter(unit_type=unit_type, valid_to__isnull=True).exclude(code="")}


def _sync_name(unit: OrgUnit, name: str, tally: Tally, actor: Any) -> None:
    if unit.name == name:
        tally.unchanged += 1
        return
    services.unit_update(actor=actor, unit=unit, name=name)
    tally.updated += 1


@transaction.atomic
def load_catalogue(*, actor: Any = None, provinces: Collection[str] | None = None,
                   progress: Callable[[str], None] | None = None) -> LoadResult:
    """Bring the tree's current provinces and communes in line with the official catalogue."""
    types = {t.code: t for t in UnitType.objects.filter(code__in=["central", "province", "commune"])}
    result = LoadResult()

    root = OrgUnit.objects.filter(unit_type=types["central"], code=ROOT_CODE, valid_to__isnull=True).first()
    if root is None:
        root = services.unit_create(actor=actor, parent=None, unit_type=types["central"], name=ROOT_NAME,
                                    code=ROOT_CODE)
        result.tally("central").created += 1
    else:
        result.tally("central").unchanged += 1

    catalogue = read_catalogue(provinces)
    current_provinces = _current_by_code(types["province"])
    current_communes = _current_by_code(types["commune"])

    province_tally = result.tally("province")
    missing_provinces = [p for p in catalogue if p.code not in current_provinces]
    for p in catalogue:
        if p.code in current_provinces:
            _sync_name(current_provinces[p.code], p.name, province_tally, actor)
    if missing_provinces:
        created = services.unit_bulk_add_children(actor=actor, parent=root, units=[
            OrgUnit(unit_type=types["province"], code=p.code, name=p.name) for p in missing_provinces
        ])
        province_tally.created += len(created)
        # Re-read: bulk inserts do not return primary keys on every backend.
        current_provinces = _current_by_code(types["province"])

    commune_tally = result.tally("commune")
    for p in catalogue:
        new_units = []
        for c in p.communes:
            existing = current_communes.get(c.code)
            if existing is not None:
                _sync_name(existing, c.name, commune_tally, actor)
            else:
                new_units.append(OrgUnit(unit_type=types["commune"], code=c.code, name=c.name,
                                         valid_from=COMMUNES_VALID_FROM))
        if new_units:
            services.unit_bulk_add_children(actor=actor, parent=current_provinces[p.code], units=new_units)
            commune_tally.created += len(new_units)
        if progress:
            progress(f"{p.code} {p.name}: {len(p.communes)}")
    return result
