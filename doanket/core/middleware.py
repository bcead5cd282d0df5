"""Language choice: Vietnamese unless the user picked another language in the interface.

Django's LocaleMiddleware would follow the browser's Accept-Language, so a cadre whose phone is
set to English would get an English interface they never asked for."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        # override, not activate: the thread's language is restored after the response.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class ContentSecurityPolicyMiddleware:
    """Sends `settings.CONTENT_SECURITY_POLICY` with every response that does not set its own.

    The policy forbids inline scripts, inline styles and eval, so markup injected into a page cannot
    run; page behaviour lives in static files. Django's debug pages (DEBUG only, status >= 400) carry
    inline code and are left without the header so that developers can read them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if not policy or (settings.DEBUG and response.status_code >= 400):
            return response
        header = "Content-Security-Policy-Report-Only" if getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY",
                                                                  False) else "Content-Security-Policy"
        response.headers.setdefault(header, policy)
        return response
