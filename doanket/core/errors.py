"""Error pages: Vietnamese, in the site's layout, and a 503 (not a 500) when the database is unreachable.

Django calls `server_error` (config/urls.py: handler500) for any exception no view handled, from inside
the `except` block, so the exception is still at hand: a lost database (`OperationalError`: refused,
terminated, timed out; `InterfaceError`: the connection closed under us) is a temporary outage the user
can wait out — 503 with `Retry-After` — rather than a bug. The pages render without the request's
context processors and read nothing from the database, since they are shown precisely when it fails."""

from __future__ import annotations

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _


def database_unavailable(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, (OperationalError, InterfaceError)):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def retry_after() -> int:
    return int(getattr(settings, "DOANKET_RETRY_AFTER_SECONDS", 30))


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def service_unavailable(request: HttpRequest) -> HttpResponse:
    seconds = retry_after()
    if _wants_json(request):
        response: HttpResponse = JsonResponse(
            {"detail": _("Hệ thống tạm thời gián đoạn; hãy thử lại sau khoảng %(seconds)d giây.") % {"seconds": seconds}},
            status=503)
    else:
        response = HttpResponse(loader.get_template("503.html").render({"retry_after": seconds}), status=503)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    if database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    if _wants_json(request):
        return JsonResponse({"detail": _("Hệ thống gặp lỗi; lỗi đã được ghi lại. Hãy thử lại sau ít phút.")}, status=500)
    return HttpResponse(loader.get_template("500.html").render({}), status=500)
