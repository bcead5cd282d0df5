"""Writes the personal-data access log of an API response in one insert, whatever the page size."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from doanket.accounts.models import User

from .models import AccessAction

PENDING_LOG = "_personal_data_pending"


class PersonalDataLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        pending = request.__dict__.pop(PENDING_LOG, None)
        if pending and response.status_code < 400 and isinstance(request.user, User):
            from .services import personal_data_accessed_many

            personal_data_accessed_many(actor=request.user, action=AccessAction.API, people=list(pending.values()),
                                        detail=request.get_full_path())
        return response
