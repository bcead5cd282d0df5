"""Accounts' part of tests/test_isolation.py: a ward's account and its role grant."""

from __future__ import annotations

from types import SimpleNamespace

ROUTE_WORDS = {"tai-khoan": "user", "vai-tro": "grant"}
# Password reset by e-mail: for anyone, and answers the same whoever asks (tested in accounts).
OPEN_ROUTES = {"login", "logout", "password_reset", "password_reset_done", "password_reset_confirm",
               "password_reset_complete"}
SAMPLE_VALUES = {"token": ["lien-ket-sai"]}


def records(scope: SimpleNamespace) -> dict[str, int | str]:
    return {"user": scope.account.pk, "grant": scope.account.role_grants.values_list("pk", flat=True).first()}


def ward_texts(scope: SimpleNamespace) -> list[str]:
    return [scope.account.username]
