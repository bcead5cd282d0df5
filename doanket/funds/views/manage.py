"""Cadre pages of the funds: the ledger of each fund, receipts (with their PDF), transfers, disbursements,
beneficiaries (masked, unmasked views logged), Great Unity houses and the monthly close."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from doanket.accounts.selectors import user_has_perm
from doanket.core import jobs
from doanket.core.views import report_errors, submit

from .. import selectors, services
from ..documents import receipt_pdf, receipts_pdf
from ..exports import ledger_xlsx
from ..forms import (
    BeneficiaryForm,
    BudgetForm,
    CancelForm,
    CloseForm,
    DisbursementForm,
    EraseForm,
    FundEditForm,
    FundForm,
    HouseForm,
    ImportForm,
    MilestoneForm,
    ReceiptForm,
    TransferForm,
)
from ..jobs import fund_receipts_for_print, receipts_filename, receipts_job
from ..permissions import FundPerm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NAV = "funds"


def _require_view(request: HttpRequest) -> None:
    if not user_has_perm(request.user, FundPerm.VIEW):
        raise PermissionDenied


@login_required
def fund_list(request: HttpRequest) -> HttpResponse:
    _require_view(request)
    return render(request, "funds/manage/list.html", {
        "funds": selectors.fund_list(request.user)[:500], "nav": NAV,
        "can_create": user_has_perm(request.user, FundPerm.MANAGE),
        "houses": selectors.houses_visible(request.user)[:50],
    })


@login_required
@require_http_methods(["GET", "POST"])
def fund_create(request: HttpRequest) -> HttpResponse:
    units = selectors.units_for(request.user, FundPerm.MANAGE)
    if not units.exists():
        raise PermissionDenied
    form = FundForm(request.POST or None, units=units)
    fund = submit(request, form, lambda d: services.fund_create(actor=request.user, **d), _("Đã mở quỹ."))
    if fund:
        return redirect("funds:detail", pk=fund.pk)
    return render(request, "funds/manage/form.html", {"form": form, "nav": NAV, "title": _("Mở quỹ, đợt vận động")})


@login_required
def fund_detail(request: HttpRequest, pk: int) -> HttpResponse:
    fund = selectors.access_fund(request.user, pk)
    user = request.user
    return render(request, "funds/manage/detail.html", {
        "fund": fund, "nav": NAV, "entries": selectors.fund_entries(fund),
        "receipts": selectors.fund_receipts(fund), "transfers": selectors.fund_transfers(fund),
        "disbursements": selectors.fund_disbursements(fund),
        "can_post": selectors.can(user, fund.unit, FundPerm.POST),
        "can_manage": selectors.can(user, fund.unit, FundPerm.MANAGE),
        "close_form": CloseForm(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def fund_edit(request: HttpRequest, pk: int) -> HttpResponse:
    fund = selectors.access_fund(request.user, pk, FundPerm.MANAGE)
    initial = {f: getattr(fund, f) for f in services.FUND_FIELDS}
    form = FundEditForm(request.POST or None, initial=initial)
    if submit(request, form, lambda d: services.fund_update(actor=request.user, fund=fund, **d), _("Đã lưu thay đổi.")):
        return redirect("funds:detail", pk=fund.pk)
    return render(request, "funds/manage/form.html", {"form": form, "fund": fund, "nav": NAV,
                                                      "title": _("Sửa thông tin quỹ")})


@login_required
def fund_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    fund = selectors.access_fund(request.user, pk)
    response = HttpResponse(ledger_xlsx(fund), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="so-quy-{fund.pk}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def receipt_create(request: HttpRequest, pk: int) -> HttpResponse:
    fund = selectors.access_fund(request.user, pk, FundPerm.POST)
    form = ReceiptForm(request.POST or None, areas=selectors.areas_of(fund.unit))
    receipt = submit(request, form, lambda d: services.receipt_post(actor=request.user, fund=fund, **d),
                     lambda r: _("Đã ghi biên nhận số %(code)s.") % {"code": r.code})
    if receipt:
        return redirect("funds:receipt", pk=receipt.pk)
    return render(request, "funds/manage/form.html", {"form": form, "fund": fund, "nav": NAV,
                                                      "title": _("Ghi nhận ủng hộ")})


@login_required
def receipts_print(request: HttpRequest, pk: int) -> HttpResponse:
    """All the fund's receipts, one per page: made by the queue's worker when one is configured (the job
    page then offers the file), here otherwise."""
    fund = selectors.access_fund(request.user, pk)
    if jobs.queue_configured():
        state = jobs.start(receipts_job, request.user.pk, fund.pk, get_language(), owner_id=request.user.pk,
                           description=f"receipts fund {fund.pk}")
        jobs.remember(request.session, state.id, name=receipts_filename(fund.pk),
                      back=reverse("funds:detail", args=[fund.pk]), nav=NAV)
        return redirect("importexport:job", token=state.id)
    receipts = fund_receipts_for_print(fund)
    if not receipts:
        report_errors(request, ValidationError(_("Quỹ chưa có biên nhận nào.")))
        return redirect("funds:detail", pk=fund.pk)
    response = HttpResponse(receipts_pdf(receipts), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{receipts_filename(fund.pk)}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def receipt_import(request: HttpRequest, pk: int) -> HttpResponse:
    fund = selectors.access_fund(request.user, pk, FundPerm.POST)
    form = ImportForm(request.POST or None, request.FILES or None)
    done = submit(request, form, lambda d: services.receipts_import(
        actor=request.user, fund=fund, data=d["file"].read(), default_channel=d["channel"]),
        lambda receipts: _("Đã nhập %(n)s biên nhận.") % {"n": len(receipts)})
    if done:
        return redirect("funds:detail", pk=fund.pk)
    return render(request, "funds/manage/form.html", {"form": form, "fund": fund, "nav": NAV,
                                                      "title": _("Nhập biên nhận từ tệp Excel")})


@login_required
def receipt_detail(request: HttpRequest, pk: int) -> HttpResponse:
    receipt = selectors.access_receipt(request.user, pk)
    return render(request, "funds/manage/receipt.html", {
        "receipt": receipt, "nav": NAV, "cancel_form": CancelForm(),
        "can_manage": selectors.can(request.user, receipt.unit, FundPerm.MANAGE),
    })


@login_required
def receipt_print(request: HttpRequest, pk: int) -> HttpResponse:
    receipt = selectors.access_receipt(request.user, pk)
    response = HttpResponse(receipt_pdf(receipt), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-nhan-{receipt.year}-{receipt.number}.pdf"'
    return response


def _cancel(request: HttpRequest, obj, service, back: str) -> HttpResponse:
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            service(reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            report_errors(request, exc)
        else:
            from django.contrib import messages

            messages.success(request, _("Đã huỷ và ghi bút toán đảo."))
    else:
        report_errors(request, ValidationError(_("Hãy ghi lý do huỷ.")))
    return redirect(back, pk=obj.pk)


@login_required
@require_POST
def receipt_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    receipt = selectors.access_receipt(request.user, pk, FundPerm.MANAGE)
    return _cancel(request, receipt, lambda reason: services.receipt_cancel(
        actor=request.user, receipt=receipt, reason=reason), "funds:receipt")


@login_required
@require_http_methods(["GET", "POST"])
def transfer_create(request: HttpRequest, pk: int) -> HttpResponse:
    fund = selectors.access_fund(request.user, pk, FundPerm.MANAGE)
    form = TransferForm(request.POST or None, targets=selectors.transfer_targets(request.user, fund))
    transfer = submit(request, form, lambda d: services.transfer_post(actor=request.user, source=fund, **d),
                      _("Đã ghi chuyển quỹ."))
    if transfer:
        return redirect("funds:detail", pk=fund.pk)
    return render(request, "funds/manage/form.html", {"form": form, "fund": fund, "nav": NAV,
                                                      "title": _("Chuyển quỹ cho cấp khác")})


@login_required
@require_POST
def transfer_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    transfer = selectors.access_transfer(request.user, pk, FundPerm.MANAGE)
    _cancel(request, transfer, lambda reason: services.transfer_cancel(
        actor=request.user, transfer=transfer, reason=reason), "funds:detail")
    return redirect("funds:detail", pk=transfer.source_id)


@login_required
@require_http_methods(["GET", "POST"])
def disbursement_create(request: HttpRequest, pk: int) -> HttpResponse:
    fund = selectors.access_fund(request.user, pk, FundPerm.POST)
    from doanket.core.reach import subtree_q

    in_unit = subtree_q(fund.unit.path, "unit__path")
    form = DisbursementForm(request.POST or None,
                            beneficiaries=selectors.beneficiaries_visible(request.user).filter(in_unit),
                            houses=selectors.houses_visible(request.user).filter(in_unit))
    form.fields["beneficiary"].label_from_instance = (  # type: ignore[attr-defined]
        lambda b: f"{selectors.household_view(request.user, b).head_name} — {b.get_category_display()}")
    done = submit(request, form, lambda d: services.disbursement_post(actor=request.user, fund=fund, **d),
                  _("Đã ghi khoản chi."))
    if done:
        return redirect("funds:detail", pk=fund.pk)
    return render(request, "funds/manage/form.html", {"form": form, "fund": fund, "nav": NAV,
                                                      "title": _("Chi hỗ trợ")})


@login_required
@require_POST
def disbursement_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    disbursement = selectors.access_disbursement(request.user, pk, FundPerm.MANAGE)
    _cancel(request, disbursement, lambda reason: services.disbursement_cancel(
        actor=request.user, disbursement=disbursement, reason=reason), "funds:detail")
    return redirect("funds:detail", pk=disbursement.fund_id)


@login_required
@require_POST
def period_close(request: HttpRequest, pk: int) -> HttpResponse:
    fund = selectors.access_fund(request.user, pk, FundPerm.MANAGE)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            close = services.period_close(actor=request.user, unit=fund.unit, month=form.cleaned_data["month"])
        except ValidationError as exc:
            report_errors(request, exc)
        else:
            from django.contrib import messages

            messages.success(request, _("Đã khoá sổ đến hết tháng %(m)s.") % {"m": close.month.strftime("%m/%Y")})
    else:
        report_errors(request, ValidationError(list(form.errors.get("month", []))))
    return redirect("funds:detail", pk=fund.pk)


# -- beneficiaries ----------------------------------------------------------------------------------
@login_required
def beneficiary_list(request: HttpRequest) -> HttpResponse:
    _require_view(request)
    rows = list(selectors.beneficiaries_visible(request.user).order_by("unit__path", "id")[:500])
    return render(request, "funds/manage/beneficiaries.html", {
        "rows": [(b, selectors.household_view(request.user, b)) for b in rows], "nav": NAV,
        "can_post": user_has_perm(request.user, FundPerm.POST),
    })


@login_required
@require_http_methods(["GET", "POST"])
def beneficiary_create(request: HttpRequest) -> HttpResponse:
    from doanket.accounts.selectors import user_reach
    from doanket.orgunits.models import OrgUnit

    units = (OrgUnit.objects.filter(user_reach(request.user, FundPerm.POST).q("path"), unit_type__code="area")
             .order_by("path"))
    if user_reach(request.user, FundPerm.POST).is_empty:
        raise PermissionDenied
    form = BeneficiaryForm(request.POST or None, units=units)
    done = submit(request, form, lambda d: services.beneficiary_create(actor=request.user, **d),
                  _("Đã ghi hộ được hỗ trợ."))
    if done:
        return redirect("funds:beneficiary", pk=done.pk)
    return render(request, "funds/manage/form.html", {"form": form, "nav": NAV, "title": _("Thêm hộ được hỗ trợ")})


@login_required
def beneficiary_detail(request: HttpRequest, pk: int) -> HttpResponse:
    beneficiary = selectors.access_beneficiary(request.user, pk)
    view = selectors.household_view(request.user, beneficiary)
    if view.unmasked:
        services.beneficiary_viewed(actor=request.user, beneficiary=beneficiary)
    return render(request, "funds/manage/beneficiary.html", {
        "b": beneficiary, "view": view, "nav": NAV, "erase_form": EraseForm(),
        "disbursements": beneficiary.disbursements.select_related("fund").order_by("-paid_on")[:100],
        "can_manage": selectors.can(request.user, beneficiary.unit, FundPerm.MANAGE),
    })


@login_required
@require_POST
def beneficiary_erase(request: HttpRequest, pk: int) -> HttpResponse:
    beneficiary = selectors.access_beneficiary(request.user, pk, FundPerm.MANAGE)
    form = EraseForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Cần ghi lý do xoá dữ liệu."))
        services.beneficiary_erase(actor=request.user, beneficiary=beneficiary, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        report_errors(request, exc)
    return redirect("funds:beneficiary", pk=beneficiary.pk)


# -- houses -----------------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def house_create(request: HttpRequest) -> HttpResponse:
    units = selectors.units_for(request.user, FundPerm.MANAGE)
    unit = units.first()
    if unit is None:
        raise PermissionDenied
    from doanket.core.reach import subtree_q

    beneficiaries = selectors.beneficiaries_visible(request.user).filter(subtree_q(unit.path, "unit__path"))
    form = HouseForm(request.POST or None, beneficiaries=beneficiaries)
    form.fields["beneficiary"].label_from_instance = (  # type: ignore[attr-defined]
        lambda b: f"{selectors.household_view(request.user, b).head_name} — {b.unit.name}")
    house = submit(request, form, lambda d: services.house_create(actor=request.user, unit=unit, **d),
                   _("Đã ghi công trình nhà Đại đoàn kết."))
    if house:
        return redirect("funds:house", pk=house.pk)
    return render(request, "funds/manage/form.html", {"form": form, "nav": NAV,
                                                      "title": _("Nhà Đại đoàn kết mới")})


@login_required
def house_detail(request: HttpRequest, pk: int) -> HttpResponse:
    house = selectors.access_house(request.user, pk)
    budget = list(house.budget.all())
    paid = selectors.ledger_totals(
        selectors.Entry.objects.filter(disbursement__house=house)).disbursed
    return render(request, "funds/manage/house.html", {
        "house": house, "nav": NAV, "budget": budget, "budget_total": sum(b.amount for b in budget),
        "milestones": list(house.milestones.all()), "paid_from_funds": paid,
        "household": selectors.household_view(request.user, house.beneficiary),
        "can_manage": selectors.can(request.user, house.unit, FundPerm.MANAGE),
        "budget_form": BudgetForm(), "milestone_form": MilestoneForm(),
    })


@login_required
@require_POST
def house_budget(request: HttpRequest, pk: int) -> HttpResponse:
    house = selectors.access_house(request.user, pk, FundPerm.MANAGE)
    form = BudgetForm(request.POST)
    if submit(request, form, lambda d: services.budget_add(actor=request.user, house=house, **d),
              _("Đã ghi nguồn kinh phí.")) is None:
        report_errors(request, ValidationError([str(e) for errs in form.errors.values() for e in errs]))
    return redirect("funds:house", pk=house.pk)


@login_required
@require_POST
def house_milestone(request: HttpRequest, pk: int) -> HttpResponse:
    house = selectors.access_house(request.user, pk, FundPerm.MANAGE)
    form = MilestoneForm(request.POST, request.FILES)
    if submit(request, form, lambda d: services.milestone_record(actor=request.user, house=house, **d),
              _("Đã ghi mốc công trình.")) is None:
        report_errors(request, ValidationError([str(e) for errs in form.errors.values() for e in errs]))
    return redirect("funds:house", pk=house.pk)
