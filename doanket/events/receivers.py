"""Events' part of erasing a person (Law 91/2025/QH15): speakers copy a name, title and affiliation."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from doanket.people.signals import person_erased

from .models import Speaker


@receiver(person_erased)
def scrub_speakers(sender: Any, person: Any, actor: Any = None, **kwargs: Any) -> None:
    """The speaker rows keep their place in the programme; the copied personal data goes, history too."""
    blank = {"full_name": person.full_name, "title": "", "affiliation": ""}
    Speaker.objects.filter(person=person).update(**blank)
    Speaker.history.filter(person_id=person.pk).update(**blank)
