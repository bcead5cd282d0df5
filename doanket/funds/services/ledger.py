"""Writes to the ledger: funds, receipts, transfers between levels, disbursements, reversals, month closes.

Every posting locks the fund rows it touches (in id order, so two transfers never deadlock), checks
the balance under that lock, writes the entries and moves the fund's aggregates in the same
transaction; the fund's check constraints refuse anything that would break the ledger identity or
overdraw it, should a check here ever be missed. Posted entries are never changed: a cancelled
document gets reversal entries dated the day of the correction, in an open month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doanket.accounts.selectors import require
from doanket.core.services import as_actor, validate_and_save
from doanket.core.text import normalize_text
from doanket.orgunits.models import OrgUnit

from ..models import (
    Beneficiary,
    Channel,
    Disbursement,
    DonorKind,
    Entry,
    EntryKind,
    Form,
    Fund,
    FundKind,
    House,
    PeriodClose,
    Receipt,
    ReceiptCounter,
    Transfer,
)
from ..money import check_amount, vnd
from ..permissions import FundPerm

EARLIEST = dt.date(2000, 1, 1)


# -- checks -----------------------------------------------------------------------------------------
def require_fund_perm(actor: Any, unit: OrgUnit, perm: FundPerm) -> None:
    """404 outside what the actor sees of funds, 403 when seen without `perm`. `None` is the system
    (demo loader, imports run by a job that already checked)."""
    if actor is not None:
        require(actor, unit.path, perm, seen_with=FundPerm.VIEW)


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def today() -> dt.date:
    return timezone.localdate()


def _check_day(day: Any, field: str) -> dt.date:
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise ValidationError({field: [_("Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy.")]})
    if day > today():
        raise ValidationError({field: [_("Ngày %(day)s còn ở tương lai: chỉ ghi sổ những gì đã xảy ra.")
                                       % {"day": day.strftime("%d/%m/%Y")}]})
    if day < EARLIEST:
        raise ValidationError({field: [_("Ngày quá xa trong quá khứ: hãy kiểm tra lại năm.")]})
    return day


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _check_open_period(unit: OrgUnit, day: dt.date, field: str) -> None:
    """Closing a month closes it and every month before it."""
    closed = PeriodClose.objects.filter(unit=unit, month__gte=month_of(day)).order_by("-month").first()
    if closed is not None:
        raise ValidationError({field: [_("Sổ của %(unit)s đã khoá đến hết tháng %(month)s: không ghi thêm vào "
                                         "ngày %(day)s được. Hãy ghi vào tháng đang mở.")
                                       % {"unit": unit.name, "month": closed.month.strftime("%m/%Y"),
                                          "day": day.strftime("%d/%m/%Y")}]})


def _lock(*funds: Fund) -> dict[int, Fund]:
    """The funds' rows, locked for this transaction, in id order (a fixed order: no deadlock)."""
    ids = sorted({f.pk for f in funds})
    return {f.pk: f for f in Fund.objects.select_for_update().filter(pk__in=ids).order_by("pk")}


# -- the one way an entry is written ----------------------------------------------------------------
_AGGREGATE = {EntryKind.TRANSFER_IN: "transferred_in", EntryKind.TRANSFER_OUT: "transferred_out",
              EntryKind.DISBURSEMENT: "disbursed"}


def _available(fund: Fund, form: str) -> int:
    return fund.balance_cash + fund.overdraft_limit if form == Form.CASH else fund.balance_kind


def _insufficient(fund: Fund, form: str, amount: int, field: str = "amount") -> ValidationError:
    held = fund.balance_cash if form == Form.CASH else fund.balance_kind
    what = _("tiền") if form == Form.CASH else _("hiện vật")
    return ValidationError({field: [_("Số dư %(what)s của quỹ “%(fund)s” là %(held)s đồng, không đủ để ghi %(amount)s "
                                      "đồng.") % {"what": what, "fund": fund.name, "held": vnd(held),
                                                 "amount": vnd(amount)}]})


