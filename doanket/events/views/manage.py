"""Cadre pages for events: list, create/edit, the event page and its sections, check-in on the day,
attendance, conclusions, certificates, the report and the article draft.

Views are thin: selectors fetch (404 outside the reach), `event_get_managed` refuses changes without
the right (403), services write. Sections of the event page are re-rendered by HTMX after a change;
without JavaScript the same forms post and redirect back to the page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doanket.core import jobs
from doanket.core.forms import add_service_errors
from doanket.core.permissions import Permission
from doanket.events.permissions import EventPerm
from doanket.orgunits import selectors as unit_selectors
from doanket.orgunits.permissions import UnitPerm
from doanket.people import selectors as people_selectors

from .. import selectors, services
from ..documents.certificates import certificates_pdf
from ..documents.qr import qr_svg
from ..documents.reports import report_data, report_docx, report_filename, report_xlsx
from ..forms import (
    CheckInForm,
    ConcludeForm,
    EventFilter,
    EventForm,
    GuestForm,
    InvitationSearch,
    MaterialForm,
    PersonPickForm,
    ProgrammeItemForm,
    RuleForm,
    SpeakerForm,
)
from ..jobs import certificates_filename, certificates_job
from ..models import Event, EventStatus
from ..services._common import AFTER_HELD, BEFORE_CLOSE, BEFORE_HELD
from ..services.attendance import CHECKIN_STATUSES
from ..services.materials import content_type, max_bytes

PAGE_SIZE = 50
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _units(request: HttpRequest, perm: Permission):
    return unit_selectors.units_visible(request.user, perm).order_by("depth", "valid_to", "sort_key")


def _download(content: bytes, filename: str, mime: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    response["Cache-Control"] = "no-store"  # names of people: not kept by shared caches
    return response


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for m in exc.messages:
        messages.error(request, m)


def _invitation_url(request: HttpRequest, code: str) -> str:
    return request.build_absolute_uri(reverse("events_public:invitation_public", args=[code]))


# -- list, create, edit ----------------------------------------------------------------------------

@login_required
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilter(request.GET or None, years=selectors.event_years(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.event_list(request.user, status=filters.get("status") or "",
                                  event_type=filters.get("event_type"), year=filters.get("year"))
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.event_counts(request.user, page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    can_create = _units(request, EventPerm.MANAGE).exists()
    return render(request, "events/list.html", {"form": form, "page": page, "query": query.urlencode(),
                                                "can_create": can_create, "nav": "events"})


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    units = _units(request, EventPerm.MANAGE)
    if not units.exists():
        raise PermissionDenied
    form = EventForm(request.POST or None, units=units, initial={"organiser": units.first()})
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã tạo sự kiện “%(title)s” (dự thảo).") % {"title": event.title})
            return redirect("events:detail", pk=event.pk)
    return render(request, "events/form.html", {"form": form, "nav": "events", "title": _("Tạo sự kiện")})


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event, _access = selectors.event_get_managed(request.user, pk)
    fields = ("title", "event_type", "organiser", "organiser_label", "starts_at", "ends_at", "venue",
              "audience_label", "description")
    form = EventForm(request.POST or None, units=_units(request, EventPerm.MANAGE),
                     initial={f: getattr(event, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(actor=request.user, event=event, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("events:detail", pk=event.pk)
    return render(request, "events/form.html", {"form": form, "event": event, "nav": "events",
                                                "title": _("Sửa sự kiện")})


@login_required
@require_POST
def event_transition(request: HttpRequest, pk: int) -> HttpResponse:
    event, _access = selectors.event_get_managed(request.user, pk)
    to = request.POST.get("to", "")
    try:
        event = services.event_transition(actor=request.user, event=event, to=to)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Sự kiện chuyển sang “%(status)s”.") % {"status": event.get_status_display()})
    return redirect("events:detail", pk=pk)


# -- the event page ------------------------------------------------------------------------------

def _context(request: HttpRequest, event: Event, access: selectors.EventAccess, **extra: Any) -> dict[str, Any]:
    plan_open = event.status in BEFORE_CLOSE
    speakers = selectors.event_speakers(event)
    invitations = selectors.invitation_list(event, access)
    context: dict[str, Any] = {
        "event": event,
        "access": access,
        "nav": "events",
        "can_edit": access.manage and plan_open,
        "can_invite": access.manage and event.status in BEFORE_HELD,
        "after_held": event.status in AFTER_HELD,
        "checkin_now": access.checkin and event.status in CHECKIN_STATUSES,
        "transitions": [(s, EventStatus(s).label) for s in services.TRANSITIONS[event.status]] if access.manage else [],
        "programme": selectors.event_programme(event),
        "guests": selectors.event_guests(event),
        "speakers": speakers,
        "rules": selectors.event_rules(event) if access.full_view else [],
        "materials": selectors.event_materials(event),
        "counts": selectors.attendance_counts(event, access),
        "search_form": InvitationSearch(),
        "invitations": Paginator(invitations, PAGE_SIZE).get_page(1),
        "programme_form": ProgrammeItemForm(speakers=speakers),
        "speaker_form": SpeakerForm(),
        "guest_form": GuestForm(),
        "material_form": MaterialForm(),
        "max_mb": max_bytes() // (1024 * 1024),
    }
    context.update(extra)
    return context


@login_required
@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get(request.user, pk)
    access = selectors.event_access(request.user, event)
    context = _context(request, event, access, attendance=selectors.attendance(event, access),
                       feedback=selectors.feedback_summary(event, access),
                       history=selectors.event_history(request.user, event))
    return render(request, "events/detail.html", context)


def _section(request: HttpRequest, event: Event, access: selectors.EventAccess, section: str,
             **extra: Any) -> HttpResponse:
    """After a change: the section for HTMX, else back to the page at that section."""
    if _htmx(request):
        return render(request, f"events/sections/_{section}.html", _context(request, event, access, **extra))
    for form in extra.values():
        if hasattr(form, "errors"):
            for errors in form.errors.values():
                for e in errors:
                    messages.error(request, e)
    return redirect(reverse("events:detail", args=[event.pk]) + f"#{section}")


@login_required
@require_GET
def invitation_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The invitation table (HTMX search and pages)."""
    event = selectors.event_get(request.user, pk)
    access = selectors.event_access(request.user, event)
    form = InvitationSearch(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.invitation_list(event, access, query=filters.get("q") or "", status=filters.get("status") or "",
                                   present=filters.get("present") or "")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "events/_invitations.html", {
        "event": event, "access": access, "invitations": page, "query": query.urlencode(),
        "can_edit": access.manage and event.status in BEFORE_CLOSE, "after_held": event.status in AFTER_HELD})


