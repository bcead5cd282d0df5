"""Pieces every domain's JSON API shares: error bodies, the error handlers, pagination, the acting user.

Error bodies are always `{"detail": "...", "errors": {...}}` (errors only for validation), in the
request's language (Vietnamese by default). A record outside the user's reach answers the same
404 as one that does not exist, so the API never tells whether it exists.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError
from ninja.pagination import PageNumberPagination

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class Pagination(PageNumberPagination):
    """`?page=` (from 1) and `?page_size=` (default 50, at most 200); answers `{"items": [...], "count": n}`."""

    def __init__(self, page_size: int = PAGE_SIZE, max_page_size: int = MAX_PAGE_SIZE, **kwargs: Any) -> None:
        super().__init__(page_size=page_size, max_page_size=max_page_size, **kwargs)


class CountedPagination(Pagination):
    """Pagination with the count the operation computed, which may be capped (see
    people.selectors.person_directory_counted): `{"items": [...], "count": n, "count_capped": bool}`;
    `count_capped` true means there are more than `count` results: narrow the search."""

    class Output(Schema):
        items: list[Any]
        count: int
        count_capped: bool = False

    def paginate_queryset(self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any) -> Any:
        page_size = self._get_page_size(pagination.page_size)
        offset = (pagination.page - 1) * page_size
        given = getattr(request, "counted_result", None)
        count, capped = given if given is not None else (self._items_count(queryset), False)
        return {self.items_attribute: queryset[offset:offset + page_size], "count": count, "count_capped": capped}


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]]


# Response declarations shared by operations, for the OpenAPI schema.
READ_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS: dict[int, type[Schema]] = {400: ValidationErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def validation_errors(exc: ValidationError) -> dict[str, list[str]]:
    """A ValidationError as {field: [messages]}; errors not bound to a field go under "__all__"."""
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
    return {NON_FIELD_ERRORS: [str(m) for m in exc.messages]}


def register_error_handlers(api: NinjaAPI) -> None:
    """ValidationError → 400 with field errors, PermissionDenied → 403, Http404 → 404, no session → 401."""

    def on_validation_error(request: HttpRequest, exc: Any) -> HttpResponse:
        errors = validation_errors(exc)
        messages = [m for field_messages in errors.values() for m in field_messages]
        detail = " ".join(messages) or _("Dữ liệu không hợp lệ.")
        return api.create_response(request, {"detail": detail, "errors": errors}, status=400)

    def on_permission_denied(request: HttpRequest, exc: Any) -> HttpResponse:
        detail = str(exc) or _("Bạn không có quyền thực hiện thao tác này.")
        return api.create_response(request, {"detail": detail}, status=403)

    def on_not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        # Never the exception's text: an existing record outside the reach must look like a missing one.
        return api.create_response(request, {"detail": _("Không tìm thấy")}, status=404)

    def on_unauthenticated(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, {"detail": _("Cần đăng nhập.")}, status=401)

    def on_value_out_of_range(request: HttpRequest, exc: Any) -> HttpResponse:
        # A number too large for the database (an id of 2^70…) or a value it refuses: the client's mistake.
        return api.create_response(request, {"detail": _("Giá trị nằm ngoài phạm vi cho phép.")}, status=400)

    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(PermissionDenied, on_permission_denied)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(AuthenticationError, on_unauthenticated)
    api.add_exception_handler(OverflowError, on_value_out_of_range)  # SQLite: integer beyond 64 bits
    api.add_exception_handler(DataError, on_value_out_of_range)  # PostgreSQL: value out of range for its type


def actor(request: HttpRequest) -> Any:
    """The logged-in user (session auth guarantees one on every operation)."""
    return request.auth  # type: ignore[attr-defined]
