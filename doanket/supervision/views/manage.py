"""Cadre pages of supervision: plans by reach, an activity with its lifecycle, the recommendation follow-up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doanket.core.reach import subtree_q
from doanket.core.views import report_errors, submit
from doanket.people.selectors import people_visible

from .. import selectors, services
from ..documents import letters, sheets
from ..forms import (
    FILTER_LABELS,
    ActivityForm,
    AnswerForm,
    CloseForm,
    ConcludeForm,
    ConductForm,
    DocumentForm,
    EscalateForm,
    FollowupFilter,
    MemberForm,
    NotifyForm,
    PlanForm,
    ProgressForm,
    RecommendationForm,
)
from ..models import ActivityStatus, SupervisionActivity
from ..permissions import SupervisionPerm as P
from ..selectors import Filter

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PAGE_SIZE = 50


def docx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _require_view(request: HttpRequest) -> None:
    if selectors.user_reach(request.user, P.VIEW).is_empty:
        raise PermissionDenied


# -- plans ---------------------------------------------------------------------------------------


@login_required
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    _require_view(request)
    try:
        year = int(request.GET.get("year") or 0) or None
    except ValueError:
        year = None
    return render(request, "supervision/plan_list.html", {
        "nav": "supervision", "plans": selectors.plan_list(request.user, year=year), "year": year,
        "years": selectors.plan_years(request.user), "can_create": selectors.manage_units(request.user).exists(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    units = selectors.manage_units(request.user)
    if not units.exists():
        raise PermissionDenied
    form = PlanForm(request.POST or None, units=units)
    plan = submit(request, form, lambda d: services.plan_create(actor=request.user, **d), _("Đã tạo kế hoạch giám sát."))
    if plan:
        return redirect("supervision:plan", pk=plan.pk)
    return render(request, "supervision/form.html", {"form": form, "nav": "supervision",
                                                     "title": _("Lập kế hoạch giám sát")})


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.access_plan(request.user, pk, P.MANAGE)
    form = PlanForm(request.POST or None, initial={f: getattr(plan, f) for f in services.PLAN_FIELDS})
    if submit(request, form, lambda d: services.plan_update(actor=request.user, plan=plan, **d), _("Đã lưu thay đổi.")):
        return redirect("supervision:plan", pk=plan.pk)
    return render(request, "supervision/form.html", {"form": form, "nav": "supervision", "plan": plan,
                                                     "title": _("Sửa: %(title)s") % {"title": plan.title}})


@login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.access_plan(request.user, pk)
    return render(request, "supervision/plan_detail.html", {
        "nav": "supervision", "plan": plan, "activities": selectors.plan_activities(plan),
        "can_manage": selectors.can(request.user, P.MANAGE, plan.unit),
    })


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.access_plan(request.user, pk, P.MANAGE)
    form = ActivityForm(request.POST or None)
    activity = submit(request, form, lambda d: services.activity_create(actor=request.user, plan=plan, **d),
                      _("Đã thêm cuộc giám sát vào kế hoạch."))
    if activity:
        return redirect("supervision:activity", pk=activity.pk)
    return render(request, "supervision/form.html", {"form": form, "nav": "supervision", "plan": plan,
                                                     "title": _("Thêm cuộc giám sát")})


# -- activities ----------------------------------------------------------------------------------

# The form each lifecycle step asks for, and the service it calls.
STEPS: dict[str, tuple[type[forms.Form] | None, Callable[..., Any], str]] = {
    "notify": (NotifyForm, services.activity_notify, gettext_noop("Đã ghi nhận gửi thông báo kế hoạch giám sát.")),
    "conduct": (ConductForm, services.activity_conduct,
                gettext_noop("Đã ghi nhận đoàn làm việc với đối tượng được giám sát.")),
    "conclude": (ConcludeForm, services.activity_conclude, gettext_noop("Đã ghi kết luận giám sát.")),
    "issue": (None, services.activity_issue_recommendations,
              gettext_noop("Đã gửi kiến nghị; kiến nghị được theo dõi đến khi trả lời.")),
    "close": (CloseForm, services.activity_close, gettext_noop("Đã kết thúc cuộc giám sát.")),
}
# The step offered at each stage.
NEXT_STEP = {ActivityStatus.PLANNED: "notify", ActivityStatus.NOTIFIED: "conduct",
             ActivityStatus.CONDUCTED: "conclude", ActivityStatus.CONCLUDED: "issue",
             ActivityStatus.RECOMMENDED: "close"}


def _team_people(request: HttpRequest, activity: SupervisionActivity):
    """People the cadre may put on the team: their directory, at the activity's unit and one level below."""
    return (people_visible(request.user).filter(subtree_q(activity.unit.path, "unit__path"),
                                                unit__depth__lte=activity.unit.depth + 1)
            .select_related("unit").order_by("sort_key", "id"))