@login_required
@require_GET
def people_search(request: HttpRequest, pk: int) -> HttpResponse:
    """People to add as guest, speaker or invitee (HTMX), from the user's directory."""
    event, _access = selectors.event_get_managed(request.user, pk)
    purpose = request.GET.get("for", "invite")
    if purpose not in ("invite", "guest", "speaker"):
        raise Http404
    query = (request.GET.get("q") or "").strip()
    people = list(people_selectors.person_directory(request.user, query=query)[:12]) if len(query) >= 2 else []
    return render(request, "events/_people_results.html", {"event": event, "people": people, "purpose": purpose,
                                                            "query": query})


# -- audience and invitations --------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def rule_add(request: HttpRequest, pk: int) -> HttpResponse:
    event, _access = selectors.event_get_managed(request.user, pk)
    form = RuleForm(request.POST or None, units=_units(request, UnitPerm.VIEW), initial={"root": event.organiser})
    if request.method == "POST" and form.is_valid():
        try:
            services.rule_add(actor=request.user, event=event, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm đối tượng mời. Bấm “Lập danh sách mời” để cập nhật danh sách."))
            return redirect(reverse("events:detail", args=[event.pk]) + "#audience")
    return render(request, "events/form.html", {"form": form, "event": event, "nav": "events",
                                                "title": _("Thêm đối tượng mời")})


@login_required
@require_POST
def rule_delete(request: HttpRequest, pk: int) -> HttpResponse:
    rule = selectors.rule_get(request.user, pk)
    try:
        services.rule_delete(actor=request.user, rule=rule)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Đã bỏ đối tượng mời. Lập lại danh sách để cập nhật."))
    return redirect(reverse("events:detail", args=[rule.event_id]) + "#audience")


@login_required
@require_POST
def invitations_build(request: HttpRequest, pk: int) -> HttpResponse:
    event, _access = selectors.event_get_managed(request.user, pk)
    try:
        result = services.invitations_build(actor=request.user, event=event)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Đã lập danh sách mời: thêm %(added)d, bớt %(removed)d, tổng cộng %(total)d người.")
                         % {"added": result.added, "removed": result.removed, "total": result.total})
    return redirect(reverse("events:detail", args=[pk]) + "#audience")


