"""The invitee's pages, opened with the personal code (QR or link), no login.

The code is the credential, so these pages show only what its holder may know: the event's title
and time, their own name, their answer, their QR code and — once they attended — a feedback form.
Unknown codes and events still in draft answer 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from doanket.core.ratelimit import rate_limited

from .. import selectors, services
from ..documents.qr import qr_svg
from ..forms import FeedbackForm
from ..models import Feedback, Invitation
from ..services.attendance import FEEDBACK_STATUSES, RESPOND_STATUSES

# The code is the invitee's credential: every request naming one is a guess to count, a GET as much as a POST.
CODE_METHODS = ("GET", "HEAD", "POST")


def _code(request: HttpRequest, code: str) -> str:
    return code


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"  # the address holds the code
    return response


def _can_respond(inv: Invitation) -> bool:
    return (inv.event.status in RESPOND_STATUSES and inv.event.ends_at > timezone.now()
            and inv.checked_in_at is None)


@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("invitation_code", methods=CODE_METHODS, target=_code)
def invitation_public(request: HttpRequest, code: str) -> HttpResponse:
    inv = selectors.invitation_by_code(code)
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer in ("yes", "no"):
            try:
                services.invitation_respond(invitation=inv, accept=answer == "yes")
            except ValidationError as exc:
                for m in exc.messages:
                    messages.error(request, m)
            else:
                messages.success(request, _("Cảm ơn, đã ghi nhận: %(answer)s.") % {"answer": inv.get_status_display()})
        return _private(redirect("events_public:invitation_public", code=inv.code))
    url = request.build_absolute_uri(reverse("events_public:invitation_public", args=[inv.code]))
    context = {
        "inv": inv, "event": inv.event, "qr": qr_svg(url, scale=5), "can_respond": _can_respond(inv),
        "can_feedback": inv.event.status in FEEDBACK_STATUSES and inv.checked_in_at is not None,
    }
    return _private(render(request, "events/public/invitation.html", context))


@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("invitation_code", methods=CODE_METHODS, target=_code)
def invitation_feedback(request: HttpRequest, code: str) -> HttpResponse:
    inv = selectors.invitation_by_code(code)
    existing = Feedback.objects.filter(invitation=inv).first()
    initial = {"rating": existing.rating, "comment": existing.comment} if existing else {}
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_submit(invitation=inv, rating=form.cleaned_data["rating"],
                                     comment=form.cleaned_data["comment"])
        except ValidationError as exc:
            for m in exc.messages:
                form.add_error(None, m)
        else:
            messages.success(request, _("Cảm ơn đồng chí đã gửi ý kiến."))
            return _private(redirect("events_public:invitation_public", code=inv.code))
    allowed = inv.event.status in FEEDBACK_STATUSES and inv.checked_in_at is not None
    return _private(render(request, "events/public/feedback.html", {"inv": inv, "event": inv.event, "form": form,
                                                                    "allowed": allowed}))


@require_safe
@rate_limited("invitation_code", methods=CODE_METHODS, target=_code)
def invitation_public_qr(request: HttpRequest, code: str) -> HttpResponse:
    inv = selectors.invitation_by_code(code)
    url = request.build_absolute_uri(reverse("events_public:invitation_public", args=[inv.code]))
    return _private(HttpResponse(qr_svg(url, scale=6), content_type="image/svg+xml"))
