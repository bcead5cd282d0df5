"""Lockout after repeated failed logins (django-axes): per account and per client address.

Axes counts failures by username and by address separately and locks either one when it reaches
`AXES_FAILURE_LIMIT` within `AXES_COOLOFF_TIME`. What the person sees is the login page again, in
Vietnamese, saying when to try again — never whether the account exists."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


class LockoutBackend(AxesStandaloneBackend):
    """Axes' check, for logins made over the web (which always carry a request). Code that calls
    `authenticate()` without a request (a management command, a shell, a test) is not a network
    client, so it is not counted nor locked instead of failing."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None,  # type: ignore[override]
                     password: str | None = None, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)




def minutes(td: Any) -> int:
    return max(1, int(td.total_seconds() // 60)) if td else 0


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None,
                     credentials: dict | None = None) -> HttpResponse:
    """The login page with the lockout explained, answered with 429 (Too Many Requests)."""
    form = AuthenticationForm(request, data=None)
    message = _("Đăng nhập sai quá nhiều lần. Vì an toàn, việc đăng nhập từ tài khoản hoặc máy này tạm bị khoá "
                "%(minutes)d phút; hãy thử lại sau, hoặc dùng “Quên mật khẩu?” để đặt lại mật khẩu.") % {
        "minutes": minutes(settings.AXES_COOLOFF_TIME)}
    return render(request, "accounts/login.html", {"form": form, "lockout_message": message},
                  status=int(getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429)))
