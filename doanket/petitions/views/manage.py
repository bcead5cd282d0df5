"""Cadres' pages: the inbox of the reach, intake, and a petition's page with one form per step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doanket.accounts.http import AuthedRequest
from doanket.accounts.selectors import user_has_perm, user_reach
from doanket.core.forms import add_service_errors
from doanket.core.text import mask
from doanket.core.views import report_errors, submit
from doanket.events.models import Event
from doanket.events.selectors import events_visible
from doanket.orgunits.models import OrgUnit

from .. import documents, selectors, services
from ..forms import (
    AnswerForm,
    ForwardForm,
    InboxFilterForm,
    IntakeForm,
    NoteForm,
    PublishForm,
    RouteForm,
    ScreenForm,
)
from ..models import AttachmentKind, Petition, Status
from ..permissions import PetitionPerm
from ..services.attachments import CONTENT_TYPES
from ..services.handling import VOTER_MEETING_TYPE
from ..workdays import skipped_holidays

NAV = "petitions"
PAGE_SIZE = 50
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_view(request: AuthedRequest) -> None:
    if not user_has_perm(request.user, PetitionPerm.VIEW):
        raise PermissionDenied


@login_required
def inbox(request: AuthedRequest) -> HttpResponse:
    _require_view(request)
    form = InboxFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    flt = selectors.InboxFilter(status=data.get("trang_thai") or "", overdue=bool(data.get("qua_han")),
                                sector=getattr(data.get("linh_vuc"), "pk", None), q=data.get("q") or "")
    page = Paginator(selectors.inbox(request.user, flt), PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(request, "petitions/manage/inbox.html", {
        "form": form, "page": page, "nav": NAV, "today": timezone.localdate(), "query": query.urlencode(),
        "counts": selectors.petition_counts_for(request.user),
        "can_intake": user_has_perm(request.user, PetitionPerm.HANDLE),
        "can_publish": user_has_perm(request.user, PetitionPerm.PUBLISH),
    })


def _intake_units(request: AuthedRequest):
    return (OrgUnit.objects.filter(user_reach(request.user, PetitionPerm.HANDLE).q("path"), valid_to__isnull=True)
            .exclude(unit_type__code="area").select_related("unit_type"))


@login_required
@require_http_methods(["GET", "POST"])
def intake(request: AuthedRequest) -> HttpResponse:
    units = _intake_units(request)
    if not user_has_perm(request.user, PetitionPerm.HANDLE):
        raise PermissionDenied
    meetings = (events_visible(request.user).filter(event_type__code=VOTER_MEETING_TYPE)
                .select_related("organiser").order_by("-starts_at")[:100])
    form = IntakeForm(request.POST or None, units=units, events=Event.objects.filter(pk__in=meetings.values("pk"))
                      .order_by("-starts_at"))
    petition = submit(request, form, lambda data: services.petition_intake(actor=request.user, **data),
                      lambda p: _("Đã tiếp nhận phản ánh %(code)s.") % {"code": p.code_display})
    if petition:
        return redirect("petitions:detail", pk=petition.pk)
    return render(request, "petitions/manage/form.html", {"form": form, "nav": NAV, "title": _("Tiếp nhận phản ánh")})


def _detail(request: AuthedRequest, petition: Petition, status: int = 200, **bound: forms.Form) -> HttpResponse:
    user = request.user
    handle = selectors.can(user, petition, PetitionPerm.HANDLE)
    publish = selectors.can(user, petition, PetitionPerm.PUBLISH)
    contact = selectors.can(user, petition, PetitionPerm.CONTACT)
    today = timezone.localdate()
    open_ = petition.is_open
    forms_: dict[str, Any] = {}
    if handle and open_:
        forms_["screen_form"] = bound.get("screen") or ScreenForm(initial={
            "kind": petition.kind, "sector": petition.sector_id, "outcome": Status.SCREENED})
        forms_["route_form"] = bound.get("route") or RouteForm(units=selectors.route_targets(user, petition))
        forms_["forward_form"] = bound.get("forward") or ForwardForm()
        forms_["answer_form"] = bound.get("answer") or AnswerForm()
    if publish and petition.status == Status.ANSWERED:
        forms_["publish_form"] = bound.get("publish") or PublishForm(initial={
            "subject": petition.subject, "public_answer": petition.public_answer or petition.answer_text})
    if contact and request.method == "GET" and (petition.contact_phone or petition.contact_email):
        services.petition_contact_viewed(actor=user, petition=petition)
    shown = {
        "name": petition.contact_name if contact else mask(petition.contact_name, 1, 0),
        "phone": petition.contact_phone if contact else mask(petition.contact_phone),
        "email": petition.contact_email if contact else mask(petition.contact_email, 2, 4),
    }
    holidays = skipped_holidays(petition.forwarded_on or timezone.localtime(petition.received_at).date(),
                                petition.deadline) if petition.deadline and petition.received_at else []
    return render(request, "petitions/manage/detail.html", {
        "petition": petition, "nav": NAV, "steps": selectors.timeline(petition), "contact": shown,
        "attachments": selectors.attachments_of(petition), "cluster": selectors.cluster(petition),
        "overdue": petition.is_overdue(today), "holidays": holidays, "can_handle": handle, "can_publish": publish,
        "note_form": NoteForm(), "Status": Status, "can_contact": contact, **forms_,
    }, status=status)


@login_required
@require_GET
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.access_petition(request.user, pk))


def _act(request: AuthedRequest, pk: int, perm: PetitionPerm, key: str, form: forms.Form,
         action: Callable[[Petition, dict[str, Any]], Any], success: str) -> HttpResponse:
    """One step on a petition's page: valid form → service → back to the page; errors on the form."""
    petition = selectors.access_petition(request.user, pk, perm)
    if form.is_valid():
        try:
            action(petition, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("petitions:detail", pk=petition.pk)
    messages.error(request, _("Chưa thực hiện được: hãy xem lỗi ở biểu mẫu bên dưới."))
    return _detail(request, petition, status=400, **{key: form})


@login_required
@require_POST
def screen(request: AuthedRequest, pk: int) -> HttpResponse:
    def action(petition: Petition, data: dict[str, Any]) -> Any:
        duplicate = None
        if data["outcome"] == Status.DUPLICATE:
            code = services.normalize_code(data["duplicate_code"])
            duplicate = selectors.petitions_visible(request.user).filter(code=code).first() if code else None
            if duplicate is None:
                raise ValidationError({"duplicate_code": [_("Không tìm thấy phản ánh có mã này trong phạm vi của bạn.")]})
        return services.petition_screen(actor=request.user, petition=petition, outcome=data["outcome"],
                                        note=data["note"], kind=data["kind"], sector=data["sector"],
                                        duplicate_of=duplicate)

    return _act(request, pk, PetitionPerm.HANDLE, "screen", ScreenForm(request.POST), action, _("Đã ghi kết quả phân loại."))


@login_required
@require_POST
def route(request: AuthedRequest, pk: int) -> HttpResponse:
    petition = selectors.access_petition(request.user, pk, PetitionPerm.HANDLE)
    form = RouteForm(request.POST, units=selectors.route_targets(request.user, petition))
    return _act(request, pk, PetitionPerm.HANDLE, "route", form,
                lambda p, d: services.petition_route(actor=request.user, petition=p, **d), _("Đã chuyển phản ánh."))


@login_required
@require_POST
def forward(request: AuthedRequest, pk: int) -> HttpResponse:
    return _act(request, pk, PetitionPerm.HANDLE, "forward", ForwardForm(request.POST),
                lambda p, d: services.petition_forward(actor=request.user, petition=p, **d),
                _("Đã chuyển cơ quan có thẩm quyền; hạn trả lời đã được tính theo ngày làm việc."))


@login_required
@require_POST
def answer(request: AuthedRequest, pk: int) -> HttpResponse:
    return _act(request, pk, PetitionPerm.HANDLE, "answer", AnswerForm(request.POST, request.FILES),
                lambda p, d: services.petition_answer(actor=request.user, petition=p, **d),
                _("Đã ghi nhận trả lời và gửi e-mail cho người gửi (nếu có e-mail)."))


@login_required
@require_POST
def publish(request: AuthedRequest, pk: int) -> HttpResponse:
    return _act(request, pk, PetitionPerm.PUBLISH, "publish", PublishForm(request.POST),
                lambda p, d: services.petition_publish(actor=request.user, petition=p, **d),
                _("Đã công khai trả lời."))


STATE_ACTIONS = {
    "acknowledge": (PetitionPerm.HANDLE, lambda actor, p, note: services.petition_acknowledge(actor=actor, petition=p)),
    "close": (PetitionPerm.HANDLE, lambda actor, p, note: services.petition_close(actor=actor, petition=p, note=note)),
    "reopen": (PetitionPerm.HANDLE, lambda actor, p, note: services.petition_reopen(actor=actor, petition=p, note=note)),
    "withdraw": (PetitionPerm.HANDLE,
                 lambda actor, p, note: services.petition_withdraw(actor=actor, petition=p, note=note)),
    "hide": (PetitionPerm.PUBLISH, lambda actor, p, note: services.petition_hide(actor=actor, petition=p, note=note)),
    "erase": (PetitionPerm.CONTACT, lambda actor, p, note: services.petition_erase_contact(actor=actor, petition=p)),
}


@login_required
@require_POST
def change_state(request: AuthedRequest, pk: int) -> HttpResponse:
    entry = STATE_ACTIONS.get(request.POST.get("action", ""))
    petition = selectors.access_petition(request.user, pk, entry[0] if entry else PetitionPerm.HANDLE)
    if entry is None:
        messages.error(request, _("Thao tác không hợp lệ."))
        return redirect("petitions:detail", pk=petition.pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        entry[1](request.user, petition, note)
    except ValidationError as exc:
        report_errors(request, exc)
    else:
        messages.success(request, _("Đã cập nhật trạng thái."))
    return redirect("petitions:detail", pk=petition.pk)


@login_required
@require_POST
def publish_many(request: AuthedRequest) -> HttpResponse:
    """Publish the ticked answered petitions with their current public wording."""
    if not user_has_perm(request.user, PetitionPerm.PUBLISH):
        raise PermissionDenied
    ids = [int(v) for v in request.POST.getlist("ids") if v.isdigit() and int(v) < 2**63]
    chosen = list(selectors.petitions_visible(request.user, PetitionPerm.PUBLISH).filter(pk__in=ids[:500])
                  .select_related("unit"))
    done, errors = services.petitions_publish(actor=request.user, petitions=chosen)
    if done:
        messages.success(request, _("Đã công khai %(n)s trả lời.") % {"n": done})
    for error in errors[:20]:
        messages.error(request, error)
    if not chosen:
        messages.error(request, _("Hãy đánh dấu các phản ánh đã có trả lời cần công khai."))
    return redirect("petitions:inbox")


@login_required
@require_GET
def attachment_download(request: AuthedRequest, pk: int) -> FileResponse:
    attachment = selectors.access_attachment(request.user, pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=attachment.original_name,
                            content_type=CONTENT_TYPES.get(AttachmentKind(attachment.kind), "application/octet-stream"))
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def forwarding_letter(request: AuthedRequest, pk: int) -> HttpResponse:
    """The dated forwarding letter (Decree 30 layout) for a petition that was forwarded."""
    petition = selectors.access_petition(request.user, pk)
    if not petition.authority_name:
        messages.error(request, _("Phản ánh chưa được chuyển cơ quan có thẩm quyền."))
        return redirect("petitions:detail", pk=petition.pk)
    response = HttpResponse(documents.forwarding_letter(petition), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="chuyen-phan-anh-{petition.code}.docx"'
    return response


class AnswersImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"),
                           help_text=_("Ba cột: Mã tra cứu, Nội dung trả lời, Ngày nhận trả lời (dd/mm/yyyy)."))


@login_required
@require_http_methods(["GET", "POST"])
def answers_import(request: AuthedRequest) -> HttpResponse:
    """Import answers received in bulk; every bad row is listed and nothing is written."""
    if not user_has_perm(request.user, PetitionPerm.HANDLE):
        raise PermissionDenied
    form = AnswersImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.answers_import(actor=request.user, data=form.cleaned_data["file"].read())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận %(n)s trả lời.") % {"n": count})
            return redirect("petitions:inbox")
    return render(request, "petitions/manage/import.html", {"form": form, "nav": NAV})


@login_required
@require_GET
def answers_template(request: AuthedRequest) -> HttpResponse:
    if not user_has_perm(request.user, PetitionPerm.HANDLE):
        raise PermissionDenied
    response = HttpResponse(services.template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-tra-loi.xlsx"'
    return response
