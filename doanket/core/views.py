"""The one way a cadre page submits a form to a service, and the one way a button runs one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .forms import add_service_errors

T = TypeVar("T")
Success = str | Callable[[Any], str] | None


def _announce(request: HttpRequest, success: Success, result: Any) -> None:
    if success is not None:
        messages.success(request, success(result) if callable(success) else success)


def attempt(action: Callable[[], T]) -> tuple[T | None, ValidationError | None]:
    """Run a service; its refusal (ValidationError) is returned rather than raised, for pages that show
    it in place (the check-in result) instead of on a form or at the top of the next page."""
    try:
        return action(), None
    except ValidationError as exc:
        return None, exc


def submit(request: HttpRequest, form: forms.BaseForm, action: Callable[[dict[str, Any]], Any],
           success: Success = None) -> Any:
    """On a POST with a valid form, run `action(cleaned_data)` (a service call). A ValidationError
    from the service lands on the form; success is announced with `success` (text, or a function of
    the result; nothing when None). Returns the result (True when the service returns nothing), or
    None when the page should be shown again with the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    result, refused = attempt(lambda: action(form.cleaned_data))
    if refused is not None:
        add_service_errors(form, refused)
        return None
    _announce(request, success, result)
    return True if result is None else result


def report_errors(request: HttpRequest, exc: ValidationError) -> None:
    """A service refused an action that has no form (a button): say why at the top of the next page."""
    for message in exc.messages:
        messages.error(request, message)


def button(request: HttpRequest, action: Callable[[], Any], success: Success = None, *,
           then: str | Callable[[], HttpResponse]) -> HttpResponse:
    """A button post (no form): run the service `action()`, announce `success` (text, or a function of
    the result) or report the service's ValidationError, then go to `then` — a URL to redirect to, or a
    function making the response (an HTMX section re-rendered in place)."""
    result, refused = attempt(action)
    if refused is not None:
        report_errors(request, refused)
    else:
        _announce(request, success, result)
    return then() if callable(then) else redirect(then)
