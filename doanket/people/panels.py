"""The people panel of a unit's page: how many people it has and who holds which position there (registered
in domain.py as a unit panel, so that the unit tree does not import the people domain)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string

from doanket.accounts.models import User
from doanket.accounts.selectors import user_reach
from doanket.orgunits.models import OrgUnit

from . import selectors
from .permissions import PersonPerm


def unit_people_panel(user: User | AnonymousUser, unit: OrgUnit) -> str:
    return render_to_string("people/_unit_people.html", {
        "unit": unit, "people_count": selectors.unit_people_count(unit),
        "holders": selectors.unit_assignments(unit, on=unit.valid_to if unit.valid_to else None),
        "can_add_person": user_reach(user, PersonPerm.MANAGE).covers(unit.path),
    })
