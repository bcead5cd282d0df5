"""Reads of funds: the cadres' (through their reach), the public disclosure (computed from the entries
themselves) and the checks that the maintained balances equal the ledger."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.http import Http404

from doanket.accounts.selectors import require, user_reach
from doanket.core.reach import subtree_q
from doanket.core.text import mask
from doanket.orgunits.models import OrgUnit

from .models import (
    Beneficiary,
    Disbursement,
    Entry,
    EntryKind,
    Form,
    Fund,
    House,
    HouseholdCategory,
    HouseStatus,
    Receipt,
    Transfer,
)
from .permissions import FundPerm


# -- cadres: fetch within the reach, then authorise -------------------------------------------------
def funds_visible(user: Any) -> QuerySet[Fund]:
    return Fund.objects.filter(user_reach(user, FundPerm.VIEW).q("unit__path"))


def fund_list(user: Any) -> QuerySet[Fund]:
    return funds_visible(user).select_related("unit").order_by("unit__path", "-starts_on", "id")


def _authorise(user: Any, obj: Any, unit: OrgUnit, perm: FundPerm) -> Any:
    if perm != FundPerm.VIEW:
        require(user, unit.path, perm, seen_with=FundPerm.VIEW)
    return obj


def access_fund(user: Any, pk: int, perm: FundPerm = FundPerm.VIEW) -> Fund:
    fund = funds_visible(user).select_related("unit", "unit__unit_type").filter(pk=pk).first()
    if fund is None:
        raise Http404
    return _authorise(user, fund, fund.unit, perm)


def access_receipt(user: Any, pk: int, perm: FundPerm = FundPerm.VIEW) -> Receipt:
    receipt = (Receipt.objects.filter(user_reach(user, FundPerm.VIEW).q("unit__path"), pk=pk)
               .select_related("fund", "unit", "area", "created_by").first())
    if receipt is None:
        raise Http404
    return _authorise(user, receipt, receipt.unit, perm)


def access_transfer(user: Any, pk: int, perm: FundPerm = FundPerm.VIEW) -> Transfer:
    """A transfer is seen from both sides; only its sender may cancel it."""
    reach = user_reach(user, FundPerm.VIEW)
    transfer = (Transfer.objects.filter(reach.q("source__unit__path") | reach.q("target__unit__path"), pk=pk)
                .select_related("source__unit", "target__unit").first())
    if transfer is None:
        raise Http404
    return _authorise(user, transfer, transfer.source.unit, perm)


def access_disbursement(user: Any, pk: int, perm: FundPerm = FundPerm.VIEW) -> Disbursement:
    disbursement = (Disbursement.objects.filter(user_reach(user, FundPerm.VIEW).q("fund__unit__path"), pk=pk)
                    .select_related("fund__unit", "beneficiary", "house").first())
    if disbursement is None:
        raise Http404
    return _authorise(user, disbursement, disbursement.fund.unit, perm)


def access_beneficiary(user: Any, pk: int, perm: FundPerm = FundPerm.VIEW) -> Beneficiary:
    beneficiary = (Beneficiary.objects.filter(user_reach(user, FundPerm.VIEW).q("unit__path"), pk=pk)
                   .select_related("unit").first())
    if beneficiary is None:
        raise Http404
    return _authorise(user, beneficiary, beneficiary.unit, perm)


def access_house(user: Any, pk: int, perm: FundPerm = FundPerm.VIEW) -> House:
    house = (House.objects.filter(user_reach(user, FundPerm.VIEW).q("unit__path"), pk=pk)
             .select_related("unit", "beneficiary").first())
    if house is None:
        raise Http404
    return _authorise(user, house, house.unit, perm)


def access_entry(user: Any, pk: int) -> Entry:
    entry = Entry.objects.filter(user_reach(user, FundPerm.VIEW).q("fund__unit__path"), pk=pk).first()
    if entry is None:
        raise Http404
    return entry


def can(user: Any, unit: OrgUnit, perm: FundPerm) -> bool:
    return user_reach(user, perm).covers(unit.path)


def fund_entries(fund: Fund, *, limit: int = 200) -> list[Entry]:
    return list(fund.entries.select_related("receipt", "transfer", "disbursement", "reverses")
                .order_by("-posted_on", "-id")[:limit])


def fund_receipts(fund: Fund, *, limit: int = 200) -> list[Receipt]:
    return list(fund.receipts.select_related("area").order_by("-year", "-number")[:limit])


def fund_transfers(fund: Fund) -> list[Transfer]:
    return list(Transfer.objects.filter(Q(source=fund) | Q(target=fund))
                .select_related("source__unit", "target__unit").order_by("-transferred_on", "-id")[:200])


def fund_disbursements(fund: Fund, *, limit: int = 200) -> list[Disbursement]:
    return list(fund.disbursements.select_related("beneficiary", "house").order_by("-paid_on", "-id")[:limit])


def transfer_targets(user: Any, fund: Fund) -> QuerySet[Fund]:
    """Funds a transfer from `fund` may go to: of the levels above it and of the units below it."""
    step = OrgUnit.steplen
    path = fund.unit.path
    ancestors = [path[: step * i] for i in range(1, len(path) // step)]
    return (Fund.objects.filter(Q(unit__path__in=ancestors) | (subtree_q(path, "unit__path") & ~Q(unit__path=path)))
            .select_related("unit").order_by("unit__path", "name"))


def beneficiaries_visible(user: Any) -> QuerySet[Beneficiary]:
    return Beneficiary.objects.filter(user_reach(user, FundPerm.VIEW).q("unit__path")).select_related("unit")


def houses_visible(user: Any) -> QuerySet[House]:
    return (House.objects.filter(user_reach(user, FundPerm.VIEW).q("unit__path"))
            .select_related("unit", "beneficiary").order_by("-created_at", "-id"))


def units_for(user: Any, perm: FundPerm) -> QuerySet[OrgUnit]:
    return (OrgUnit.objects.filter(user_reach(user, perm).q("path")).exclude(unit_type__code="area")
            .select_related("unit_type").order_by("depth", "valid_to", "sort_key"))


def areas_of(unit: OrgUnit) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(subtree_q(unit.path), unit_type__code="area").order_by("path")


# -- personal data ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class HouseholdView:
    """A household as a reader may see it: masked unless they hold VIEW_PRIVATE over its unit."""

    pk: int
    head_name: str
    address: str
    phone: str
    id_number: str
    category: str
    members: int
    unmasked: bool


def household_view(user: Any, beneficiary: Beneficiary) -> HouseholdView:
    private = can(user, beneficiary.unit, FundPerm.VIEW_PRIVATE) and beneficiary.erased_at is None
    if private:
        return HouseholdView(beneficiary.pk, beneficiary.head_name, beneficiary.address, beneficiary.phone,
                             beneficiary.id_number, beneficiary.get_category_display(), beneficiary.members, True)
    return HouseholdView(beneficiary.pk, mask_name(beneficiary.head_name), mask(beneficiary.address, 0, 8),
                         mask(beneficiary.phone, 2, 2), mask(beneficiary.id_number, 3, 2),
                         beneficiary.get_category_display(), beneficiary.members, False)


def mask_name(name: str) -> str:
    """"Nguyễn Văn An" → "N. V. An": enough for a cadre to tell households apart, not to name them."""
    words = name.split()
    if len(words) <= 1:
        return name[:1] + "." if name else ""
    return " ".join(w[0] + "." for w in words[:-1]) + " " + words[-1]


# -- the ledger's own figures -------------------------------------------------------------------------
@dataclass
class Totals:
    """What a fund (or a unit's funds) received, moved and spent, in đồng, summed from the entries."""

    received_cash: int = 0
    received_kind: int = 0
    transferred_in: int = 0
    transferred_out: int = 0
    disbursed: int = 0
    balance_cash: int = 0
    balance_kind: int = 0

    @property
    def received(self) -> int:
        return self.received_cash + self.received_kind

    @property
    def balance(self) -> int:
        return self.balance_cash + self.balance_kind


def _add(totals: Totals, kind: str, form: str, amount: int) -> None:
    if kind == EntryKind.RECEIPT:
        if form == Form.CASH:
            totals.received_cash += amount
        else:
            totals.received_kind += amount
    elif kind == EntryKind.TRANSFER_IN:
        totals.transferred_in += amount
    elif kind == EntryKind.TRANSFER_OUT:
        totals.transferred_out -= amount
    else:
        totals.disbursed -= amount
    if form == Form.CASH:
        totals.balance_cash += amount
    else:
        totals.balance_kind += amount


def ledger_totals(entries: QuerySet[Entry]) -> Totals:
    """One grouped query over the entries."""
    totals = Totals()
    for row in entries.order_by().values("kind", "form").annotate(s=Sum("amount")):
        _add(totals, row["kind"], row["form"], row["s"] or 0)
    return totals


def aggregates_match(fund: Fund) -> bool:
    """The maintained balances equal the sum of the fund's entries (tests and the bench check this)."""
    fund.refresh_from_db()
    t = ledger_totals(fund.entries.all())
    return (t.received_cash, t.received_kind, t.transferred_in, t.transferred_out, t.disbursed, t.balance_cash,
            t.balance_kind) == (fund.received_cash, fund.received_kind, fund.transferred_in, fund.transferred_out,
                                fund.disbursed, fund.balance_cash, fund.balance_kind)


# -- public disclosure (Decree 93/2021, Art. 14) ----------------------------------------------------
def public_funds() -> QuerySet[Fund]:
    return Fund.objects.filter(is_public=True).select_related("unit")


def public_fund_get(pk: int) -> Fund:
    fund = public_funds().filter(pk=pk).first()
    if fund is None:
        raise Http404
    return fund


def public_unit_get(pk: int) -> OrgUnit:
    unit = OrgUnit.objects.filter(pk=pk, funds__is_public=True).distinct().first()
    if unit is None:
        raise Http404
    return unit


@dataclass
class CategoryLine:
    category: str
    households: int
    total: int
    lowest: int
    highest: int


@dataclass
class MonthLine:
    month: dt.date
    totals: Totals = field(default_factory=Totals)


@dataclass
class Disclosure:
    fund: Fund
    totals: Totals
    months: list[MonthLine]
    categories: list[CategoryLine]
    houses_built: int
    houses_building: int
    receipts: int


def disclosure(fund: Fund) -> Disclosure:
    """Everything published about a fund, summed from its entries (not from the maintained aggregates, nor
    from the documents), so the published figures are the ledger's. Beneficiaries appear only as categories
    with the number of households and the support levels."""
    entries = Entry.objects.filter(fund=fund)
    totals = ledger_totals(entries)
    by_month: dict[dt.date, MonthLine] = {}
    rows = (entries.order_by().annotate(m=TruncMonth("posted_on")).values("m", "kind", "form")
            .annotate(s=Sum("amount")).order_by("m"))
    for row in rows:
        month = row["m"].date() if isinstance(row["m"], dt.datetime) else row["m"]
        line = by_month.setdefault(month, MonthLine(month))
        _add(line.totals, row["kind"], row["form"], row["s"] or 0)
    # Support levels: what each disbursement still carries after reversals (a cancelled one nets to 0).
    net = (Entry.objects.filter(fund=fund, kind=EntryKind.DISBURSEMENT).order_by().values("disbursement_id")
           .annotate(s=Sum("amount")))
    paid = {row["disbursement_id"]: -row["s"] for row in net if row["s"]}
    per_category: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for d in Disbursement.objects.filter(pk__in=list(paid)).values("pk", "category", "households"):
        per_category[d["category"]].append((paid[d["pk"]], d["households"]))
    categories = []
    for value, label in HouseholdCategory.choices:
        lines = per_category.get(value)
        if not lines:
            continue
        levels = [amount // n for amount, n in lines]
        categories.append(CategoryLine(str(label), sum(n for _a, n in lines), sum(a for a, _n in lines),
                                       min(levels), max(levels)))
    houses = (House.objects.filter(disbursements__fund=fund, disbursements__cancelled_at__isnull=True)
              .distinct().aggregate(built=Count("pk", filter=Q(status=HouseStatus.HANDED_OVER), distinct=True),
                                    building=Count("pk", filter=Q(status=HouseStatus.BUILDING), distinct=True)))
    receipts = Receipt.objects.filter(fund=fund, cancelled_at__isnull=True).count()
    return Disclosure(fund, totals, list(by_month.values()), categories, houses["built"] or 0,
                      houses["building"] or 0, receipts)


@dataclass
class UnitDisclosure:
    unit: OrgUnit
    funds: list[tuple[Fund, Totals]]
    totals: Totals


def unit_disclosure(unit: OrgUnit) -> UnitDisclosure:
    """The public funds of one unit, each with its totals (one grouped query for all of them)."""
    funds = list(Fund.objects.filter(unit=unit, is_public=True).order_by("-starts_on", "id"))
    per_fund: dict[int, Totals] = {f.pk: Totals() for f in funds}
    overall = Totals()
    rows = (Entry.objects.filter(fund__in=funds).order_by().values("fund_id", "kind", "form")
            .annotate(s=Sum("amount")))
    for row in rows:
        _add(per_fund[row["fund_id"]], row["kind"], row["form"], row["s"] or 0)
        _add(overall, row["kind"], row["form"], row["s"] or 0)
    return UnitDisclosure(unit, [(f, per_fund[f.pk]) for f in funds], overall)


def disclosure_units() -> QuerySet[OrgUnit]:
    """Units with at least one public fund, for the public index."""
    return (OrgUnit.objects.filter(funds__is_public=True).distinct().select_related("unit_type")
            .order_by("path"))


def chart_scale(months: list[MonthLine]) -> int:
    """The largest monthly figure, for the receipts-and-spending chart."""
    return max([max(m.totals.received, m.totals.disbursed, 1) for m in months] or [1])


