"""`{% person_events person %}`: a person's events and training history, for their page."""

from __future__ import annotations

from typing import Any

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("events/_person_events.html", takes_context=True)
def person_events(context: dict[str, Any], person: Any) -> dict[str, Any]:
    rows = selectors.person_events(context["request"].user, person)
    return {"person_events": rows, "training_count": selectors.training_count(rows), "person": person}
