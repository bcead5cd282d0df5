"""Helpers every domain's services use: the acting user on history rows, validation errors."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models

M = TypeVar("M", bound=models.Model)


def as_actor(instance: M, actor: Any) -> M:
    """Mark who is changing `instance`, so its history row names them (outside a request too)."""
    instance._history_user = actor  # type: ignore[attr-defined]  # read by django-simple-history
    return instance


def validate_and_save(instance: M, actor: Any, *, update_fields: list[str] | None = None,
                      exclude: list[str] | None = None) -> M:
    """full_clean() then save(), attributed to `actor`. Model validation errors reach the caller."""
    instance.full_clean(exclude=exclude, validate_unique=True, validate_constraints=True)
    as_actor(instance, actor)
    instance.save(update_fields=update_fields)
    return instance


def fail(message: str, field: str | None = None) -> ValidationError:
    """A ValidationError bound to a form field when there is one."""
    return ValidationError({field: [message]}) if field else ValidationError(message)