def _activity_page(request: HttpRequest, activity: SupervisionActivity, **forms_given: Any) -> HttpResponse:
    manage = selectors.can(request.user, P.MANAGE, activity.unit)
    track = selectors.can(request.user, P.TRACK, activity.unit)
    step = forms_given.get("step") or (NEXT_STEP.get(ActivityStatus(activity.status)) if manage else None)
    step_form_class = STEPS[step][0] if step else None
    editable = activity.status in (ActivityStatus.PLANNED, ActivityStatus.NOTIFIED)
    recs = selectors.activity_recommendations(activity)
    today = dt.date.today()
    for r in recs:
        r.overdue = selectors.is_overdue(r, today)  # type: ignore[attr-defined]
    return render(request, "supervision/activity_detail.html", {
        "nav": "supervision", "activity": activity, "plan": activity.plan, "ActivityStatus": ActivityStatus,
        "team": selectors.activity_team(activity), "documents": selectors.activity_documents(activity),
        "recommendations": recs, "history": selectors.activity_history(request.user, activity),
        "can_manage": manage, "can_track": track, "editable": editable and manage,
        "step": step, "step_form": forms_given.get("step_form") or (step_form_class() if step_form_class else None),
        "member_form": forms_given.get("member_form") or (
            MemberForm(people=_team_people(request, activity)) if manage and editable else None),
        "document_form": forms_given.get("document_form") or (DocumentForm() if track else None),
        "recommendation_form": forms_given.get("recommendation_form") or (
            RecommendationForm(initial={"issued_on": activity.concluded_on})
            if manage and activity.status in (ActivityStatus.CONCLUDED, ActivityStatus.RECOMMENDED) else None),
        "steps": [(s.value, s.label) for s in ActivityStatus],
        "step_index": list(ActivityStatus.values).index(activity.status),
    })


