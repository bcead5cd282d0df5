"""Receipts printed in a batch as a long job (doanket.core.jobs): run by the queue's worker when one is
configured, in the request otherwise. Posting stays fast on a collection day; the PDFs come after."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils import translation

from doanket.core import jobs

from . import selectors
from .documents import receipts_pdf

PDF_MIME = "application/pdf"
MAX_BATCH = 2000


def receipts_filename(fund_id: int) -> str:
    return f"bien-nhan-quy-{fund_id}.pdf"


def fund_receipts_for_print(fund: Any) -> list[Any]:
    return list(fund.receipts.select_related("fund", "unit", "area").order_by("year", "number")[:MAX_BATCH])


def receipts_job(user_id: int, fund_id: int, language: str) -> dict[str, Any]:
    """The fund's receipts (up to MAX_BATCH, in number order), one per page, for the user who asked."""
    with translation.override(language):
        user = jobs.active_user(user_id)
        if user is None:
            return jobs.file_refused(translation.gettext("Tài khoản đã bị khoá nên tệp không được tạo."))
        try:
            fund = selectors.access_fund(user, fund_id)
        except Http404:
            return jobs.file_refused(translation.gettext("Quỹ không còn trong phạm vi của bạn."))
        receipts = fund_receipts_for_print(fund)
        if not receipts:
            return jobs.file_refused(translation.gettext("Quỹ chưa có biên nhận nào."))
        return jobs.file_ready(receipts_pdf(receipts), receipts_filename(fund.pk), PDF_MIME)