def _post(fund: Fund, *, kind: str, form: str, amount: int, posted_on: dt.date, actor: Any, memo: str = "",
          reverses: Entry | None = None, **document: Any) -> Entry:
    """Write one entry on a locked fund and move its aggregates. `amount` is signed."""
    if amount < 0 and _available(fund, form) + amount < 0:
        raise _insufficient(fund, form, -amount)
    # Built here from checked values only; the database's constraints (sign by kind, one document) and the
    # append-only trigger hold it, so no per-field validation queries on the hot path.
    entry = Entry(fund=fund, kind=kind, form=form, amount=amount, posted_on=posted_on, reverses=reverses,
                  memo=memo[:500], created_by=_user(actor), **document)
    entry.save()
    if kind == EntryKind.RECEIPT:
        field = "received_cash" if form == Form.CASH else "received_kind"
        setattr(fund, field, getattr(fund, field) + amount)
        changed = [field]
    else:
        field = _AGGREGATE[EntryKind(kind)]
        # Outflow aggregates count what left as a positive figure.
        setattr(fund, field, getattr(fund, field) + (amount if kind == EntryKind.TRANSFER_IN else -amount))
        changed = [field]
    balance = "balance_cash" if form == Form.CASH else "balance_kind"
    setattr(fund, balance, getattr(fund, balance) + amount)
    try:
        with transaction.atomic():
            # No history row per posting: the entries are the fund's history of money; the fund's own history
            # records changes of its description.
            fund.save_without_historical_record(update_fields=[*changed, balance])  # type: ignore[attr-defined]
    except IntegrityError as exc:  # the database's own check: never a half-written ledger
        raise _insufficient(fund, form, abs(amount)) from exc
    return entry


FIGURES = ("received_cash", "received_kind", "transferred_in", "transferred_out", "disbursed", "balance_cash",
           "balance_kind")


def _copy_figures(source: Fund, target: Fund) -> None:
    """The caller's fund object shows the new balances without another query."""
    for name in FIGURES:
        setattr(target, name, getattr(source, name))


# -- funds ------------------------------------------------------------------------------------------
FUND_FIELDS = ("kind", "name", "call_text", "starts_on", "ends_on", "receiving_place", "is_public", "overdraft_limit")


@transaction.atomic
def fund_create(*, actor: Any, unit: OrgUnit, name: str, starts_on: dt.date, kind: str = FundKind.POOR,
                ends_on: dt.date | None = None, call_text: str = "", receiving_place: str = "",
                is_public: bool = True, overdraft_limit: int = 0) -> Fund:
    require_fund_perm(actor, unit, FundPerm.MANAGE)
    if unit.unit_type.code == "area":
        raise ValidationError({"unit": [_("Quỹ do Ủy ban MTTQ các cấp quản lý; khu dân cư thu qua quỹ của phường, xã.")]})
    if isinstance(overdraft_limit, bool) or not isinstance(overdraft_limit, int):
        raise ValidationError({"overdraft_limit": [_("Số tiền phải là số nguyên đồng.")]})
    fund = Fund(unit=unit, kind=kind, name=normalize_text(name), call_text=normalize_text(call_text),
                starts_on=starts_on, ends_on=ends_on, receiving_place=normalize_text(receiving_place),
                is_public=is_public, overdraft_limit=overdraft_limit)
    return validate_and_save(fund, actor)


@transaction.atomic
def fund_update(*, actor: Any, fund: Fund, **changes: Any) -> Fund:
    """Describe the fund differently; its figures move only through postings."""
    require_fund_perm(actor, fund.unit, FundPerm.MANAGE)
    fund = _lock(fund)[fund.pk]
    for field, value in changes.items():
        if field not in FUND_FIELDS:
            raise ValidationError(_("Không sửa được trường “%(field)s” của quỹ.") % {"field": field})
        setattr(fund, field, normalize_text(value) if isinstance(value, str) else value)
    return validate_and_save(fund, actor, update_fields=[f for f in changes])