@login_required
@require_POST
def invitation_add(request: HttpRequest, pk: int) -> HttpResponse:
    event, _access = selectors.event_get_managed(request.user, pk)
    form = PersonPickForm(request.POST)
    if form.is_valid():
        person = people_selectors.person_get(request.user, form.cleaned_data["person"])
        try:
            inv = services.invitation_add(actor=request.user, event=event, person=person)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Đã mời thêm %(name)s.") % {"name": inv.person.full_name})
    return redirect(reverse("events:detail", args=[pk]) + "#invitations")


@login_required
@require_POST
def invitation_remove(request: HttpRequest, pk: int) -> HttpResponse:
    inv, access = selectors.invitation_get(request.user, pk)
    if not access.manage:
        raise PermissionDenied
    try:
        services.invitation_remove(actor=request.user, invitation=inv)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Đã bỏ %(name)s khỏi danh sách mời.") % {"name": inv.person.full_name})
    return redirect(reverse("events:detail", args=[inv.event_id]) + "#invitations")


@login_required
@require_GET
def invitation_qr(request: HttpRequest, pk: int) -> HttpResponse:
    inv, _access = selectors.invitation_get(request.user, pk)
    response = HttpResponse(qr_svg(_invitation_url(request, inv.code)), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def invitation_cards(request: HttpRequest, pk: int) -> HttpResponse:
    """Printable invitation slips with each person's QR code and personal code, 24 to a page."""
    event = selectors.event_get(request.user, pk)
    access = selectors.event_access(request.user, event)
    if not access.manage and not access.checkin:
        raise PermissionDenied
    page = Paginator(selectors.invitation_list(event, access), 24).get_page(request.GET.get("page"))
    cards = [(inv, qr_svg(_invitation_url(request, inv.code), scale=3)) for inv in page]
    return render(request, "events/cards.html", {"event": event, "page": page, "cards": cards, "nav": "events"})


# -- programme, guests, speakers, materials ------------------------------------------------------

@login_required
@require_POST
def programme_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    event, access = selectors.event_get_managed(request.user, pk)
    speakers = selectors.event_speakers(event)
    form = ProgrammeItemForm(request.POST, speakers=speakers)
    if form.is_valid():
        data = form.cleaned_data
        speaker = next((s for s in speakers if s.pk == data["speaker"]), None)
        try:
            services.programme_item_add(actor=request.user, event=event, title=data["title"], time=data["time"],
                                        speaker=speaker)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            form = ProgrammeItemForm(speakers=speakers)
    return _section(request, event, access, "programme", programme_form=form)


@login_required
@require_POST
def programme_item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.programme_item_get(request.user, pk)
    event = item.event
    try:
        services.programme_item_remove(actor=request.user, item=item)
    except ValidationError as exc:
        _errors(request, exc)
    return _section(request, event, selectors.event_access(request.user, event), "programme")


@login_required
@require_POST
def guest_add(request: HttpRequest, pk: int) -> HttpResponse:
    event, access = selectors.event_get_managed(request.user, pk)
    form = GuestForm(request.POST)
    if form.is_valid():
        person = people_selectors.person_get(request.user, form.cleaned_data["person"])
        try:
            services.guest_add(actor=request.user, event=event, person=person,
                               position_label=form.cleaned_data["position_label"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            form = GuestForm()
    return _section(request, event, access, "guests", guest_form=form)


@login_required
@require_POST
def guest_remove(request: HttpRequest, pk: int) -> HttpResponse:
    guest = selectors.guest_get(request.user, pk)
    event = guest.event
    try:
        services.guest_remove(actor=request.user, guest=guest)
    except ValidationError as exc:
        _errors(request, exc)
    return _section(request, event, selectors.event_access(request.user, event), "guests")


@login_required
@require_POST
def speaker_add(request: HttpRequest, pk: int) -> HttpResponse:
    event, access = selectors.event_get_managed(request.user, pk)
    form = SpeakerForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        person = people_selectors.person_get(request.user, data["person"]) if data.get("person") else None
        try:
            services.speaker_add(actor=request.user, event=event, person=person, full_name=data["full_name"],
                                 title=data["title"], affiliation=data["affiliation"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            form = SpeakerForm()
    return _section(request, event, access, "speakers", speaker_form=form)


@login_required
@require_POST
def speaker_remove(request: HttpRequest, pk: int) -> HttpResponse:
    speaker = selectors.speaker_get(request.user, pk)
    event = speaker.event
    try:
        services.speaker_remove(actor=request.user, speaker=speaker)
    except ValidationError as exc:
        _errors(request, exc)
    return _section(request, event, selectors.event_access(request.user, event), "speakers")


@login_required
@require_POST
def material_upload(request: HttpRequest, pk: int) -> HttpResponse:
    event, access = selectors.event_get_managed(request.user, pk)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            m = services.material_upload(actor=request.user, event=event, upload=form.cleaned_data["file"],
                                         title=form.cleaned_data["title"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã tải lên “%(name)s”.") % {"name": m.original_name})
            form = MaterialForm()
    return _section(request, event, access, "materials", material_form=form)


@login_required
@require_GET
def material_download(request: HttpRequest, pk: int) -> FileResponse:
    material = selectors.material_get(request.user, pk)
    try:
        handle = material.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=material.original_name,
                            content_type=content_type(material))
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def material_delete(request: HttpRequest, pk: int) -> HttpResponse:
    material = selectors.material_get(request.user, pk, manage=True)
    event = material.event
    try:
        services.material_delete(actor=request.user, material=material)
    except ValidationError as exc:
        _errors(request, exc)
    return _section(request, event, selectors.event_access(request.user, event), "materials")


# -- on the day: check-in ------------------------------------------------------------------------

def _checkin_access(request: HttpRequest, pk: int) -> tuple[Event, selectors.EventAccess]:
    event = selectors.event_get(request.user, pk)
    access = selectors.event_access(request.user, event)
    if not access.checkin:
        raise PermissionDenied
    return event, access


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request: HttpRequest, pk: int) -> HttpResponse:
    """The phone page at the door: scan or type a code, or tick a name."""
    event, access = _checkin_access(request, pk)
    form = CheckInForm(request.POST or None)
    result = error = None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.event_check_in(actor=request.user, event=event, code=form.cleaned_data["code"])
        except ValidationError as exc:
            error = " ".join(exc.messages)
        form = CheckInForm()
    counts = selectors.attendance_counts(event, access, checkin_scope=True)
    context = {"event": event, "access": access, "form": form, "result": result, "error": error, "counts": counts,
               "nav": "events", "oob": request.method == "POST", "checkin_open": event.status in CHECKIN_STATUSES}
    if request.method == "POST" and _htmx(request):
        return render(request, "events/_checkin_result.html", context)
    return render(request, "events/checkin.html", context)


@login_required
@require_GET
def checkin_counts(request: HttpRequest, pk: int) -> HttpResponse:
    event, access = _checkin_access(request, pk)
    return render(request, "events/_checkin_count.html",
                  {"event": event, "counts": selectors.attendance_counts(event, access, checkin_scope=True)})


@login_required
@require_GET
def checkin_search(request: HttpRequest, pk: int) -> HttpResponse:
    event, access = _checkin_access(request, pk)
    query = (request.GET.get("q") or "").strip()
    rows = selectors.checkin_list(event, access, query=query) if query else []
    return render(request, "events/_checkin_list.html", {"event": event, "rows": rows, "query": query})


@login_required
@require_POST
def invitation_checkin(request: HttpRequest, pk: int) -> HttpResponse:
    """Tick a name in the list."""
    inv, _view = selectors.invitation_get(request.user, pk)
    event = inv.event
    access = selectors.event_access(request.user, event)
    if not (access.checkin_all or access.checkin_reach.covers(inv.via_unit.path)):
        raise PermissionDenied
    result = error = None
    try:
        result = services.invitation_check_in(actor=request.user, invitation=inv)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    counts = selectors.attendance_counts(event, access, checkin_scope=True)
    context = {"event": event, "result": result, "error": error, "counts": counts, "oob": True, "nav": "events",
               "access": access, "form": CheckInForm(), "checkin_open": event.status in CHECKIN_STATUSES}
    if _htmx(request):
        return render(request, "events/_checkin_result.html", context)
    return render(request, "events/checkin.html", context)


# -- after: attendance, conclusions, documents, article ------------------------------------------

@login_required
@require_GET
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get(request.user, pk)
    access = selectors.event_access(request.user, event)
    return render(request, "events/attendance.html", {"event": event, "access": access, "nav": "events",
                                                      "attendance": selectors.attendance(event, access)})


@login_required
@require_http_methods(["GET", "POST"])
def conclude(request: HttpRequest, pk: int) -> HttpResponse:
    event, _access = selectors.event_get_managed(request.user, pk)
    guests = [g.person for g in selectors.event_guests(event)]
    people = guests + ([event.concluded_by] if event.concluded_by and event.concluded_by not in guests else [])
    form = ConcludeForm(request.POST or None, people=people, initial={
        "conclusion": event.conclusion, "concluded_by": event.concluded_by_id,
        "concluded_by_label": event.concluded_by_label})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chair = next((p for p in people if p.pk == data["concluded_by"]), None)
        try:
            services.event_conclude(actor=request.user, event=event, conclusion=data["conclusion"],
                                    concluded_by=chair, concluded_by_label=data["concluded_by_label"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi kết luận."))
            return redirect(reverse("events:detail", args=[pk]) + "#conclusion")
    return render(request, "events/form.html", {"form": form, "event": event, "nav": "events",
                                                "title": _("Kết luận của chủ trì")})


def _require_held(event: Event) -> None:
    if event.status not in AFTER_HELD:
        raise Http404


@login_required
@require_GET
def certificates(request: HttpRequest, pk: int) -> HttpResponse:
    """Certificates of all those present (that the user sees), one page each: made by the queue's
    worker when one is configured (the job page then offers the file), here otherwise."""
    event = selectors.event_get(request.user, pk)
    _require_held(event)
    access = selectors.event_access(request.user, event)
    if jobs.queue_configured():
        if not selectors.any_present(event, access):
            return _nobody_present(request, pk)
        return _certificates_job(request, event)
    present = selectors.present_invitations(event, access)
    if not present:
        return _nobody_present(request, pk)
    return _download(certificates_pdf(event, present), certificates_filename(event.pk), "application/pdf",
                     inline=True)


def _nobody_present(request: HttpRequest, pk: int) -> HttpResponse:
    messages.error(request, _("Chưa có ai được điểm danh có mặt."))
    return redirect(reverse("events:detail", args=[pk]) + "#documents")


def _certificates_job(request: HttpRequest, event: Event) -> HttpResponse:
    state = jobs.start(certificates_job, request.user.pk, event.pk, get_language(), owner_id=request.user.pk,
                       description=f"certificates event {event.pk}")
    jobs.remember(request.session, state.id, name=certificates_filename(event.pk),
                  back=reverse("events:detail", args=[event.pk]) + "#documents", nav="events")
    return redirect("importexport:job", token=state.id)


@login_required
@require_GET
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    inv, _access = selectors.invitation_get(request.user, pk)
    _require_held(inv.event)
    if inv.checked_in_at is None:
        raise Http404
    return _download(certificates_pdf(inv.event, [inv]), f"giay-chung-nhan-{inv.pk}.pdf", "application/pdf",
                     inline=True)


@login_required
@require_GET
def report_word(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get(request.user, pk)
    data = report_data(event, selectors.event_access(request.user, event))
    return _download(report_docx(data), report_filename(event, "docx"), DOCX_MIME)


@login_required
@require_GET
def report_excel(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get(request.user, pk)
    data = report_data(event, selectors.event_access(request.user, event))
    return _download(report_xlsx(data), report_filename(event, "xlsx"), XLSX_MIME)


@login_required
@require_http_methods(["GET", "POST"])
def article(request: HttpRequest, pk: int) -> HttpResponse:
    """The news article draft: generate it (POST) and read it."""
    event = selectors.event_get(request.user, pk)
    access = selectors.event_access(request.user, event)
    if request.method == "POST":
        if not access.manage:
            raise PermissionDenied
        try:
            event = services.event_generate_article(actor=request.user, event=event)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Đã viết bản nháp bài viết từ sự kiện."))
        return redirect("events:article", pk=pk)
    paragraphs = [p for p in event.article_body.split("\n\n") if p.strip()]
    return render(request, "events/article.html", {"event": event, "access": access, "paragraphs": paragraphs,
                                                   "after_held": event.status in AFTER_HELD, "nav": "events"})
