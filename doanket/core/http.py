"""Typing for cadre views: past `login_required`, a request's user is an account, never anonymous."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:  # core does not import the accounts package at run time
    from doanket.accounts.models import User


class AuthedRequest(HttpRequest):
    """The request of a view behind `login_required` (annotation only: Django passes its own request)."""

    user: User  # type: ignore[assignment]  # narrower than HttpRequest's `User | AnonymousUser`