# -- receipts ---------------------------------------------------------------------------------------
def _next_number(unit: OrgUnit, year: int) -> int:
    """The next receipt number of the unit's series, taken under a lock on the series' counter row. The
    counter moves in the receipt's own transaction: if the receipt is not written, neither is the number."""
    counter = ReceiptCounter.objects.select_for_update().filter(unit=unit, year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                ReceiptCounter.objects.create(unit=unit, year=year)
        except IntegrityError:
            pass  # another clerk opened the series at the same moment: use theirs
        counter = ReceiptCounter.objects.select_for_update().get(unit=unit, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


@transaction.atomic
def receipt_post(*, actor: Any, fund: Fund, amount: Any, received_on: Any, donor_kind: str, donor_name: str = "",
                 donor_address: str = "", donor_phone: str = "", form: str = Form.CASH, goods: str = "",
                 channel: str = Channel.CASH, area: OrgUnit | None = None, bank_reference: str = "",
                 note: str = "") -> Receipt:
    """Record a contribution and give it the next number of the unit's receipt series."""
    require_fund_perm(actor, fund.unit, FundPerm.POST)
    amount = check_amount(amount)
    received_on = _check_day(received_on, "received_on")
    if not fund.is_open_on(received_on):
        end = fund.ends_on.strftime("%d/%m/%Y") if fund.ends_on else "…"
        raise ValidationError({"received_on": [_("Quỹ “%(fund)s” nhận ủng hộ từ %(start)s đến %(end)s: ngày %(day)s "
                                                 "nằm ngoài thời gian này.")
                                               % {"fund": fund.name, "start": fund.starts_on.strftime("%d/%m/%Y"),
                                                  "end": end, "day": received_on.strftime("%d/%m/%Y")}]})
    _check_open_period(fund.unit, received_on, "received_on")
    if channel == Channel.AREA:
        if area is None or area.unit_type.code != "area" or not area.path.startswith(fund.unit.path):
            raise ValidationError({"area": [_("Hãy chọn khu dân cư thu (thuộc địa bàn của đơn vị quản lý quỹ).")]})
    elif area is not None:
        raise ValidationError({"area": [_("Chỉ ghi khu dân cư khi hình thức tiếp nhận là “Thu qua khu dân cư”.")]})
    if donor_kind == DonorKind.ANONYMOUS:
        donor_name = donor_address = donor_phone = ""
    elif not normalize_text(donor_name):
        raise ValidationError({"donor_name": [_("Hãy ghi tên người hoặc đơn vị ủng hộ.")]})
    if form == Form.KIND and not normalize_text(goods):
        raise ValidationError({"goods": [_("Hãy ghi rõ hiện vật nhận được.")]})
    locked = _lock(fund)[fund.pk]
    locked.unit = fund.unit
    receipt = Receipt(fund=locked, unit=locked.unit, year=received_on.year, number=0, received_on=received_on,
                      donor_kind=donor_kind, donor_name=normalize_text(donor_name),
                      donor_address=normalize_text(donor_address), donor_phone=normalize_text(donor_phone),
                      form=form, amount=amount, goods=normalize_text(goods) if form == Form.KIND else "",
                      channel=channel, area=area, bank_reference=normalize_text(bank_reference),
                      note=normalize_text(note), created_by=_user(actor))
    # Shape first (a bad receipt must not consume a number), then the number, then the row. The foreign keys
    # were fetched above and the rules between fields checked here: the database's constraints back them up
    # without a validation query each (posting is the hot path: a campaign's peak day).
    receipt.full_clean(exclude=["number", "fund", "unit", "area", "created_by"], validate_unique=False,
                       validate_constraints=False)
    receipt.number = _next_number(locked.unit, received_on.year)
    as_actor(receipt, actor).save()
    _post(locked, kind=EntryKind.RECEIPT, form=form, amount=amount, posted_on=received_on, actor=actor,
          memo=_("Biên nhận %(code)s — %(donor)s") % {"code": receipt.code, "donor": receipt.donor_label},
          receipt=receipt)
    _copy_figures(locked, fund)
    return receipt


def _reverse(entries: Iterable[Entry], funds: dict[int, Fund], *, actor: Any, memo: str) -> None:
    day = today()
    for entry in entries:
        _check_open_period(funds[entry.fund_id].unit, day, "reason")
        if hasattr(entry, "reversed_by"):
            continue
        _post(funds[entry.fund_id], kind=entry.kind, form=entry.form, amount=-entry.amount, posted_on=day,
              actor=actor, memo=memo, reverses=entry, receipt=entry.receipt, transfer=entry.transfer,
              disbursement=entry.disbursement)


def _reason(reason: str) -> str:
    reason = normalize_text(reason)
    if not reason:
        raise ValidationError({"reason": [_("Hãy ghi lý do huỷ (ví dụ: ghi nhầm số tiền).")]})
    return reason


@transaction.atomic
def receipt_cancel(*, actor: Any, receipt: Receipt, reason: str) -> Receipt:
    """Cancel a receipt: its entry is reversed today; the number stays used (never given again)."""
    require_fund_perm(actor, receipt.unit, FundPerm.MANAGE)
    reason = _reason(reason)
    receipt = Receipt.objects.select_for_update().get(pk=receipt.pk)
    if receipt.cancelled_at is not None:
        raise ValidationError(_("Biên nhận này đã huỷ trước đó."))
    funds = _lock(receipt.fund)
    _reverse(receipt.entries.filter(reverses__isnull=True), funds, actor=actor,
             memo=_("Huỷ biên nhận %(code)s: %(reason)s") % {"code": receipt.code, "reason": reason})
    receipt.cancelled_at = timezone.now()
    receipt.cancel_reason = reason[:500]
    return validate_and_save(receipt, actor, update_fields=["cancelled_at", "cancel_reason"])


# -- transfers --------------------------------------------------------------------------------------
@transaction.atomic
def transfer_post(*, actor: Any, source: Fund, target: Fund, amount: Any, transferred_on: Any,
                  form: str = Form.CASH, decision: str = "", note: str = "") -> Transfer:
    """Send money (or goods) to a fund of a level above or below: one transfer, two entries."""
    require_fund_perm(actor, source.unit, FundPerm.MANAGE)
    amount = check_amount(amount)
    transferred_on = _check_day(transferred_on, "transferred_on")
    if source.pk == target.pk:
        raise ValidationError({"target": [_("Không chuyển một quỹ cho chính nó.")]})
    src, dst = source.unit.path, target.unit.path
    if src == dst or not (src.startswith(dst) or dst.startswith(src)):
        raise ValidationError({"target": [_("Chỉ chuyển được cho quỹ của cấp trên hoặc cấp dưới trực thuộc "
                                            "(cùng một nhánh của hệ thống Mặt trận).")]})
    _check_open_period(source.unit, transferred_on, "transferred_on")
    _check_open_period(target.unit, transferred_on, "transferred_on")
    funds = _lock(source, target)
    transfer = validate_and_save(Transfer(source=funds[source.pk], target=funds[target.pk], form=form, amount=amount,
                                          transferred_on=transferred_on, decision=normalize_text(decision),
                                          note=normalize_text(note), created_by=_user(actor)), actor)
    _post(funds[source.pk], kind=EntryKind.TRANSFER_OUT, form=form, amount=-amount, posted_on=transferred_on,
          actor=actor, memo=_("Chuyển đến %(fund)s (%(unit)s)") % {"fund": target.name, "unit": target.unit.name},
          transfer=transfer)
    _post(funds[target.pk], kind=EntryKind.TRANSFER_IN, form=form, amount=amount, posted_on=transferred_on,
          actor=actor, memo=_("Nhận từ %(fund)s (%(unit)s)") % {"fund": source.name, "unit": source.unit.name},
          transfer=transfer)
    return transfer


@transaction.atomic
def transfer_cancel(*, actor: Any, transfer: Transfer, reason: str) -> Transfer:
    require_fund_perm(actor, transfer.source.unit, FundPerm.MANAGE)
    reason = _reason(reason)
    transfer = Transfer.objects.select_for_update().select_related("source__unit", "target__unit").get(pk=transfer.pk)
    if transfer.cancelled_at is not None:
        raise ValidationError(_("Lần chuyển này đã huỷ trước đó."))
    funds = _lock(transfer.source, transfer.target)
    _reverse(transfer.entries.filter(reverses__isnull=True).order_by("amount"), funds, actor=actor,
             memo=_("Huỷ chuyển quỹ: %(reason)s") % {"reason": reason})
    transfer.cancelled_at = timezone.now()
    return validate_and_save(transfer, actor, update_fields=["cancelled_at"])


# -- disbursements ----------------------------------------------------------------------------------
@transaction.atomic
def disbursement_post(*, actor: Any, fund: Fund, amount: Any, paid_on: Any, purpose: str, decision: str,
                      decision_date: Any, category: str = "", form: str = Form.CASH,
                      beneficiary: Beneficiary | None = None, house: House | None = None,
                      households: int = 1) -> Disbursement:
    """Pay support out of a fund on an approving decision. Refused beyond the balance (plus the fund's
    configured overdraft, for cash)."""
    require_fund_perm(actor, fund.unit, FundPerm.POST)
    amount = check_amount(amount)
    paid_on = _check_day(paid_on, "paid_on")
    decision_date = _check_day(decision_date, "decision_date")
    if decision_date > paid_on:
        raise ValidationError({"decision_date": [_("Ngày quyết định phải trước hoặc cùng ngày chi.")]})
    if not normalize_text(decision):
        raise ValidationError({"decision": [_("Hãy ghi số, ngày của quyết định phê duyệt khoản chi.")]})
    if house is not None:
        beneficiary = beneficiary or house.beneficiary
        if not house.unit.path.startswith(fund.unit.path):
            raise ValidationError({"house": [_("Công trình không thuộc địa bàn của đơn vị quản lý quỹ.")]})
    if beneficiary is not None:
        if not beneficiary.unit.path.startswith(fund.unit.path):
            raise ValidationError({"beneficiary": [_("Hộ này không thuộc địa bàn của đơn vị quản lý quỹ.")]})
        category = category or beneficiary.category
        households = 1
    if not category:
        raise ValidationError({"category": [_("Hãy chọn diện hỗ trợ.")]})
    _check_open_period(fund.unit, paid_on, "paid_on")
    locked = _lock(fund)[fund.pk]
    if _available(locked, form) < amount:
        raise _insufficient(locked, form, amount)
    disbursement = validate_and_save(Disbursement(
        fund=locked, form=form, amount=amount, paid_on=paid_on, beneficiary=beneficiary, house=house,
        category=category, households=households, purpose=normalize_text(purpose), decision=normalize_text(decision),
        decision_date=decision_date, created_by=_user(actor)), actor)
    _post(locked, kind=EntryKind.DISBURSEMENT, form=form, amount=-amount, posted_on=paid_on, actor=actor,
          memo=disbursement.purpose, disbursement=disbursement)
    _copy_figures(locked, fund)
    return disbursement


@transaction.atomic
def disbursement_cancel(*, actor: Any, disbursement: Disbursement, reason: str) -> Disbursement:
    require_fund_perm(actor, disbursement.fund.unit, FundPerm.MANAGE)
    reason = _reason(reason)
    disbursement = Disbursement.objects.select_for_update().get(pk=disbursement.pk)
    if disbursement.cancelled_at is not None:
        raise ValidationError(_("Khoản chi này đã huỷ trước đó."))
    funds = _lock(disbursement.fund)
    _reverse(disbursement.entries.filter(reverses__isnull=True), funds, actor=actor,
             memo=_("Huỷ khoản chi: %(reason)s") % {"reason": reason})
    disbursement.cancelled_at = timezone.now()
    return validate_and_save(disbursement, actor, update_fields=["cancelled_at"])


# -- month close ------------------------------------------------------------------------------------
@transaction.atomic
def period_close(*, actor: Any, unit: OrgUnit, month: dt.date) -> PeriodClose:
    """Close a month (and with it every month before): no posting can be dated in it any more."""
    require_fund_perm(actor, unit, FundPerm.MANAGE)
    month = month_of(month)
    if month >= month_of(today()):
        raise ValidationError({"month": [_("Chỉ khoá sổ được tháng đã kết thúc.")]})
    if PeriodClose.objects.filter(unit=unit, month__gte=month).exists():
        raise ValidationError({"month": [_("Tháng %(month)s đã khoá sổ.") % {"month": month.strftime("%m/%Y")}]})
    close = PeriodClose(unit=unit, month=month, closed_by=_user(actor))
    return validate_and_save(close, actor)


def entry_refuse_edit(*, actor: Any, entry: Entry) -> None:
    """What an attempt to edit a posted entry gets (API PATCH/DELETE): a refusal that says what to do."""
    as_actor(entry, actor)
    raise ValidationError(_("Bút toán đã ghi sổ không được sửa hay xoá. Hãy huỷ chứng từ để ghi bút toán đảo, "
                            "rồi ghi lại cho đúng."))
