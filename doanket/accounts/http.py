"""The request a cadre page receives: behind `login_required`, its user is an account, never anonymous."""

from __future__ import annotations

from django.http import HttpRequest

from .models import User


class AuthedRequest(HttpRequest):
    """Type of `request` in login-required views (django-stubs' pattern): `request.user` is a `User`, so the
    access helpers and services, which take a `User`, are called without a cast."""

    user: User
