"""Cadre pages: campaigns and their progress up the tree, an area's results on a phone, and the
yearly evaluation of cultured families and areas."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from doanket.accounts.selectors import user_has_perm, user_reach
from doanket.core.text import mask
from doanket.core.views import report_errors, submit
from doanket.orgunits.models import Branch, OrgUnit

from .. import documents, exports, imports, rules, selectors, services
from ..forms import (
    ActivityForm,
    AdoptForm,
    CampaignForm,
    CriteriaSetForm,
    CriterionForm,
    DecisionForm,
    HouseholdForm,
    ImportForm,
    IndicatorForm,
    MeetingForm,
    ResultsForm,
    SelfAssessForm,
    TargetForm,
)
from ..models import Criterion, Household, IndicatorKind, Meeting, RegistrationStatus, TitleKind
from ..permissions import MovementPerm
from ..working_days import add_working_days

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _require_view(request: HttpRequest) -> None:
    if not user_has_perm(request.user, MovementPerm.VIEW):
        raise PermissionDenied


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 12 else None


# -- campaigns --------------------------------------------------------------------------------------
@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    _require_view(request)
    return render(request, "movements/list.html", {
        "campaigns": selectors.campaign_list(request.user)[:200], "nav": "movements",
        "can_create": user_has_perm(request.user, MovementPerm.MANAGE),
    })


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create(request: HttpRequest) -> HttpResponse:
    units = selectors.manage_units(request.user).exclude(unit_type__code=selectors.AREA)
    if not units.exists():
        raise PermissionDenied
    form = CampaignForm(request.POST or None, units=units)
    campaign = submit(request, form, lambda data: services.campaign_create(actor=request.user, **data),
                      _("Đã phát động. Hãy thêm chỉ tiêu rồi triển khai tới các đơn vị trực thuộc."))
    if campaign:
        return redirect("movements:detail", pk=campaign.pk)
    return render(request, "movements/form.html", {"form": form, "nav": "movements",
                                                   "title": _("Phát động cuộc vận động, phong trào")})


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.access_campaign(request.user, pk, MovementPerm.MANAGE)
    initial = {f: getattr(campaign, f) for f in services.CAMPAIGN_FIELDS}
    form = CampaignForm(request.POST or None, initial=initial)
    if submit(request, form, lambda data: services.campaign_update(actor=request.user, campaign=campaign, **data),
              _("Đã lưu thay đổi.")):
        return redirect("movements:detail", pk=campaign.pk)
    return render(request, "movements/form.html", {"form": form, "nav": "movements", "campaign": campaign,
                                                   "title": _("Sửa: %(t)s") % {"t": campaign.title}})


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.access_campaign(request.user, pk)
    unit = selectors.progress_unit(request.user, campaign, _int(request.GET.get("don-vi")))
    rollup = selectors.progress(campaign, unit)
    units = selectors.manage_units(request.user, campaign).exclude(unit_type__code=selectors.AREA)
    may_manage = units.exists()
    reporting = user_reach(request.user, MovementPerm.REPORT)
    rows = [{"p": row, "is_area": row.unit.unit_type.code == selectors.AREA,
             "may_report": reporting.covers(row.unit.path),
             "cells": [(ind, row.indicators[ind.pk], row.share(ind.pk)) for ind in rollup.indicators]}
            for row in rollup.rows]
    return render(request, "movements/detail.html", {
        "campaign": campaign, "nav": "movements", "rollup": rollup, "rows": rows, "unit": unit,
        "total_cells": [(ind, rollup.total.indicators[ind.pk], rollup.total.share(ind.pk))
                        for ind in rollup.indicators],
        "parent": OrgUnit.objects.get_parent(unit) if unit.depth > campaign.unit.depth else None,
        "indicators": selectors.indicators_for(campaign, unit),
        "can_edit": selectors.can_manage(request.user, campaign),
        "indicator_form": IndicatorForm(units=units) if may_manage else None,
        "adopt_form": AdoptForm(units=units) if may_manage else None,
        "target_form": TargetForm(units=units, indicators=campaign.indicators.filter(kind=IndicatorKind.NUMBER))
        if may_manage else None,
    })


def _post_form(request: HttpRequest, campaign: Any, form: Any, action: Any, success: str) -> HttpResponse:
    if form.is_valid():
        try:
            result = action(form.cleaned_data)
        except ValidationError as exc:
            report_errors(request, exc)
        else:
            messages.success(request, success % {"n": result} if "%(n)" in success else success)
    else:
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, str(e))
    return redirect("movements:detail", pk=campaign.pk)


@login_required
@require_POST
def indicator_add(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.access_campaign(request.user, pk)
    units = selectors.manage_units(request.user, campaign)
    if not units.exists():
        raise PermissionDenied
    form = IndicatorForm(request.POST, units=units)
    return _post_form(request, campaign, form,
                      lambda d: services.indicator_add(actor=request.user, campaign=campaign, **d),
                      _("Đã thêm chỉ tiêu."))


@login_required
@require_POST
def adopt(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.access_campaign(request.user, pk)
    units = selectors.manage_units(request.user, campaign)
    if not units.exists():
        raise PermissionDenied
    form = AdoptForm(request.POST, units=units)
    return _post_form(request, campaign, form,
                      lambda d: services.campaign_adopt(actor=request.user, campaign=campaign, unit=d["unit"]),
                      _("Đã triển khai tới %(n)s đơn vị."))


@login_required
@require_POST
def target_set(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.access_campaign(request.user, pk)
    units = selectors.manage_units(request.user, campaign)
    if not units.exists():
        raise PermissionDenied
    form = TargetForm(request.POST, units=units, indicators=campaign.indicators.all())
    return _post_form(request, campaign, form,
                      lambda d: services.target_set(actor=request.user, **d), _("Đã lưu mục tiêu riêng."))


@login_required
def results_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.access_campaign(request.user, pk)
    data = exports.results_workbook(campaign, selectors.export_rows(request.user, campaign))
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="ket-qua-{campaign.pk}.xlsx"'
    return response


# -- an area's page (phone-first) -------------------------------------------------------------------
def _area_context(request: HttpRequest, campaign: Any, area: OrgUnit) -> dict[str, Any]:
    indicators = selectors.indicators_for(campaign, area)
    targets = selectors.effective_targets(indicators, area)
    results = selectors.area_results(campaign, area)
    return {"indicators": indicators, "targets": targets, "results": results,
            "branches": Branch.objects.filter(unit__path__in=selectors.ancestor_paths(area.path))
            .select_related("organisation").order_by("-unit__depth", "organisation__name", "name")}


@login_required
@require_http_methods(["GET", "POST"])
def area_report(request: HttpRequest, pk: int, area: int) -> HttpResponse:
    campaign = selectors.access_campaign(request.user, pk)
    unit = selectors.access_area(request.user, campaign, area)
    may_report = user_reach(request.user, MovementPerm.REPORT).covers(unit.path)
    if request.method == "POST" and not may_report:
        raise PermissionDenied
    ctx = _area_context(request, campaign, unit)
    form = ResultsForm(request.POST or None, indicators=ctx["indicators"], results=ctx["results"],
                       targets=ctx["targets"])
    if submit(request, form, lambda d: services.results_record(actor=request.user, campaign=campaign, area=unit,
                                                               values=form.values()),
              _("Đã lưu kết quả của %(area)s.") % {"area": unit.name}):
        return redirect("movements:area", pk=campaign.pk, area=unit.pk)
    return render(request, "movements/area.html", {
        "campaign": campaign, "area": unit, "nav": "movements", "form": form, "may_report": may_report,
        "adopted": selectors.is_adopted(campaign, unit),
        "activity_form": ActivityForm(branches=ctx["branches"], initial={"held_on": timezone.localdate()})
        if may_report else None,
        "activities": selectors.area_activities(campaign, unit),
    })


@login_required
@require_POST
def activity_add(request: HttpRequest, pk: int, area: int) -> HttpResponse:
    campaign = selectors.access_campaign(request.user, pk)
    unit = selectors.access_area(request.user, campaign, area, MovementPerm.REPORT)
    ctx = _area_context(request, campaign, unit)
    form = ActivityForm(request.POST, request.FILES, branches=ctx["branches"])
    if submit(request, form, lambda d: services.activity_add(actor=request.user, campaign=campaign, area=unit, **d),
              _("Đã ghi hoạt động.")):
        return redirect("movements:area", pk=campaign.pk, area=unit.pk)
    return render(request, "movements/area.html", {
        "campaign": campaign, "area": unit, "nav": "movements", "may_report": True,
        "adopted": selectors.is_adopted(campaign, unit),
        "form": ResultsForm(indicators=ctx["indicators"], results=ctx["results"], targets=ctx["targets"]),
        "activity_form": form, "activities": selectors.area_activities(campaign, unit),
    }, status=400)


@login_required
def photo(request: HttpRequest, pk: int) -> FileResponse:
    item = selectors.access_photo(request.user, pk)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=item.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# -- yearly evaluation ------------------------------------------------------------------------------
def _year(request: HttpRequest) -> int:
    year = _int(request.GET.get("nam") or request.POST.get("nam"))
    return year if year and 2000 <= year <= 2100 else timezone.localdate().year


@login_required
def titles(request: HttpRequest) -> HttpResponse:
    _require_view(request)
    year = _year(request)
    communes = selectors.manage_units(request.user).filter(unit_type__code="commune")
    form = DecisionForm(initial={"signed_on": timezone.localdate()}, units=communes) if communes.exists() else None
    per_year, per_year_max = selectors.titles_per_year(request.user, year)
    return render(request, "movements/titles.html", {
        "nav": "movements", "year": year, "years": range(timezone.localdate().year, 2019, -1),
        "counts": selectors.title_counts(request.user, year),
        "areas": selectors.areas_in_reach(request.user)[:300],
        "decisions": selectors.decisions_visible(request.user).filter(year=year),
        "decision_form": form, "TitleKind": TitleKind,
        "merit_family": selectors.consecutive_titles(request.user, TitleKind.FAMILY, year,
                                                     rules.merit_years(TitleKind.FAMILY)),
        "merit_area": selectors.consecutive_titles(request.user, TitleKind.AREA, year,
                                                   rules.merit_years(TitleKind.AREA)),
        "pending": selectors.pending_decisions(request.user, year),
        "per_year": per_year, "per_year_max": per_year_max,
        "merit_years_family": rules.merit_years(TitleKind.FAMILY), "merit_years_area": rules.merit_years(TitleKind.AREA),
    })


@login_required
@require_POST
def decision_issue(request: HttpRequest) -> HttpResponse:
    communes = selectors.manage_units(request.user).filter(unit_type__code="commune")
    if not communes.exists():
        raise PermissionDenied
    year = _year(request)
    form = DecisionForm(request.POST, units=communes)
    if form.is_valid():
        try:
            decision = services.decision_issue(actor=request.user, year=year, **form.cleaned_data)
        except ValidationError as exc:
            report_errors(request, exc)
        else:
            messages.success(request, _("Đã ban hành quyết định %(n)s: công nhận %(c)s danh hiệu.")
                             % {"n": decision.number, "c": decision.registrations.count()})
    else:
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, str(e))
    return redirect(f"{reverse('movements:titles')}?nam={year}")


def _eval_context(request: HttpRequest, area: OrgUnit, year: int) -> dict[str, Any]:
    registrations = selectors.area_registrations(area, year)
    clear = selectors.may_see_households(request.user, area)
    criteria: dict[int, list[Criterion]] = {}
    for c in Criterion.objects.filter(criteria_set_id__in={r.criteria_set_id for r in registrations}):
        criteria.setdefault(c.criteria_set_id, []).append(c)
    if clear:
        services.households_seen(actor=request.user, households=[r.household for r in registrations if r.household],
                                 where=request.get_full_path())
    for reg in registrations:
        reg.assess_form = SelfAssessForm(criteria=criteria.get(reg.criteria_set_id or 0, []))  # type: ignore[attr-defined]
        label = reg.holder_label
        reg.shown_label = label if clear or reg.kind == TitleKind.AREA else mask(label, 1, 1)  # type: ignore[attr-defined]
    return {"registrations": registrations, "clear": clear,
            "to_assess": [r for r in registrations if r.status in (RegistrationStatus.REGISTERED,
                                                                   RegistrationStatus.SELF_ASSESSED)],
            "to_vote": [r for r in registrations if r.status == RegistrationStatus.SELF_ASSESSED]}


def _eval_redirect(area: OrgUnit, year: int) -> HttpResponse:
    return redirect(f"{reverse('movements:eval_area', args=[area.pk])}?nam={year}")


@login_required
def eval_area(request: HttpRequest, area: int) -> HttpResponse:
    unit = selectors.access_eval_area(request.user, area)
    year = _year(request)
    ctx = _eval_context(request, unit, year)
    may_report = user_reach(request.user, MovementPerm.REPORT).covers(unit.path)
    meeting = selectors.area_meeting(unit, year)
    return render(request, "movements/eval_area.html", {
        **ctx, "nav": "movements", "area": unit, "year": year, "may_report": may_report, "meeting": meeting,
        "may_erase": user_reach(request.user, MovementPerm.MANAGE).covers(unit.path),
        "household_form": HouseholdForm() if may_report else None,
        "meeting_form": MeetingForm(registrations=ctx["to_vote"], initial={"held_on": timezone.localdate()})
        if may_report and meeting is None else None,
        "quorum": rules.quorum_percent(), "approval": rules.approval_percent(),
        "decision_due": add_working_days(meeting.held_on, rules.decision_working_days())
        if meeting is not None and any(r.status == RegistrationStatus.APPROVED for r in ctx["registrations"]) else None,
    })


@login_required
@require_POST
def household_add(request: HttpRequest, area: int) -> HttpResponse:
    unit = selectors.access_eval_area(request.user, area, MovementPerm.REPORT)
    year = _year(request)
    form = HouseholdForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            household = services.household_add(actor=request.user, area=unit, head_name=data["head_name"],
                                               address=data["address"], members=data["members"])
            if data["register"]:
                services.register(actor=request.user, year=year, kind=TitleKind.FAMILY, area=unit,
                                  household=household)
        except ValidationError as exc:
            report_errors(request, exc)
        else:
            messages.success(request, _("Đã thêm hộ %(name)s.") % {"name": household.head_name})
    else:
        messages.error(request, _("Hãy nhập tên chủ hộ."))
    return _eval_redirect(unit, year)


@login_required
@require_POST
def area_register(request: HttpRequest, area: int) -> HttpResponse:
    unit = selectors.access_eval_area(request.user, area, MovementPerm.REPORT)
    year = _year(request)
    try:
        services.register(actor=request.user, year=year, kind=TitleKind.AREA, area=unit)
    except ValidationError as exc:
        report_errors(request, exc)
    else:
        messages.success(request, _("%(area)s đã đăng ký danh hiệu năm %(year)s.") % {"area": unit.name, "year": year})
    return _eval_redirect(unit, year)


@login_required
@require_POST
def self_assess(request: HttpRequest, pk: int) -> HttpResponse:
    reg = selectors.access_registration(request.user, pk, MovementPerm.REPORT)
    form = SelfAssessForm(request.POST, criteria=Criterion.objects.filter(criteria_set_id=reg.criteria_set_id)
                          if reg.criteria_set_id else [])
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in SelfAssessForm.base_fields}
        try:
            services.self_assess(actor=request.user, registration=reg, marks=form.marks(), **data)
        except ValidationError as exc:
            report_errors(request, exc)
        else:
            messages.success(request, _("Đã ghi tự đánh giá."))
    return _eval_redirect(reg.area, reg.year)


@login_required
@require_POST
def household_erase(request: HttpRequest, pk: int) -> HttpResponse:
    household: Household = selectors.access_household(request.user, pk, MovementPerm.MANAGE)
    services.household_erase(actor=request.user, household=household)
    messages.success(request, _("Đã xoá dữ liệu cá nhân của hộ."))
    return _eval_redirect(household.area, _year(request))


@login_required
@require_http_methods(["GET", "POST"])
def meeting(request: HttpRequest, area: int) -> HttpResponse:
    unit = selectors.access_eval_area(request.user, area, MovementPerm.REPORT)
    year = _year(request)
    if selectors.area_meeting(unit, year) is not None:
        messages.error(request, _("Khu dân cư đã ghi cuộc họp bình xét năm này."))
        return _eval_redirect(unit, year)
    ctx = _eval_context(request, unit, year)
    form = MeetingForm(request.POST or None, registrations=ctx["to_vote"],
                       initial={"held_on": timezone.localdate()})
    if submit(request, form, lambda d: services.meeting_record(
            actor=request.user, area=unit, year=year, votes=form.votes(),
            **{k: v for k, v in d.items() if k in MeetingForm.base_fields}),
            _("Đã ghi biên bản họp bình xét.")):
        return _eval_redirect(unit, year)
    return render(request, "movements/meeting.html", {
        "nav": "movements", "area": unit, "year": year, "form": form,
        "quorum": rules.quorum_percent(), "approval": rules.approval_percent(),
    }, status=400 if request.method == "POST" else 200)


# -- printable papers -------------------------------------------------------------------------------
def _file(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _require_households(request: HttpRequest, area: OrgUnit) -> None:
    """Papers naming households are for those who may see the names."""
    if not selectors.may_see_households(request.user, area):
        raise PermissionDenied


@login_required
def registration_docx(request: HttpRequest, pk: int) -> HttpResponse:
    reg = selectors.access_registration(request.user, pk)
    _require_households(request, reg.area)
    ward = OrgUnit.objects.get_parent(reg.area) or reg.area
    if reg.household:
        services.households_seen(actor=request.user, households=[reg.household], where=request.get_full_path())
    return _file(documents.registration_docx(reg, ward), DOCX, f"ban-dang-ky-{reg.year}-{reg.pk}.docx")


@login_required
def minutes_docx(request: HttpRequest, area: int) -> HttpResponse:
    unit = selectors.access_eval_area(request.user, area)
    _require_households(request, unit)
    # Without a year: the area's latest meeting.
    year = _year(request) if request.GET.get("nam") else (
        Meeting.objects.filter(area=unit).order_by("-year").values_list("year", flat=True).first() or 0)
    meeting = selectors.area_meeting(unit, year)
    if meeting is None:
        raise Http404
    ward = OrgUnit.objects.get_parent(unit) or unit
    regs = selectors.area_registrations(unit, year)
    services.households_seen(actor=request.user, households=[r.household for r in regs if r.household],
                             where=request.get_full_path())
    data = documents.minutes_docx(meeting, ward, regs)
    return _file(data, DOCX, f"bien-ban-binh-xet-{year}-{unit.pk}.docx")


@login_required
def decision_docx(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.access_decision(request.user, pk)
    _require_households(request, decision.unit)
    regs = list(decision.registrations.select_related("area", "household").order_by("area__path",
                                                                                      "household__sort_key"))
    services.households_seen(actor=request.user, households=[r.household for r in regs if r.household],
                             where=request.get_full_path())
    return _file(documents.decision_docx(decision, regs), DOCX, f"quyet-dinh-{decision.year}-{decision.pk}.docx")


@login_required
def titles_xlsx(request: HttpRequest) -> HttpResponse:
    _require_view(request)
    year = _year(request)
    regs = list(selectors.titled(request.user, year))
    seen = []
    for reg in regs:
        if reg.household is None:
            continue
        if selectors.may_see_households(request.user, reg.area):
            seen.append(reg.household)
        else:
            reg.household.head_name = mask(reg.household.head_name, 1, 1)
    services.households_seen(actor=request.user, households=seen, where=request.get_full_path())
    return _file(documents.titles_xlsx(year, regs), XLSX, f"danh-hieu-{year}.xlsx")


# -- criteria sets ----------------------------------------------------------------------------------
def _provinces(request: HttpRequest) -> Any:
    return selectors.manage_units(request.user).filter(unit_type__code="province")


@login_required
@require_http_methods(["GET", "POST"])
def criteria_sets(request: HttpRequest) -> HttpResponse:
    _require_view(request)
    provinces = _provinces(request)
    if request.method == "POST" and not provinces.exists():
        raise PermissionDenied
    form = CriteriaSetForm(request.POST or None, units=provinces,
                           initial={"year": timezone.localdate().year}) if provinces.exists() else None
    if form is not None:
        cs = submit(request, form, lambda d: services.criteria_set_create(actor=request.user, **d),
                    _("Đã tạo bộ tiêu chí. Hãy thêm các tiêu chí."))
        if cs:
            return redirect("movements:criteria_set", pk=cs.pk)
    return render(request, "movements/criteria_sets.html", {
        "nav": "movements", "sets": selectors.criteria_sets_visible(request.user)[:200], "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def criteria_set(request: HttpRequest, pk: int) -> HttpResponse:
    cs = selectors.access_criteria_set(request.user, pk)
    may_manage = user_reach(request.user, MovementPerm.MANAGE).covers(cs.province.path)
    if request.method == "POST" and not may_manage:
        raise PermissionDenied
    form = CriterionForm(request.POST or None) if may_manage else None
    if form is not None and submit(request, form, lambda d: services.criterion_add(actor=request.user,
                                                                                   criteria_set=cs, **d),
                                   _("Đã thêm tiêu chí.")):
        return redirect("movements:criteria_set", pk=cs.pk)
    return render(request, "movements/criteria_set.html", {
        "nav": "movements", "cs": cs, "criteria": cs.criteria.all(), "form": form, "may_manage": may_manage,
        "used": cs.registrations.exists()}, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def criteria_set_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    cs = selectors.access_criteria_set(request.user, pk, MovementPerm.MANAGE)
    fresh = services.criteria_set_new_version(actor=request.user, criteria_set=cs)
    messages.success(request, _("Đã tạo phiên bản %(v)s; các đăng ký từ nay dùng phiên bản này.") % {"v": fresh.version})
    return redirect("movements:criteria_set", pk=fresh.pk)


# -- import of earlier titles -----------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def titles_import(request: HttpRequest) -> HttpResponse:
    if not user_has_perm(request.user, MovementPerm.MANAGE):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            n = imports.titles_import(actor=request.user, data=form.cleaned_data["file"].read())
        except imports.ImportRejected as exc:
            errors = exc.errors
        else:
            messages.success(request, _("Đã nhập %(n)s danh hiệu.") % {"n": n})
            return redirect("movements:titles")
    return render(request, "movements/import.html", {"nav": "movements", "form": form, "errors": errors},
                  status=400 if errors else 200)


@login_required
def titles_import_template(request: HttpRequest) -> HttpResponse:
    _require_view(request)
    return _file(imports.template_workbook(), XLSX, "mau-nhap-danh-hieu.xlsx")
