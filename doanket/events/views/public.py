"""The invitee's pages, opened with the personal code (QR or link), no login.

The code is the credential, so these pages show only what its holder may know: the event's title
and time, their own name, their answer, their QR code and — once they attended — a feedback form.
Unknown codes and events still in draft answer 404."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from doanket.core.views import button, submit

from .. import selectors, services
from ..documents.qr import qr_svg
from ..forms import FeedbackForm
from ..models import Feedback, Invitation
from ..services.attendance import FEEDBACK_STATUSES, RESPOND_STATUSES


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"  # the address holds the code
    return response


def _back(inv: Invitation) -> HttpResponse:
    return _private(redirect("events_public:invitation_public", code=inv.code))


def _can_respond(inv: Invitation) -> bool:
    return (inv.event.status in RESPOND_STATUSES and inv.event.ends_at > timezone.now()
            and inv.checked_in_at is None)


@require_http_methods(["GET", "HEAD", "POST"])
def invitation_public(request: HttpRequest, code: str) -> HttpResponse:
    inv = selectors.invitation_by_code(code)
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in ("yes", "no"):
            return _back(inv)
        return button(request, lambda: services.invitation_respond(invitation=inv, accept=answer == "yes"),
                      lambda answered: _("Cảm ơn, đã ghi nhận: %(answer)s.") % {"answer": answered.get_status_display()},
                      then=lambda: _back(inv))
    url = request.build_absolute_uri(reverse("events_public:invitation_public", args=[inv.code]))
    context = {
        "inv": inv, "event": inv.event, "qr": qr_svg(url, scale=5), "can_respond": _can_respond(inv),
        "can_feedback": inv.event.status in FEEDBACK_STATUSES and inv.checked_in_at is not None,
    }
    return _private(render(request, "events/public/invitation.html", context))


@require_http_methods(["GET", "HEAD", "POST"])
def invitation_feedback(request: HttpRequest, code: str) -> HttpResponse:
    inv = selectors.invitation_by_code(code)
    existing = Feedback.objects.filter(invitation=inv).first()
    initial = {"rating": existing.rating, "comment": existing.comment} if existing else {}
    form = FeedbackForm(request.POST or None, initial=initial)
    if submit(request, form, lambda data: services.feedback_submit(invitation=inv, rating=data["rating"],
                                                                   comment=data["comment"]),
              _("Cảm ơn đồng chí đã gửi ý kiến.")):
        return _back(inv)
    allowed = inv.event.status in FEEDBACK_STATUSES and inv.checked_in_at is not None
    return _private(render(request, "events/public/feedback.html", {"inv": inv, "event": inv.event, "form": form,
                                                                    "allowed": allowed}))


@require_safe
def invitation_public_qr(request: HttpRequest, code: str) -> HttpResponse:
    inv = selectors.invitation_by_code(code)
    url = request.build_absolute_uri(reverse("events_public:invitation_public", args=[inv.code]))
    return _private(HttpResponse(qr_svg(url, scale=6), content_type="image/svg+xml"))
