"""Cadre pages of grassroots democracy: household consultations of residential areas."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doanket.accounts.selectors import user_reach
from doanket.core.views import submit

from .. import selectors, services
from ..forms import AnswerRecordForm, ConsultationForm, HouseholdForm
from ..models import Consultation
from ..permissions import SupervisionPerm as P


@login_required
@require_GET
def consultation_list(request: HttpRequest) -> HttpResponse:
    if user_reach(request.user, P.VIEW).is_empty:
        raise PermissionDenied
    return render(request, "supervision/consultation_list.html", {
        "nav": "supervision", "consultations": selectors.consultation_list(request.user),
        "can_create": selectors.area_choices(request.user, P.MANAGE).exists()})


@login_required
@require_http_methods(["GET", "POST"])
def consultation_create(request: HttpRequest) -> HttpResponse:
    areas = selectors.area_choices(request.user, P.MANAGE)
    if not areas.exists():
        raise PermissionDenied
    form = ConsultationForm(request.POST or None, areas=areas)
    c = submit(request, form, lambda d: services.consultation_create(actor=request.user, **d),
               _("Đã tạo đợt lấy ý kiến hộ gia đình."))
    if c:
        return redirect("supervision:consultation", pk=c.pk)
    return render(request, "supervision/form.html", {"form": form, "nav": "supervision",
                                                     "title": _("Lấy ý kiến hộ gia đình")})


def _page(request: HttpRequest, c: Consultation, **given) -> HttpResponse:
    track = selectors.can(request.user, P.TRACK, c.area)
    households = selectors.area_households(c.area)
    return render(request, "supervision/consultation_detail.html", {
        "nav": "supervision", "c": c, "result": selectors.consultation_result(c),
        "answer_form": given.get("answer_form") or (AnswerRecordForm(households=households) if track else None),
        "household_form": given.get("household_form") or (HouseholdForm() if track else None),
    })


@login_required
@require_GET
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, selectors.access_consultation(request.user, pk))


@login_required
@require_POST
def answer_record(request: HttpRequest, pk: int) -> HttpResponse:
    c = selectors.access_consultation(request.user, pk, P.TRACK)
    form = AnswerRecordForm(request.POST, households=selectors.area_households(c.area))
    if submit(request, form, lambda d: services.answer_record(actor=request.user, consultation=c, **d),
              _("Đã ghi nhận ý kiến của hộ.")):
        return redirect("supervision:consultation", pk=c.pk)
    return _page(request, c, answer_form=form)


@login_required
@require_POST
def household_add(request: HttpRequest, pk: int) -> HttpResponse:
    c = selectors.access_consultation(request.user, pk, P.TRACK)
    form = HouseholdForm(request.POST)
    if submit(request, form, lambda d: services.household_add(actor=request.user, area=c.area, **d),
              _("Đã thêm hộ gia đình vào danh sách của khu dân cư.")):
        return redirect("supervision:consultation", pk=c.pk)
    return _page(request, c, household_form=form)
