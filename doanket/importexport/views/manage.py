"""Cadre pages: upload a workbook, download the templates and the exports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doanket.core import jobs

from .. import jobs as import_jobs
from .. import selectors
from ..columns import KIND_LABELS, Kind
from ..forms import XLSX_MIME, ImportForm, max_megabytes


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
    if jobs.queue_configured():
        # Long job: the queue's worker imports the file; the job page shows the outcome when it is done.
        stored = import_jobs.store_upload(upload.read())
        state = jobs.start(import_jobs.import_job, request.user.pk, kind.value, stored, get_language(),
                           owner_id=request.user.pk, description=f"import {kind.value} {upload.name}")
        request.session[f"import-job-{state.id}"] = upload.name
        return redirect("importexport:job", token=state.id)
    return _outcome(request, import_jobs.run_import(request.user, kind, upload.read()), upload.name)


def _outcome(request: HttpRequest, outcome: dict[str, Any], name: str) -> HttpResponse:
    kind = Kind(outcome["kind"])
    if not outcome["ok"]:
        return _page(request, ImportForm(initial={"kind": kind.value}), errors=outcome["errors"],
                     error_count=outcome["error_count"], error_shown=len(outcome["errors"]),
                     rejected_name=name, rejected_kind=KIND_LABELS[kind])
    messages.success(request, _("Đã nhập %(kind)s từ tệp %(name)s: %(created)d thêm mới, %(updated)d cập nhật, "
                                "%(unchanged)d không thay đổi.") % {
        "kind": KIND_LABELS[kind], "name": name, "created": outcome["created"], "updated": outcome["updated"],
        "unchanged": outcome["unchanged"]})
    return redirect("importexport:index")


@login_required
@require_GET
def job(request: HttpRequest, token: str) -> HttpResponse:
    """An import running on the queue's worker: "waiting" until it is done, then its outcome (once)."""
    state = jobs.fetch(token, request.user.pk)
    if state is None:
        raise Http404
    if state.done and request.headers.get("HX-Request"):
        # The polling request: load the page itself, which shows the outcome (or the errors) in full.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = request.path
        return response
    name = request.session.get(f"import-job-{token}", "")
    if state.status == "finished":
        request.session.pop(f"import-job-{token}", None)
        return _outcome(request, state.result, name)
    return render(request, "importexport/job.html", {"nav": "io", "state": state, "name": name, "token": token})


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
