"""Landmarks of the demo tree that `doanket.demo.seed` builds (Hà Nội, Quận Thanh Xuân and its wards), for
the domains' demo loaders to build on without importing the demo package."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # core does not import the unit tree's package at run time (it is built on core)
    from doanket.orgunits.models import OrgUnit

HANOI_CODE = "01"
DISTRICT_CODE = "009"
DISTRICT_NAME = "Quận Thanh Xuân"

# The current wards of the catalogue involved (code → name), as of 1/7/2025.
NEW_THANH_XUAN, NEW_KHUONG_DINH, NEW_PHUONG_LIET, YEN_HOA = "00367", "00364", "00352", "00175"


def demo_district() -> OrgUnit | None:
    from doanket.orgunits.models import OrgUnit

    return OrgUnit.objects.filter(unit_type__code="district", code=DISTRICT_CODE, name=DISTRICT_NAME).first()


def current_ward(code: str) -> OrgUnit | None:
    """The ward in force with that code (codes of 2022 were reused by the wards of 2025)."""
    from doanket.orgunits.models import OrgUnit

    return OrgUnit.objects.filter(unit_type__code="commune", code=code, valid_to__isnull=True).first()
