"""Citizens' pages (no account): file feedback, confirm it by e-mail, follow it by its tracking code, read
published answers and each unit's figures."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from doanket.core.forms import add_service_errors
from doanket.core.ratelimit import client_ip, rate_limited
from doanket.orgunits.models import OrgUnit

from .. import selectors, services
from ..forms import FiguresFilterForm, PetitionForm, PublicFilterForm, TrackForm
from ..models import Status

NAV = "petitions"  # the key of this domain's public_nav entry
SENT_KEY = "petitions_sent"


def _communes_with_answers():
    return OrgUnit.objects.filter(unit_type__code="commune", valid_to__isnull=True,
                                  petitions__published_at__isnull=False).distinct().order_by("sort_key")


@require_safe
def answers(request: HttpRequest) -> HttpResponse:
    """Published answers, filterable by unit, sector and period. Personal data is never shown: only the
    moderated subject and answer."""
    form = PublicFilterForm(request.GET or None, units=_communes_with_answers())
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.published_list(unit=data.get("donvi"), sector=getattr(data.get("linhvuc"), "pk", None),
                                  since=data.get("tu"), until=data.get("den"))
    page = Paginator(qs, 20).get_page(request.GET.get("trang"))
    return render(request, "petitions/public/answers.html", {"form": form, "page": page, "nav": NAV,
                                                             "track_form": TrackForm()})


@require_safe
def answer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "petitions/public/answer_detail.html", {"petition": selectors.published_get(pk), "nav": NAV})


@require_safe
def figures(request: HttpRequest) -> HttpResponse:
    form = FiguresFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.unit_figures(within=data.get("tinh"), since=data.get("tu"), until=data.get("den"))
    return render(request, "petitions/public/figures.html", {"rows": rows, "form": form, "nav": NAV,
                                                             "today": timezone.localdate()})


@require_http_methods(["GET", "HEAD", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    """The form. A first valid POST shows the similar feedback of the same commune, if any; the citizen
    then follows one of those or ticks "send mine anyway"."""
    form = PetitionForm(request.POST or None, request.FILES or None)
    similar: list = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        place = data["resolved"]
        similar = selectors.similar_petitions(place.unit, data["subject"], data["content"])
        if not similar or data["confirm_new"]:
            try:
                services.check_rate(client_ip(request))

                def link_for(token: str) -> str:
                    return request.build_absolute_uri(reverse("petitions_public:confirm", args=[token]))

                petition = services.petition_submit(
                    unit=place.unit, area=data.get("area"), kind=data["kind"], sector=data["sector"],
                    subject=data["subject"], content=data["content"], place_text=data["place"],
                    contact_name=data["contact_name"], contact_phone=data["contact_phone"],
                    contact_email=data["contact_email"], consent=data["consent"], files=data["attachments"],
                    link_for=link_for)
            except ValidationError as exc:
                add_service_errors(form, exc)
            except OSError:
                # The mail server refused or is down: nothing was written (the service is atomic).
                form.add_error(None, _("Chưa gửi được thư xác nhận tới e-mail của bạn. Phản ánh chưa được ghi nhận; "
                                       "xin hãy thử lại sau ít phút."))
            else:
                request.session[SENT_KEY] = petition.code
                return redirect("petitions_public:sent")
    return render(request, "petitions/public/form.html", {
        "form": form, "similar": similar, "nav": NAV,
        "place": form.cleaned_data.get("resolved") if form.is_bound and hasattr(form, "cleaned_data") else None})


@require_safe
def sent(request: HttpRequest) -> HttpResponse:
    code = request.session.get(SENT_KEY)
    if not code:
        return redirect("petitions_public:submit")
    return render(request, "petitions/public/sent.html", {"nav": NAV})


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; only the POST uses the link (mail scanners that open links do not spend it)."""
    try:
        petition = services.petition_from_token(token)
    except Http404:
        return render(request, "petitions/public/confirm.html", {"invalid": True, "nav": NAV}, status=404)
    if request.method == "POST":
        try:
            petition = services.petition_confirm(token=token)
        except Http404:
            return render(request, "petitions/public/confirm.html", {"invalid": True, "nav": NAV}, status=404)
        messages.success(request, _("Phản ánh của bạn đã được tiếp nhận. Hãy lưu mã tra cứu để theo dõi."))
        return redirect("petitions_public:status", code=petition.code)
    return render(request, "petitions/public/confirm.html", {"petition": petition, "nav": NAV})


@require_safe
@rate_limited("petition_code", methods=("GET", "HEAD"),
              target=lambda request: request.GET.get("code") or None)
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.GET or None)
    if form.is_valid():
        code = services.normalize_code(form.cleaned_data["code"])
        try:
            services.petition_by_code(code)
        except Http404:
            form.add_error("code", _("Không tìm thấy phản ánh với mã này. Hãy kiểm tra lại mã trong thư xác nhận "
                                     "(phản ánh chưa xác nhận e-mail chưa có trên hệ thống)."))
        else:
            return redirect("petitions_public:status", code=code)
    return render(request, "petitions/public/track.html", {"form": form, "nav": NAV}, status=200)


@require_safe
@rate_limited("petition_code", methods=("GET", "HEAD"), target=lambda request, code: code)
def status(request: HttpRequest, code: str) -> HttpResponse:
    """The petition's status page: the tracking code is the credential (only its author has it). Shows
    the steps and the answer, never the staff's names, notes or the contact details."""
    petition = services.petition_by_code(code)
    steps = selectors.timeline(petition, public=True)
    return render(request, "petitions/public/status.html", {
        "petition": petition, "steps": steps, "nav": NAV, "overdue": petition.is_overdue(timezone.localdate()),
        "answered": petition.status in (Status.ANSWERED, Status.PUBLISHED, Status.CLOSED) and petition.answer_text,
    })
