"""People's part of tests/test_isolation.py: a person of the ward and one of their assignments."""

from __future__ import annotations

from types import SimpleNamespace

from doanket.people.models import Assignment

ROUTE_WORDS = {"nguoi": "person", "people": "person", "chuc-vu": "assignment", "assignments": "assignment"}


def records(scope: SimpleNamespace) -> dict[str, int | str]:
    assignment = Assignment.objects.filter(person=scope.person).values_list("pk", flat=True).first()
    return {"person": scope.person.pk, "assignment": assignment}


def ward_texts(scope: SimpleNamespace) -> list[str]:
    return [scope.person.full_name, scope.person.phone]
