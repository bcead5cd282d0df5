"""The news article draft written from the event: generate it (a button) and read it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from doanket.core.views import button

from ... import selectors, services
from ...services._common import AFTER_HELD


@login_required
@require_http_methods(["GET", "POST"])
def article(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get(request.user, pk)
    access = selectors.event_access(request.user, event)
    if request.method == "POST":
        if not access.manage:
            raise PermissionDenied
        return button(request, lambda: services.event_generate_article(actor=request.user, event=event),
                      _("Đã viết bản nháp bài viết từ sự kiện."), then=reverse("events:article", args=[pk]))
    paragraphs = [p for p in event.article_body.split("\n\n") if p.strip()]
    return render(request, "events/article.html", {"event": event, "access": access, "paragraphs": paragraphs,
                                                   "after_held": event.status in AFTER_HELD, "nav": "events"})
