"""Staff pages for polls: the standing committee sets them up; areas hand out codes and enter paper ballots."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from doanket.accounts.http import AuthedRequest
from doanket.accounts.selectors import require_any, user_has_perm
from doanket.core.downloads import download_response
from doanket.core.views import report_errors, submit
from doanket.orgunits.selectors import unit_choices
from doanket.polls.permissions import PollPerm

from .. import exports, selectors, services
from ..forms import AreaPickForm, CodesForm, GroupForm, OptionForm, PollForm, TallyForm
from ..models import PollStatus


def _manage_units(request: AuthedRequest):
    return unit_choices(request.user, PollPerm.MANAGE, sections_only=True)


@login_required
def poll_list(request: AuthedRequest) -> HttpResponse:
    require_any(request.user, PollPerm.MANAGE, PollPerm.TALLY)
    return render(request, "polls/manage/list.html", {
        "polls": selectors.poll_list(request.user), "nav": "polls",
        "can_create": user_has_perm(request.user, PollPerm.MANAGE),
    })


@login_required
@require_http_methods(["GET", "POST"])
def poll_create(request: AuthedRequest) -> HttpResponse:
    units = _manage_units(request)
    if not units.exists():
        raise PermissionDenied
    form = PollForm(request.POST or None, units=units)
    poll = submit(request, form, lambda data: services.poll_create(actor=request.user, **data),
                  _("Đã tạo cuộc bình chọn. Hãy thêm nhóm và lựa chọn, rồi công bố."))
    if poll:
        return redirect("polls:detail", pk=poll.pk)
    return render(request, "polls/manage/form.html", {"form": form, "nav": "polls", "title": _("Tạo cuộc bình chọn")})


@login_required
@require_http_methods(["GET", "POST"])
def poll_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    poll = selectors.access_poll(request.user, pk, PollPerm.MANAGE)
    initial = {f: getattr(poll, f) for f in services.POLL_FIELDS}
    form = PollForm(request.POST or None, units=_manage_units(request), initial=initial)
    if submit(request, form, lambda data: services.poll_update(actor=request.user, poll=poll, **data),
              _("Đã lưu thay đổi.")):
        return redirect("polls:detail", pk=poll.pk)
    return render(request, "polls/manage/form.html", {"form": form, "poll": poll, "nav": "polls",
                                                      "title": _("Sửa: %(title)s") % {"title": poll.title}})


@login_required
def poll_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    poll = selectors.poll_get(request.user, pk)
    manage = selectors.can_manage(request.user, poll)
    groups = selectors.poll_groups(poll)
    areas = list(selectors.poll_areas(request.user, poll)[:2000])
    labels = selectors.area_labels(areas)
    area_qs = selectors.poll_areas(request.user, poll)
    return render(request, "polls/manage/detail.html", {
        "poll": poll, "nav": "polls", "can_manage": manage, "groups": groups, "PollStatus": PollStatus,
        "group_form": GroupForm() if manage else None,
        "option_form": OptionForm(groups=poll.groups.all()) if manage and groups else None,
        "codes_form": CodesForm(areas=area_qs, labels=labels) if areas and not poll.is_finished else None,
        "batches": selectors.batches_visible(request.user, poll),
        "results": selectors.poll_results(poll),
        "has_areas": bool(areas),
    })


@login_required
@require_POST
def poll_status(request: AuthedRequest, pk: int) -> HttpResponse:
    poll = selectors.poll_get(request.user, pk)
    action = {"open": services.poll_open, "close": services.poll_close}.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Thao tác không hợp lệ."))
        return redirect("polls:detail", pk=poll.pk)
    try:
        action(actor=request.user, poll=poll)
    except ValidationError as exc:
        report_errors(request, exc)
    else:
        messages.success(request, _("Đã công bố cuộc bình chọn.") if request.POST["action"] == "open"
                         else _("Đã kết thúc cuộc bình chọn; kết quả được công khai."))
    return redirect("polls:detail", pk=poll.pk)


@login_required
@require_POST
def group_add(request: AuthedRequest, pk: int) -> HttpResponse:
    poll = selectors.poll_get(request.user, pk)
    form = GroupForm(request.POST)
    if form.is_valid():
        try:
            services.group_add(actor=request.user, poll=poll, **form.cleaned_data)
        except ValidationError as exc:
            report_errors(request, exc)
        else:
            messages.success(request, _("Đã thêm nhóm."))
    else:
        messages.error(request, _("Hãy nhập tên nhóm và số lựa chọn tối đa (từ 1)."))
    return redirect("polls:detail", pk=poll.pk)


@login_required
@require_POST
def option_add(request: AuthedRequest, pk: int) -> HttpResponse:
    poll = selectors.poll_get(request.user, pk)
    form = OptionForm(request.POST, groups=poll.groups.all())
    if form.is_valid():
        try:
            services.option_add(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            report_errors(request, exc)
        else:
            messages.success(request, _("Đã thêm lựa chọn."))
    else:
        messages.error(request, _("Hãy chọn nhóm và nhập tên lựa chọn."))
    return redirect("polls:detail", pk=poll.pk)


@login_required
@require_POST
def group_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    group = selectors.group_get(request.user, pk)
    try:
        services.group_delete(actor=request.user, group=group)
    except ValidationError as exc:
        report_errors(request, exc)
    return redirect("polls:detail", pk=group.poll_id)


@login_required
@require_POST
def option_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    option = selectors.option_get(request.user, pk)
    try:
        services.option_delete(actor=request.user, option=option)
    except ValidationError as exc:
        report_errors(request, exc)
    return redirect("polls:detail", pk=option.group.poll_id)


@login_required
@require_POST
def codes_generate(request: AuthedRequest, pk: int) -> HttpResponse:
    poll = selectors.poll_get(request.user, pk)
    form = CodesForm(request.POST, areas=selectors.poll_areas(request.user, poll))
    if not form.is_valid():
        messages.error(request, _("Hãy chọn khu dân cư và số mã (1–5.000)."))
        return redirect("polls:detail", pk=poll.pk)
    try:
        batch = services.codes_generate(actor=request.user, poll=poll, **form.cleaned_data)
    except ValidationError as exc:
        report_errors(request, exc)
        return redirect("polls:detail", pk=poll.pk)
    messages.success(request, _("Đã tạo %(n)s mã phiếu cho %(area)s.") % {"n": batch.size, "area": batch.area.name})
    return redirect("polls:batch_print", pk=batch.pk)


@login_required
def batch_print(request: AuthedRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_get(request.user, pk)
    return render(request, "polls/manage/codes_print.html", {
        "batch": batch, "poll": batch.poll, "codes": selectors.batch_codes(batch), "nav": "polls",
        "vote_url": request.build_absolute_uri(reverse("polls_public:detail", args=[batch.poll_id])),
    })


@login_required
def batch_xlsx(request: AuthedRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_get(request.user, pk)
    # Ballot codes are credentials: the download must not stay in any cache (download_response's no-store).
    return download_response(exports.codes_workbook(batch, selectors.batch_codes(batch)),
                             f"ma-phieu-{batch.poll_id}-{batch.pk}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def tallies(request: AuthedRequest, pk: int) -> HttpResponse:
    """Paper ballots of one residential area at a time (chosen in the list), within the user's reach."""
    poll = selectors.poll_get(request.user, pk)
    area_qs = selectors.poll_areas(request.user, poll)
    areas = list(area_qs[:2000])
    labels = selectors.area_labels(areas)
    pick = AreaPickForm(request.GET or None, areas=area_qs, labels=labels)
    area = pick.cleaned_data["khu"] if pick.is_valid() else None
    form = None
    if area is not None:
        groups = selectors.poll_groups(poll)
        sheet = selectors.tally_sheet_for(poll, area)
        initial = {"ballots": sheet.ballots} if sheet else {}
        if sheet:
            initial.update({f"option_{line.option_id}": line.votes for line in sheet.lines.all()})
        form = TallyForm(request.POST or None, groups=groups, initial=initial)
        saved = submit(request, form, lambda data: services.tally_save(
            actor=request.user, poll=poll, area=area, ballots=data["ballots"], votes=form.votes()),
            _("Đã lưu biên bản kiểm phiếu của %(area)s.") % {"area": labels.get(area.pk)})
        if saved:
            return redirect(f"{request.path}?khu={area.pk}")
    return render(request, "polls/manage/tallies.html", {
        "poll": poll, "nav": "polls", "pick": pick, "area": area, "area_label": labels.get(area.pk) if area else "",
        "form": form, "sheets": selectors.tally_sheets(request.user, poll), "has_areas": bool(areas),
        "open_for_tally": poll.status != PollStatus.DRAFT,
    })


@login_required
def results_xlsx(request: AuthedRequest, pk: int) -> HttpResponse:
    poll = selectors.poll_get(request.user, pk)
    data = exports.results_workbook(selectors.poll_results(poll), selectors.paper_lines_in_reach(request.user, poll))
    return download_response(data, f"ket-qua-binh-chon-{poll.pk}.xlsx")
