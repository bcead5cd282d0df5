"""Text normalisation in one place below the forms, the API and the imports: every save of a project model
passes its text fields through `clean_text_fields`. The web form used to refuse NUL and the API to store it;
now both reach the same rule: NUL refused with the form's own message, other control characters dropped."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models

from .text import clean_controls


@cache
def text_fields(model: type[models.Model]) -> tuple[tuple[str, str, bool], ...]:
    """(name, attname, multiline) of the model's stored text fields."""
    return tuple((f.name, f.attname, isinstance(f, models.TextField)) for f in model._meta.concrete_fields
                 if isinstance(f, models.CharField | models.TextField))


def clean_text_fields(sender: type[models.Model], instance: models.Model, update_fields: Any = None,
                      **_kwargs: Any) -> None:
    """pre_save receiver (connected in `CoreConfig.ready` for the project's models)."""
    for name, attname, multiline in text_fields(sender):
        if update_fields is not None and name not in update_fields:
            continue
        value = getattr(instance, attname)
        if not isinstance(value, str) or not value:
            continue
        if "\x00" in value:
            raise ValidationError({name: [ProhibitNullCharactersValidator.message]})
        cleaned = clean_controls(value, multiline=multiline)
        if cleaned != value:
            setattr(instance, attname, cleaned)