@login_required
@require_GET
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _activity_page(request, selectors.access_activity(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.access_activity(request.user, pk, P.MANAGE)
    initial = {f: getattr(activity, f) for f in services.ACTIVITY_FIELDS}
    form = ActivityForm(request.POST or None, initial=initial)

    def save(data: dict[str, Any]) -> Any:
        changes = {k: v for k, v in data.items() if v != initial.get(k)}
        return services.activity_update(actor=request.user, activity=activity, **changes) if changes else activity

    if submit(request, form, save, _("Đã lưu thay đổi.")):
        return redirect("supervision:activity", pk=activity.pk)
    return render(request, "supervision/form.html", {"form": form, "nav": "supervision", "plan": activity.plan,
                                                     "activity": activity,
                                                     "title": _("Sửa: %(title)s") % {"title": activity.title}})


@login_required
@require_POST
def activity_step(request: HttpRequest, pk: int) -> HttpResponse:
    """One lifecycle button: the step's form (a date, the findings) goes to its service; a refusal is shown on
    the activity page with the form as typed."""
    activity = selectors.access_activity(request.user, pk, P.MANAGE)
    step = request.POST.get("step", "")
    if step not in STEPS:
        messages.error(request, _("Thao tác không hợp lệ."))
        return redirect("supervision:activity", pk=activity.pk)
    form_class, service, done = STEPS[step]
    if form_class is None:
        try:
            service(actor=request.user, activity=activity)
        except ValidationError as exc:
            report_errors(request, exc)
        else:
            messages.success(request, _(done))
        return redirect("supervision:activity", pk=activity.pk)
    form = form_class(request.POST)
    if submit(request, form, lambda d: service(actor=request.user, activity=activity, **d), _(done)):
        return redirect("supervision:activity", pk=activity.pk)
    activity.refresh_from_db()
    return _activity_page(request, activity, step_form=form, step=step)


@login_required
@require_POST
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.access_activity(request.user, pk, P.MANAGE)
    form = MemberForm(request.POST, people=_team_people(request, activity))
    if submit(request, form, lambda d: services.member_add(actor=request.user, activity=activity, **d),
              _("Đã thêm thành viên đoàn giám sát.")):
        return redirect("supervision:activity", pk=activity.pk)
    return _activity_page(request, activity, member_form=form)


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    member = selectors.access_member(request.user, pk, P.MANAGE)
    try:
        services.member_remove(actor=request.user, member=member)
    except ValidationError as exc:
        report_errors(request, exc)
    else:
        messages.success(request, _("Đã bỏ thành viên khỏi đoàn giám sát."))
    return redirect("supervision:activity", pk=member.activity_id)


@login_required
@require_POST
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.access_activity(request.user, pk, P.TRACK)
    form = DocumentForm(request.POST, request.FILES)
    if submit(request, form, lambda d: services.document_add(actor=request.user, activity=activity, upload=d["file"],
                                                             title=d["title"], kind=d["kind"]),
              _("Đã lưu văn bản.")):
        return redirect("supervision:activity", pk=activity.pk)
    return _activity_page(request, activity, document_form=form)


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    doc = selectors.access_document(request.user, pk)
    try:
        handle = doc.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=doc.original_name,
                            content_type=services.content_type(doc))
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def document_delete(request: HttpRequest, pk: int) -> HttpResponse:
    doc = selectors.access_document(request.user, pk, P.MANAGE)
    services.document_delete(actor=request.user, document=doc)
    messages.success(request, _("Đã xoá văn bản."))
    return redirect("supervision:activity", pk=doc.activity_id)


@login_required
@require_GET
def notification_docx(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.access_activity(request.user, pk)
    data = letters.notification_docx(activity, selectors.activity_team(activity))
    return docx_response(data, letters.notification_filename(activity))


@login_required
@require_POST
def recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.access_activity(request.user, pk, P.MANAGE)
    form = RecommendationForm(request.POST)
    if submit(request, form, lambda d: services.recommendation_add(actor=request.user, activity=activity, **d),
              _("Đã thêm kiến nghị.")):
        return redirect("supervision:activity", pk=activity.pk)
    return _activity_page(request, activity, recommendation_form=form)


# -- recommendations -----------------------------------------------------------------------------


@login_required
@require_GET
def plan_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.access_plan(request.user, pk)
    response = HttpResponse(sheets.plan_xlsx(plan, selectors.plan_activities(plan)), content_type=sheets.XLSX)
    response["Content-Disposition"] = f'attachment; filename="ke-hoach-giam-sat-{plan.pk}-{plan.year}.xlsx"'
    return response


@login_required
@require_GET
def followup_xlsx(request: HttpRequest) -> HttpResponse:
    """The follow-up list as filtered, whole (not one page): for the periodic report."""
    _require_view(request)
    form = FollowupFilter(request.GET or None)
    show = (form.cleaned_data.get("show") or Filter.OPEN) if form.is_valid() else Filter.OPEN
    year = form.cleaned_data.get("year") if form.is_valid() else None
    rows = selectors.recommendation_followup(request.user, show=show, year=year).iterator(chunk_size=500)
    response = HttpResponse(sheets.followup_xlsx(rows, dt.date.today()), content_type=sheets.XLSX)
    response["Content-Disposition"] = 'attachment; filename="theo-doi-kien-nghi.xlsx"'
    return response


@login_required
@require_GET
def followup(request: HttpRequest) -> HttpResponse:
    """Every recommendation of the reach, unanswered first by deadline (the overdue lead)."""
    _require_view(request)
    form = FollowupFilter(request.GET or None)
    show, year = Filter.OPEN, None
    if form.is_valid():
        show = form.cleaned_data.get("show") or Filter.OPEN
        year = form.cleaned_data.get("year")
    page = Paginator(selectors.recommendation_followup(request.user, show=show, year=year), PAGE_SIZE).get_page(
        request.GET.get("page"))
    today = dt.date.today()
    for r in page.object_list:
        r.overdue = selectors.is_overdue(r, today)
    return render(request, "supervision/followup.html", {
        "nav": "supervision", "page": page, "form": form, "show": show, "year": year,
        "filters": list(FILTER_LABELS.items()),
    })


def _recommendation_page(request: HttpRequest, rec: Any, **forms_given: Any) -> HttpResponse:
    manage = selectors.can(request.user, P.MANAGE, rec.unit)
    track = selectors.can(request.user, P.TRACK, rec.unit)
    today = dt.date.today()
    overdue = selectors.is_overdue(rec, today)
    escalations = selectors.recommendation_escalations(rec)
    return render(request, "supervision/recommendation_detail.html", {
        "nav": "supervision", "rec": rec, "activity": rec.activity, "overdue": overdue, "escalations": escalations,
        "can_manage": manage, "can_track": track, "history": selectors.recommendation_history(request.user, rec),
        "answer_form": forms_given.get("answer_form") or (AnswerForm(initial={
            "answered_on": rec.answered_on, "outcome": rec.outcome, "answer": rec.answer}) if track else None),
        "progress_form": forms_given.get("progress_form") or (ProgressForm(initial={
            "progress": rec.progress, "progress_note": rec.progress_note}) if track and rec.answered_on else None),
        "escalate_form": forms_given.get("escalate_form") or (EscalateForm() if manage and overdue else None),
        "working_days_left": None,
    })


@login_required
@require_GET
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _recommendation_page(request, selectors.access_recommendation(request.user, pk))


@login_required
@require_POST
def recommendation_answer(request: HttpRequest, pk: int) -> HttpResponse:
    rec = selectors.access_recommendation(request.user, pk, P.TRACK)
    form = AnswerForm(request.POST)
    if submit(request, form, lambda d: services.recommendation_answer(actor=request.user, recommendation=rec, **d),
              _("Đã ghi nhận trả lời kiến nghị.")):
        return redirect("supervision:recommendation", pk=rec.pk)
    return _recommendation_page(request, rec, answer_form=form)


@login_required
@require_POST
def recommendation_progress(request: HttpRequest, pk: int) -> HttpResponse:
    rec = selectors.access_recommendation(request.user, pk, P.TRACK)
    form = ProgressForm(request.POST)
    if submit(request, form, lambda d: services.recommendation_progress(actor=request.user, recommendation=rec, **d),
              _("Đã cập nhật tiến độ thực hiện.")):
        return redirect("supervision:recommendation", pk=rec.pk)
    return _recommendation_page(request, rec, progress_form=form)


@login_required
@require_POST
def recommendation_escalate(request: HttpRequest, pk: int) -> HttpResponse:
    rec = selectors.access_recommendation(request.user, pk, P.MANAGE)
    form = EscalateForm(request.POST)
    if submit(request, form, lambda d: services.recommendation_escalate(actor=request.user, recommendation=rec, **d),
              _("Đã chuyển kiến nghị lên Mặt trận cấp trên; văn bản gửi cơ quan cấp trên đã được soạn sẵn.")):
        return redirect("supervision:recommendation", pk=rec.pk)
    return _recommendation_page(request, rec, escalate_form=form)


@login_required
@require_GET
def escalation_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The letter of the latest escalation of the recommendation."""
    rec = selectors.access_recommendation(request.user, pk)
    escalation = next(iter(selectors.recommendation_escalations(rec)), None)
    if escalation is None:
        raise Http404
    return docx_response(letters.escalation_docx(escalation), letters.escalation_filename(escalation))
