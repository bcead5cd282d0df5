"""After the password, the second factor: no management page until the user has entered a code
from their authenticator app (or a recovery code), and no management page at all for a user who must
use two-factor authentication but has not set it up yet."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from . import twofactor

# Pages a half-logged-in user may open: leaving, the language, password reset, the public site.
ALWAYS_OPEN = {"accounts:login", "accounts:logout", "set_language", "accounts:password_reset",
               "accounts:password_reset_done", "accounts:password_reset_confirm", "accounts:password_reset_complete"}
PUBLIC_NAMESPACES = {"news_public", "polls_public"}
VERIFY = "accounts:twofactor_verify"
SETUP = "accounts:twofactor_setup"


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any) -> HttpResponse | None:
        match = request.resolver_match
        name = match.view_name if match else ""
        # Open pages first: the public site must not read the session (a cached public page is served
        # without the database, see doanket/news/cache.py).
        if name in ALWAYS_OPEN or (match and match.namespace in PUBLIC_NAMESPACES):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        if twofactor.is_enabled(user):
            if name == VERIFY:
                return None
            return self._send(request, VERIFY, _("Cần nhập mã xác thực hai bước."))
        if twofactor.is_required(user):
            if name == SETUP:
                return None
            return self._send(request, SETUP, _("Tài khoản của bạn phải bật xác thực hai bước trước khi làm việc."))
        return None

    @staticmethod
    def _send(request: HttpRequest, view_name: str, message: str) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=403)
        url = reverse(view_name)
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return HttpResponseRedirect(url)
