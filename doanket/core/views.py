"""The one way a cadre page submits a form to a service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from .forms import add_service_errors


def submit(request: HttpRequest, form: forms.BaseForm, action: Callable[[dict[str, Any]], Any],
           success: str | Callable[[Any], str]) -> Any:
    """On a POST with a valid form, run `action(cleaned_data)` (a service call). A ValidationError
    from the service lands on the form; success is announced with `success` (text, or a function of
    the result). Returns the result (True when the service returns nothing), or None when the page
    should be shown again with the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    messages.success(request, success(result) if callable(success) else success)
    return True if result is None else result


def report_errors(request: HttpRequest, exc: ValidationError) -> None:
    """A service refused an action that has no form (a button): say why at the top of the next page."""
    for message in exc.messages:
        messages.error(request, message)
