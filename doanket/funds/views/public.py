"""The citizens' side: what each unit received and how it was spent (Decree 93/2021, Art. 14), from the
ledger itself; no donor's or beneficiary's personal data."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import selectors
from ..documents import notice_pdf
from ..exports import disclosure_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "funds/public/index.html", {"units": selectors.disclosure_units()[:500]})


def unit_page(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.public_unit_get(pk)
    return render(request, "funds/public/unit.html", {"data": selectors.unit_disclosure(unit)})


def fund_page(request: HttpRequest, pk: int) -> HttpResponse:
    data = selectors.disclosure(selectors.public_fund_get(pk))
    scale = selectors.chart_scale(data.months)
    bars = [(m, m.totals.received * 100 // scale, m.totals.disbursed * 100 // scale) for m in data.months]
    return render(request, "funds/public/fund.html", {"data": data, "bars": bars})


def fund_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    data = selectors.disclosure(selectors.public_fund_get(pk))
    response = HttpResponse(disclosure_xlsx(data), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="cong-khai-quy-{data.fund.pk}.xlsx"'
    return response


def fund_notice(request: HttpRequest, pk: int) -> HttpResponse:
    data = selectors.disclosure(selectors.public_fund_get(pk))
    response = HttpResponse(notice_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="thong-bao-cong-khai-{data.fund.pk}.pdf"'
    return response
