"""Cadre pages: upload a workbook, download the templates and the exports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import selectors, services
from ..columns import KIND_LABELS, Kind
from ..forms import XLSX_MIME, ImportForm, max_megabytes
from ..reading import ImportRejected

MAX_ERRORS_SHOWN = 500


def _kind(value: str) -> Kind:
    try:
        return Kind(value)
    except ValueError:
        raise Http404 from None


def _page(request: HttpRequest, form: ImportForm, **extra: Any) -> HttpResponse:
    context = {
        "nav": "io",
        "form": form,
        "kinds": [(k.value, KIND_LABELS[k]) for k in Kind],
        "can_import": selectors.can_import(request.user),
        "can_export": selectors.can_export(request.user),
        "max_mb": max_megabytes(),
        **extra,
    }
    return render(request, "importexport/index.html", context)


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"  # exports hold personal data
    return response


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return _page(request, ImportForm())


@login_required
@require_POST
def import_upload(request: HttpRequest) -> HttpResponse:
    if not selectors.can_import(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form)
    kind = Kind(form.cleaned_data["kind"])
    upload = form.cleaned_data["file"]
    try:
        result = services.import_file(actor=request.user, kind=kind, data=upload.read())
    except ImportRejected as exc:
        return _page(request, ImportForm(initial={"kind": kind.value}), errors=exc.errors[:MAX_ERRORS_SHOWN],
                     error_count=len(exc.errors), error_shown=min(len(exc.errors), MAX_ERRORS_SHOWN),
                     rejected_name=upload.name, rejected_kind=KIND_LABELS[kind])
    messages.success(request, _("Đã nhập %(kind)s từ tệp %(name)s: %(created)d thêm mới, %(updated)d cập nhật, "
                                "%(unchanged)d không thay đổi.") % {
        "kind": KIND_LABELS[kind], "name": upload.name, "created": result.created, "updated": result.updated,
        "unchanged": result.unchanged})
    return redirect("importexport:index")


@login_required
@require_GET
def template_download(request: HttpRequest, kind: str) -> HttpResponse:
    k = _kind(kind)
    return _xlsx(selectors.template_workbook(k), f"mau-nhap-{k.value}.xlsx")


@login_required
@require_GET
def export_download(request: HttpRequest, kind: str) -> HttpResponse:
    k = _kind(kind)
    if not selectors.can_export(request.user):
        raise PermissionDenied
    return _xlsx(selectors.export_file(request.user, k), f"xuat-{k.value}-{dt.date.today():%Y%m%d}.xlsx")
