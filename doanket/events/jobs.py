"""A batch of certificates as a long job: run by the queue's worker when one is configured
(doanket.core.jobs), in the request otherwise (the view then builds the PDF itself)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils import translation

from doanket.accounts.models import User
from doanket.core import jobs

from . import selectors
from .documents.certificates import certificates_pdf
from .models import Event

PDF_MIME = "application/pdf"


def certificates_filename(event_id: int) -> str:
    return f"giay-chung-nhan-su-kien-{event_id}.pdf"


def certificates_job(user_id: int, event_id: int, language: str) -> dict[str, Any]:
    """The queue's job: the certificates of everyone present that the user sees, one page each,
    stored for them to download (the same selection as the page that asked for it)."""
    with translation.override(language):
        user = jobs.active_user(user_id)
        if user is None:
            return jobs.file_refused(translation.gettext("Tài khoản đã bị khoá nên tệp không được tạo."))
        event = _held_event(user, event_id)
        if event is None:
            return jobs.file_refused(translation.gettext(
                "Sự kiện không còn trong phạm vi của bạn hoặc chưa được tổ chức."))
        present = selectors.present_invitations(event, selectors.event_access(user, event))
        if not present:
            return jobs.file_refused(translation.gettext("Chưa có ai được điểm danh có mặt."))
        return jobs.file_ready(certificates_pdf(event, present), certificates_filename(event.pk), PDF_MIME)


def _held_event(user: User, event_id: int) -> Event | None:
    """The event in the user's reach, once it has been held (the page's own check); None otherwise."""
    try:
        return selectors.access_held_event(user, event_id)
    except Http404:
        return None
