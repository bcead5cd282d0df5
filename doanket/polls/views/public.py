"""Public votes (no cadre login): the list, a poll's page and ballot, results, citizens' e-mail confirmation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from doanket.orgunits.selectors import with_full_labels

from .. import selectors, services
from ..forms import CitizenForm
from ..models import Citizen

SESSION_KEY = "doanket_citizen"


def current_citizen(request: HttpRequest) -> Citizen | None:
    pk = request.session.get(SESSION_KEY)
    return Citizen.objects.filter(pk=pk, confirmed_at__isnull=False).first() if pk else None


@require_safe
def poll_list(request: HttpRequest) -> HttpResponse:
    polls = list(selectors.public_polls()[:50])
    with_full_labels([p.unit for p in polls])  # one query; each unit named with its full path
    return render(request, "polls/public/list.html", {"polls": polls, "nav": "polls"})


@require_http_methods(["GET", "HEAD", "POST"])
def poll_detail(request: HttpRequest, pk: int) -> HttpResponse:
    poll = selectors.public_poll_get(pk)
    citizen = current_citizen(request)
    chosen: set[int] = set()
    code = ""
    if request.method == "POST":
        code = request.POST.get("code", "").strip()
        try:
            chosen = {int(v) for key in request.POST if key.startswith("option-") for v in request.POST.getlist(key)}
        except ValueError:
            chosen = set()
        try:
            services.ballot_cast(poll=poll, option_ids=chosen, citizen=None if code else citizen, code=code or None)
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
        else:
            messages.success(request, _("Cảm ơn bạn! Phiếu bình chọn của bạn đã được ghi nhận."))
            return redirect("polls_public:detail", pk=poll.pk)
    return render(request, "polls/public/detail.html", {
        "poll": poll, "groups": selectors.poll_groups(poll), "citizen": citizen, "chosen": chosen, "code": code,
        "voted": selectors.has_voted(poll, citizen), "nav": "polls",
    })


@require_safe
def poll_results(request: HttpRequest, pk: int) -> HttpResponse:
    poll = selectors.public_poll_get(pk)
    results = selectors.poll_results(poll) if poll.results_public else None
    return render(request, "polls/public/results.html", {"poll": poll, "results": results, "nav": "polls"})


def _safe_next(request: HttpRequest, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()},
                                                 require_https=request.is_secure()):
        return value
    return reverse("polls_public:list")


@require_http_methods(["GET", "HEAD", "POST"])
def citizen_start(request: HttpRequest) -> HttpResponse:
    """Enter an e-mail address; a one-time link confirms it and signs the citizen in."""
    next_url = _safe_next(request, request.GET.get("next") or request.POST.get("next"))
    form = CitizenForm(request.POST or None)
    sent = False
    if request.method == "POST" and form.is_valid():

        def link_for(token: str) -> str:
            url = reverse("polls_public:citizen_confirm", args=[token])
            return request.build_absolute_uri(f"{url}?{urlencode({'next': next_url})}")

        try:
            services.citizen_request_link(email=form.cleaned_data["email"], full_name=form.cleaned_data["full_name"],
                                          link_for=link_for)
        except ValidationError:
            form.add_error("email", _("Địa chỉ e-mail không hợp lệ."))
        else:
            sent = True
    return render(request, "polls/public/citizen_start.html", {
        "form": form, "sent": sent, "next": next_url, "citizen": current_citizen(request), "nav": "polls",
    })


@require_http_methods(["GET", "HEAD", "POST"])
def citizen_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; only the POST uses the link (mail scanners that open links do not spend it)."""
    next_url = _safe_next(request, request.GET.get("next") or request.POST.get("next"))
    try:
        services.citizen_from_token(token)
    except Http404:
        return render(request, "polls/public/citizen_confirm.html", {"invalid": True, "nav": "polls"}, status=404)
    if request.method == "POST":
        citizen = services.citizen_confirm(token=token)
        request.session.cycle_key()
        request.session[SESSION_KEY] = citizen.pk
        messages.success(request, _("Đã xác nhận e-mail %(email)s. Bạn có thể bình chọn.") % {"email": citizen.email})
        return redirect(next_url)
    return render(request, "polls/public/citizen_confirm.html", {"next": next_url, "nav": "polls"})


@require_POST
def citizen_logout(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    return redirect("polls_public:list")
