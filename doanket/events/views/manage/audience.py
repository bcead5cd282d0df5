"""Audience rules, the invitation list built from them, invitations added or removed by hand, the
people search that feeds them, and the printed invitation slips."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doanket.accounts.http import AuthedRequest
from doanket.core.views import button, submit
from doanket.events.permissions import EventPerm
from doanket.orgunits.permissions import UnitPerm
from doanket.people import selectors as people_selectors

from ... import selectors, services
from ...documents.qr import qr_svg
from ...forms import InvitationSearch, PersonPickForm, RuleForm
from ...models import AFTER_HELD, BEFORE_CLOSE
from ._common import PAGE_SIZE, detail_url, invitation_url, units


@login_required
@require_http_methods(["GET", "POST"])
def rule_add(request: AuthedRequest, pk: int) -> HttpResponse:
    event = selectors.access_event(request.user, pk, EventPerm.MANAGE)
    form = RuleForm(request.POST or None, units=units(request, UnitPerm.VIEW), initial={"root": event.organiser})
    if submit(request, form, lambda data: services.rule_add(actor=request.user, event=event, **data),
              _("Đã thêm đối tượng mời. Bấm “Lập danh sách mời” để cập nhật danh sách.")):
        return redirect(detail_url(event.pk, "audience"))
    return render(request, "events/form.html", {"form": form, "event": event, "nav": "events",
                                                "title": _("Thêm đối tượng mời")})


@login_required
@require_POST
def rule_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    rule = selectors.access_rule(request.user, pk)
    return button(request, lambda: services.rule_delete(actor=request.user, rule=rule),
                  _("Đã bỏ đối tượng mời. Lập lại danh sách để cập nhật."), then=detail_url(rule.event_id, "audience"))


@login_required
@require_POST
def invitations_build(request: AuthedRequest, pk: int) -> HttpResponse:
    event = selectors.access_event(request.user, pk, EventPerm.MANAGE)
    return button(request, lambda: services.invitations_build(actor=request.user, event=event),
                  lambda result: _("Đã lập danh sách mời: thêm %(added)d, bớt %(removed)d, tổng cộng %(total)d "
                                   "người.") % {"added": result.added, "removed": result.removed,
                                               "total": result.total},
                  then=detail_url(pk, "audience"))


@login_required
@require_GET
def invitation_list(request: AuthedRequest, pk: int) -> HttpResponse:
    """The invitation table (HTMX search and pages)."""
    event = selectors.access_event(request.user, pk)
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
def people_search(request: AuthedRequest, pk: int) -> HttpResponse:
    """People to add as guest, speaker or invitee (HTMX), from the user's directory."""
    event = selectors.access_event(request.user, pk, EventPerm.MANAGE)
    purpose = request.GET.get("for", "invite")
    if purpose not in ("invite", "guest", "speaker"):
        raise Http404
    query = (request.GET.get("q") or "").strip()
    people = list(people_selectors.person_directory(request.user, query=query)[:12]) if len(query) >= 2 else []
    return render(request, "events/_people_results.html", {"event": event, "people": people, "purpose": purpose,
                                                            "query": query})


@login_required
@require_POST
def invitation_add(request: AuthedRequest, pk: int) -> HttpResponse:
    event = selectors.access_event(request.user, pk, EventPerm.MANAGE)
    back = detail_url(pk, "invitations")
    form = PersonPickForm(request.POST)
    if not form.is_valid():
        return redirect(back)
    person = people_selectors.person_get(request.user, form.cleaned_data["person"])
    return button(request, lambda: services.invitation_add(actor=request.user, event=event, person=person),
                  lambda inv: _("Đã mời thêm %(name)s.") % {"name": inv.person.full_name}, then=back)


@login_required
@require_POST
def invitation_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    inv = selectors.access_invitation(request.user, pk, EventPerm.MANAGE)
    return button(request, lambda: services.invitation_remove(actor=request.user, invitation=inv),
                  _("Đã bỏ %(name)s khỏi danh sách mời.") % {"name": inv.person.full_name},
                  then=detail_url(inv.event_id, "invitations"))


@login_required
@require_GET
def invitation_qr(request: AuthedRequest, pk: int) -> HttpResponse:
    inv = selectors.access_invitation(request.user, pk)
    response = HttpResponse(qr_svg(invitation_url(request, inv.code)), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def invitation_cards(request: AuthedRequest, pk: int) -> HttpResponse:
    """Printable invitation slips with each person's QR code and personal code, 24 to a page."""
    event = selectors.access_event(request.user, pk)
    access = selectors.event_access(request.user, event)
    if not access.manage and not access.checkin:
        raise PermissionDenied
    page = Paginator(selectors.invitation_list(event, access), 24).get_page(request.GET.get("page"))
    cards = [(inv, qr_svg(invitation_url(request, inv.code), scale=3)) for inv in page]
    return render(request, "events/cards.html", {"event": event, "page": page, "cards": cards, "nav": "events"})
