"""The news article draft written from the event: generate it (a button) and read it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from doanket.accounts.http import AuthedRequest
from doanket.core.views import button
from doanket.events.permissions import EventPerm

from ... import selectors, services
from ...models import AFTER_HELD


@login_required
@require_http_methods(["GET", "POST"])
def article(request: AuthedRequest, pk: int) -> HttpResponse:
    event = selectors.access_event(request.user, pk)
    access = selectors.event_access(request.user, event)
    if request.method == "POST":
        selectors.require_event(request.user, event, EventPerm.MANAGE)
        return button(request, lambda: services.event_generate_article(actor=request.user, event=event),
                      _("Đã viết bản nháp bài viết từ sự kiện."), then=reverse("events:article", args=[pk]))
    paragraphs = [p for p in event.article_body.split("\n\n") if p.strip()]
    return render(request, "events/article.html", {"event": event, "access": access, "paragraphs": paragraphs,
                                                   "after_held": event.status in AFTER_HELD, "nav": "events"})


@login_required
@require_http_methods(["POST"])
def article_to_news(request: AuthedRequest, pk: int) -> HttpResponse:
    """Send the event's draft to the news workflow: it opens as a news draft of the organising unit, linked to
    the event (sending again opens the same draft)."""
    from doanket.news.services import article_create_from_event  # events must not need news at import time

    event = selectors.access_event(request.user, pk)
    selectors.require_event(request.user, event, EventPerm.MANAGE)
    made: dict[str, int] = {}

    def send() -> object:
        if event.status not in AFTER_HELD or not event.article_body:
            raise ValidationError(_("Hãy viết bản nháp bài viết từ sự kiện trước."))
        art = article_create_from_event(actor=request.user, event=event)
        made["pk"] = art.pk
        return art

    return button(request, send, _("Đã chuyển bản nháp sang mục Tin tức để biên tập và duyệt."),
                  then=lambda: redirect(reverse("news:edit", args=[made["pk"]]) if "pk" in made
                                        else reverse("events:article", args=[pk])))
