"""The events panel of a person's page: their events and training history (registered in domain.py)."""

from __future__ import annotations

from django.template.loader import render_to_string

from doanket.accounts.models import User
from doanket.people.models import Person

from . import selectors


def person_events_panel(user: User, person: Person) -> str:
    rows = selectors.person_events(user, person)
    return render_to_string("events/_person_events.html", {
        "person_events": rows, "training_count": selectors.training_count(rows), "person": person,
    })
