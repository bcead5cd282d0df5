"""Documents after the event: certificates (a batch on the queue's worker when one is configured),
one person's certificate, and the report as Word and Excel."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from doanket.accounts.http import AuthedRequest
from doanket.core import jobs

from ... import selectors
from ...documents.certificates import certificates_pdf
from ...documents.reports import ReportData, report_data, report_docx, report_filename, report_xlsx
from ...jobs import certificates_filename, certificates_job
from ...models import AFTER_HELD, Event
from ._common import detail_url, download

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_MIME = "application/pdf"


@login_required
@require_GET
def certificates(request: AuthedRequest, pk: int) -> HttpResponse:
    """Certificates of all those present (that the user sees), one page each: made by the queue's
    worker when one is configured (the job page then offers the file), here otherwise."""
    event = selectors.access_held_event(request.user, pk)
    access = selectors.event_access(request.user, event)
    if jobs.queue_configured():
        if not selectors.any_present(event, access):
            return _nobody_present(request, pk)
        return _certificates_job(request, event)
    present = selectors.present_invitations(event, access)
    if not present:
        return _nobody_present(request, pk)
    return download(certificates_pdf(event, present), certificates_filename(event.pk), PDF_MIME, inline=True)


def _nobody_present(request: AuthedRequest, pk: int) -> HttpResponse:
    messages.error(request, _("Chưa có ai được điểm danh có mặt."))
    return redirect(detail_url(pk, "documents"))


def _certificates_job(request: AuthedRequest, event: Event) -> HttpResponse:
    state = jobs.start(certificates_job, request.user.pk, event.pk, get_language(), owner_id=request.user.pk,
                       description=f"certificates event {event.pk}")
    jobs.remember(request.session, state.id, name=certificates_filename(event.pk),
                  back=detail_url(event.pk, "documents"), nav="events")
    return redirect("importexport:job", token=state.id)


@login_required
@require_GET
def certificate(request: AuthedRequest, pk: int) -> HttpResponse:
    inv = selectors.access_invitation(request.user, pk)
    if inv.event.status not in AFTER_HELD or inv.checked_in_at is None:
        raise Http404  # a certificate exists only for those present at a held event
    return download(certificates_pdf(inv.event, [inv]), f"giay-chung-nhan-{inv.pk}.pdf", PDF_MIME, inline=True)


def _report(request: AuthedRequest, pk: int, make: Callable[[ReportData], bytes], ext: str,
            mime: str) -> HttpResponse:
    event = selectors.access_event(request.user, pk)
    data = report_data(event, selectors.event_access(request.user, event))
    return download(make(data), report_filename(event, ext), mime)


@login_required
@require_GET
def report_word(request: AuthedRequest, pk: int) -> HttpResponse:
    return _report(request, pk, report_docx, "docx", DOCX_MIME)


@login_required
@require_GET
def report_excel(request: AuthedRequest, pk: int) -> HttpResponse:
    return _report(request, pk, report_xlsx, "xlsx", XLSX_MIME)
