"""Cadre pages of social critique: drafts received, opinions gathered, the critique issued, the response."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doanket.accounts.selectors import user_reach
from doanket.core.views import report_errors, submit

from .. import selectors, services
from ..documents import letters
from ..forms import CritiqueForm, CritiqueIssueForm, CritiqueResponseForm, OpinionForm
from ..models import Critique, CritiqueStatus
from ..permissions import SupervisionPerm as P
from .manage import docx_response


@login_required
@require_GET
def critique_list(request: HttpRequest) -> HttpResponse:
    if user_reach(request.user, P.VIEW).is_empty:
        raise PermissionDenied
    critiques = list(selectors.critique_list(request.user))
    today = dt.date.today()
    for c in critiques:
        c.overdue = selectors.critique_overdue(c, today)  # type: ignore[attr-defined]
    return render(request, "supervision/critique_list.html", {
        "nav": "supervision", "critiques": critiques, "can_create": selectors.manage_units(request.user).exists()})


@login_required
@require_http_methods(["GET", "POST"])
def critique_create(request: HttpRequest) -> HttpResponse:
    units = selectors.manage_units(request.user)
    if not units.exists():
        raise PermissionDenied
    form = CritiqueForm(request.POST or None, units=units, conferences=selectors.conferences_for(request.user))
    critique = submit(request, form, lambda d: services.critique_create(actor=request.user, **d),
                      _("Đã tiếp nhận dự thảo để phản biện."))
    if critique:
        return redirect("supervision:critique", pk=critique.pk)
    return render(request, "supervision/form.html", {"form": form, "nav": "supervision",
                                                     "title": _("Tiếp nhận dự thảo để phản biện")})


def _page(request: HttpRequest, critique: Critique, **given) -> HttpResponse:
    manage = selectors.can(request.user, P.MANAGE, critique.unit)
    track = selectors.can(request.user, P.TRACK, critique.unit)
    received = critique.status == CritiqueStatus.RECEIVED
    return render(request, "supervision/critique_detail.html", {
        "nav": "supervision", "critique": critique, "opinions": selectors.critique_opinions(critique),
        "overdue": selectors.critique_overdue(critique), "history": selectors.critique_history(request.user, critique),
        "can_track": track and received,
        "opinion_form": given.get("opinion_form") or (OpinionForm() if track and received else None),
        "issue_form": given.get("issue_form") or (CritiqueIssueForm() if manage and received else None),
        "response_form": given.get("response_form") or (
            CritiqueResponseForm(initial={"responded_on": critique.responded_on, "outcome": critique.outcome,
                                          "response": critique.response})
            if track and not received else None),
    })


@login_required
@require_GET
def critique_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, selectors.access_critique(request.user, pk))


@login_required
@require_POST
def opinion_add(request: HttpRequest, pk: int) -> HttpResponse:
    critique = selectors.access_critique(request.user, pk, P.TRACK)
    form = OpinionForm(request.POST)
    if submit(request, form, lambda d: services.opinion_add(actor=request.user, critique=critique, **d),
              _("Đã thêm ý kiến.")):
        return redirect("supervision:critique", pk=critique.pk)
    return _page(request, critique, opinion_form=form)


@login_required
@require_POST
def opinion_remove(request: HttpRequest, pk: int) -> HttpResponse:
    opinion = selectors.access_opinion(request.user, pk, P.TRACK)
    try:
        services.opinion_remove(actor=request.user, opinion=opinion)
    except ValidationError as exc:
        report_errors(request, exc)
    else:
        messages.success(request, _("Đã bỏ ý kiến."))
    return redirect("supervision:critique", pk=opinion.critique_id)


@login_required
@require_POST
def critique_issue(request: HttpRequest, pk: int) -> HttpResponse:
    critique = selectors.access_critique(request.user, pk, P.MANAGE)
    form = CritiqueIssueForm(request.POST)
    if submit(request, form, lambda d: services.critique_issue(actor=request.user, critique=critique, **d),
              _("Đã gửi văn bản phản biện; giải trình của cơ quan soạn thảo được theo dõi.")):
        return redirect("supervision:critique", pk=critique.pk)
    return _page(request, critique, issue_form=form)


@login_required
@require_POST
def critique_response(request: HttpRequest, pk: int) -> HttpResponse:
    critique = selectors.access_critique(request.user, pk, P.TRACK)
    form = CritiqueResponseForm(request.POST)
    if submit(request, form, lambda d: services.critique_response(actor=request.user, critique=critique, **d),
              _("Đã ghi nhận giải trình, tiếp thu.")):
        return redirect("supervision:critique", pk=critique.pk)
    return _page(request, critique, response_form=form)


@login_required
@require_GET
def critique_docx(request: HttpRequest, pk: int) -> HttpResponse:
    critique = selectors.access_critique(request.user, pk)
    return docx_response(letters.critique_docx(critique, selectors.critique_opinions(critique)),
                 letters.critique_filename(critique))
