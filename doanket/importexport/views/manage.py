"""Cadre pages: upload a workbook, download the templates and the exports; the page of a long job
(an import, an export, a batch of certificates) and the file it made."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doanket.accounts.http import AuthedRequest
from doanket.core import jobs
from doanket.core.downloads import download_response

from .. import jobs as import_jobs
from .. import selectors
from ..columns import KIND_LABELS, Kind
from ..forms import ImportForm, max_megabytes


def _kind(value: str) -> Kind:
    try:
        return Kind(value)
    except ValueError:
        raise Http404 from None


def _page(request: AuthedRequest, form: ImportForm, **extra: Any) -> HttpResponse:
    context = {
        "nav": "io",
        "form": form,
        "kinds": [(k.value, KIND_LABELS[k]) for k in Kind],
        "can_import": selectors.can_import(request.user),
        "can_export": selectors.can_export(request.user),
        "max_mb": max_megabytes(),
        "export_in_background": jobs.queue_configured(),  # the link then leads to the job page
        **extra,
    }
    return render(request, "importexport/index.html", context)


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    return download_response(content, filename)  # no-store: exports hold personal data


@login_required
@require_GET
def index(request: AuthedRequest) -> HttpResponse:
    return _page(request, ImportForm())


@login_required
@require_POST
def import_upload(request: AuthedRequest) -> HttpResponse:
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


def _outcome(request: AuthedRequest, outcome: dict[str, Any], name: str) -> HttpResponse:
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
def job(request: AuthedRequest, token: str) -> HttpResponse:
    """A long job on the queue's worker: "waiting" until it is done, then its outcome: an import's
    result (once), or the file an export or a batch of certificates made, to download."""
    state = jobs.fetch(token, request.user.pk)
    if state is None:
        raise Http404
    if state.done and request.headers.get("HX-Request"):
        # The polling request: load the page itself, which shows the outcome (or the errors) in full.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = request.path
        return response
    name = request.session.get(f"import-job-{token}", "")
    finished = state.status == "finished"
    if finished and isinstance(state.result, dict) and "kind" in state.result:  # an import's outcome
        request.session.pop(f"import-job-{token}", None)
        return _outcome(request, state.result, name)
    info = jobs.recalled(request.session, token)  # a file job: what it makes, where it was asked
    return render(request, "importexport/job.html", {
        "nav": info.get("nav", "io"), "state": state, "token": token, "file_job": bool(info) or finished,
        "name": info.get("name", name), "back": info.get("back") or reverse("importexport:index"),
        "result": state.result if finished else None, "hours": jobs.RESULT_SECONDS // 3600})


@login_required
@require_GET
def job_file(request: AuthedRequest, token: str) -> FileResponse:
    """The file a finished job made, to the user who started the job only (404 to anyone else)."""
    result = jobs.stored_file(jobs.fetch(token, request.user.pk))
    if result is None:
        raise Http404
    response = FileResponse(default_storage.open(result["file"], "rb"), as_attachment=True,
                            filename=result["filename"], content_type=result["content_type"])
    response["Cache-Control"] = "no-store"  # exports and certificates hold personal data
    return response


@login_required
@require_GET
def template_download(request: AuthedRequest, kind: str) -> HttpResponse:
    k = _kind(kind)
    return _xlsx(selectors.template_workbook(k), f"mau-nhap-{k.value}.xlsx")


@login_required
@require_GET
def export_download(request: AuthedRequest, kind: str) -> HttpResponse:
    k = _kind(kind)
    if not selectors.can_export(request.user):
        raise PermissionDenied
    filename = import_jobs.export_filename(k)
    if jobs.queue_configured():
        # Long job: the queue's worker makes the file; the job page offers it when it is ready.
        state = jobs.start(import_jobs.export_job, request.user.pk, k.value, get_language(),
                           owner_id=request.user.pk, description=f"export {k.value}")
        jobs.remember(request.session, state.id, name=filename, back=reverse("importexport:index"), nav="io")
        return redirect("importexport:job", token=state.id)
    return _xlsx(selectors.export_file(request.user, k), filename)
