"""The events panel of a person's page: their events and training history (registered in domain.py)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from . import selectors


def person_events_panel(user: Any, person: Any) -> str:
    rows = selectors.person_events(user, person)
    return render_to_string("events/_person_events.html", {
        "person_events": rows, "training_count": selectors.training_count(rows), "person": person,
    })
