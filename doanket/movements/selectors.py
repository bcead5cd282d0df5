"""Reads of campaigns and evaluations: what the user may see (their reach), the roll-up of results up
the tree (a fixed number of grouped queries per level, merged units counted with their successors),
and titles held several consecutive years."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Length, Substr
from django.http import Http404

from doanket.accounts.selectors import require, user_reach
from doanket.core.reach import subtree_q
from doanket.orgunits.models import WHOLE_TRANSFER_KINDS, LineageLink, OrgUnit

from .models import (
    Activity,
    Adoption,
    Campaign,
    CriteriaSet,
    Decision,
    Household,
    Indicator,
    IndicatorKind,
    LocalTarget,
    Meeting,
    Photo,
    Registration,
    RegistrationStatus,
    Result,
    TitleKind,
)
from .permissions import MovementPerm

AREA = "area"
FESTIVAL_EVENT_TYPE = "ngay-hoi-dai-doan-ket"
STEP = OrgUnit.steplen


def ancestor_paths(path: str) -> list[str]:
    """The path of the unit and of every unit above it."""
    return [path[: STEP * i] for i in range(1, len(path) // STEP + 1)]


# -- campaigns --------------------------------------------------------------------------------------
def campaigns_visible(user: Any) -> QuerySet[Campaign]:
    """Campaigns launched in the user's reach or above it (the units below carry them out)."""
    reach = user_reach(user, MovementPerm.VIEW)
    if reach.everything:
        return Campaign.objects.all()
    above = {p for prefix in reach.prefixes for p in ancestor_paths(prefix)}
    return Campaign.objects.filter(reach.q("unit__path") | Q(unit__path__in=above))


def campaign_list(user: Any) -> QuerySet[Campaign]:
    return campaigns_visible(user).select_related("unit").order_by("-starts_on", "-id")


def access_campaign(user: Any, pk: int, perm: MovementPerm = MovementPerm.VIEW) -> Campaign:
    """The campaign if the user sees it (else 404) and, for another permission, holds it over the
    launching unit (else 403)."""
    campaign = campaigns_visible(user).select_related("unit").filter(pk=pk).first()
    if campaign is None:
        raise Http404
    if perm != MovementPerm.VIEW and not user_reach(user, perm).covers(campaign.unit.path):
        raise PermissionDenied
    return campaign


def can_manage(user: Any, campaign: Campaign) -> bool:
    return user_reach(user, MovementPerm.MANAGE).covers(campaign.unit.path)


def manage_units(user: Any, campaign: Campaign | None = None) -> QuerySet[OrgUnit]:
    """Units (not areas) where the user may launch or roll out campaigns, within the campaign's subtree."""
    qs = OrgUnit.objects.filter(user_reach(user, MovementPerm.MANAGE).q("path"))
    if campaign is not None:
        qs = qs.filter(subtree_q(campaign.unit.path))
    return qs.select_related("unit_type").order_by("depth", "sort_key")


def access_area(user: Any, campaign: Campaign, pk: int, perm: MovementPerm = MovementPerm.VIEW) -> OrgUnit:
    """A residential area of the campaign's territory in the user's reach (else 404); 403 when the
    user sees it but may not `perm` there."""
    area = (OrgUnit.objects.filter(user_reach(user, MovementPerm.VIEW).q("path"), unit_type__code=AREA, pk=pk)
            .filter(subtree_q(campaign.unit.path)).select_related("unit_type").first())
    if area is None:
        raise Http404
    if perm != MovementPerm.VIEW:
        require(user, area.path, perm, seen_with=MovementPerm.VIEW)
    return area


def indicators_for(campaign: Campaign, unit: OrgUnit) -> list[Indicator]:
    """The campaign's indicators that apply at `unit`: set by the launching unit or by a unit above `unit`."""
    return list(campaign.indicators.filter(unit__path__in=ancestor_paths(unit.path)).select_related("unit"))


def effective_targets(indicators: list[Indicator], unit: OrgUnit) -> dict[int, int | None]:
    """Target per indicator at `unit`: the nearest unit's own target, else the indicator's."""
    found: dict[int, tuple[int, int]] = {}
    for lt in LocalTarget.objects.filter(indicator__in=indicators, unit__path__in=ancestor_paths(unit.path)) \
            .values("indicator_id", "target", "unit__depth"):
        if lt["indicator_id"] not in found or found[lt["indicator_id"]][0] < lt["unit__depth"]:
            found[lt["indicator_id"]] = (lt["unit__depth"], lt["target"])
    return {i.pk: found[i.pk][1] if i.pk in found else i.target for i in indicators}


def is_adopted(campaign: Campaign, unit: OrgUnit) -> bool:
    return Adoption.objects.filter(campaign=campaign, unit=unit).exists()


def area_results(campaign: Campaign, area: OrgUnit) -> dict[int, Result]:
    return {r.indicator_id: r for r in Result.objects.filter(campaign=campaign, area=area)}


def area_activities(campaign: Campaign, area: OrgUnit) -> QuerySet[Activity]:
    return (Activity.objects.filter(campaign=campaign, area=area)
            .prefetch_related("branches__organisation", "photos").order_by("-held_on", "-id"))


def access_photo(user: Any, pk: int) -> Photo:
    photo = (Photo.objects.filter(user_reach(user, MovementPerm.VIEW).q("activity__area__path"), pk=pk)
             .select_related("activity").first())
    if photo is None:
        raise Http404
    return photo


# -- roll-up ----------------------------------------------------------------------------------------
@dataclass
class IndicatorProgress:
    indicator: Indicator
    total: int = 0  # sum of the areas' numbers, or areas answering "yes"
    met: int = 0  # areas that reached their target
    reported: int = 0  # areas that gave a value


@dataclass
class UnitProgress:
    unit: OrgUnit
    areas: int = 0  # residential areas carrying out the campaign
    silent: int = 0  # of them, areas that reported nothing (no value, no activity)
    activities: int = 0
    festivals: int = 0  # Ngày hội Đại đoàn kết events of the areas in the period
    indicators: dict[int, IndicatorProgress] = field(default_factory=dict)

    def share(self, indicator_id: int) -> int | None:
        """Per cent of the areas that reached the target of the indicator (None without areas)."""
        progress = self.indicators.get(indicator_id)
        if not self.areas or progress is None:
            return None
        return round(100 * progress.met / self.areas)


@dataclass
class Rollup:
    unit: OrgUnit
    indicators: list[Indicator]
    rows: list[UnitProgress]
    total: UnitProgress


def _successor_buckets(children: list[OrgUnit], on: dt.date) -> list[tuple[str, str]]:
    """(predecessor path, child path) for units merged or renamed, transitively, into a child (or a unit
    below it) by `on`: their records count with that child. One query per lineage generation."""
    child_of = {c.path: c.path for c in children}

    def child_for(path: str) -> str | None:
        return next((c for c in child_of if path.startswith(c)), None)

    pairs: list[tuple[str, str]] = []
    frontier = {c.path for c in children}
    seen: set[str] = set(frontier)
    for _generation in range(5):
        if not frontier:
            break
        cond = Q()
        for p in frontier:
            cond |= subtree_q(p, "successor__path")
        links = LineageLink.objects.filter(cond, kind__in=WHOLE_TRANSFER_KINDS, effective_date__lte=on) \
            .values_list("predecessor__path", "successor__path")
        frontier = set()
        for pred, succ in links:
            target = child_for(succ) or next((c for p, c in pairs if succ.startswith(p)), None)
            if target is None or pred in seen or child_for(pred) == target:
                continue
            pairs.append((pred, target))
            seen.add(pred)
            frontier.add(pred)
    # Deeper predecessors first, so a unit merged inside a merged unit follows the nearest link.
    return sorted(pairs, key=lambda pc: -len(pc[0]))


def _bucket(children_len: int, pairs: list[tuple[str, str]], path_field: str) -> Any:
    """SQL expression naming the child each row counts with: a successor's for merged units, else the
    prefix of the row's unit path at the children's level."""
    default = Substr(path_field, 1, children_len)
    if not pairs:
        return default
    whens = [When(subtree_q(pred, path_field), then=Value(child)) for pred, child in pairs]
    return Case(*whens, default=default, output_field=CharField())


# A long function on purpose: the roll-up's grouped queries and their merge per level, kept together so
# the query count is visible.
def progress(campaign: Campaign, unit: OrgUnit, *, on: dt.date | None = None) -> Rollup:  # noqa: C901
    """Progress of the campaign in the units directly below `unit` (its areas for a commune), each with
    what its whole subtree reported. A fixed number of queries whatever the number of units: the
    children, lineage (per generation), then one grouped query each for results, areas and
    activities, and Ngày hội events."""
    on = on or dt.date.today()
    indicators = indicators_for(campaign, unit)
    children = list(OrgUnit.objects.filter(subtree_q(unit.path), depth=unit.depth + 1)
                    .select_related("unit_type").order_by("valid_to", "sort_key"))
    if not children:  # an area: its own row
        children = [unit]
    length = len(children[0].path)
    pairs = _successor_buckets(children, on)
    scope = subtree_q(unit.path, "area__path")
    for pred, _child in pairs:
        scope |= subtree_q(pred, "area__path")

    rows = {c.path: UnitProgress(unit=c, indicators={i.pk: IndicatorProgress(i) for i in indicators})
            for c in children}
    numeric = [i.pk for i in indicators if i.kind != IndicatorKind.TEXT]

    # 1. Results: sums and areas that met their target (the nearest unit's own target, else the indicator's).
    own_target = LocalTarget.objects.filter(
        indicator=OuterRef("indicator"),
        unit__path=Substr(OuterRef("area__path"), 1, Length("unit__path")),
    ).order_by("-unit__depth").values("target")[:1]
    target = Coalesce(Subquery(own_target), "indicator__target")
    met = Case(
        When(Q(indicator__kind=IndicatorKind.YESNO, value_bool=True), then=Value(1)),
        When(Q(indicator__kind=IndicatorKind.NUMBER, value_number__isnull=False)
             & Q(value_number__gte=target), then=Value(1)),
        default=Value(0), output_field=IntegerField())
    yes = Case(When(value_bool=True, then=Value(1)), default=Value(0), output_field=IntegerField())
    results = (Result.objects.filter(scope, campaign=campaign, indicator__in=[i.pk for i in indicators])
               .annotate(bucket=_bucket(length, pairs, "area__path"))
               .values("bucket", "indicator_id")
               .annotate(n=Sum("value_number"), yes=Sum(yes), met=Sum(met), reported=Count("id")))
    for r in results:
        row = rows.get(r["bucket"])
        if row is None or r["indicator_id"] not in row.indicators:
            continue
        p = row.indicators[r["indicator_id"]]
        kind = p.indicator.kind
        p.total = (r["n"] or 0) if kind == IndicatorKind.NUMBER else (r["yes"] or 0)
        p.met = (r["met"] or 0) if r["indicator_id"] in numeric else 0
        p.reported = r["reported"]

    # 2. Areas carrying out the campaign, and those without any value or activity.
    unit_scope = subtree_q(unit.path, "unit__path")
    for pred, _child in pairs:
        unit_scope |= subtree_q(pred, "unit__path")
    active = Q(Exists(Result.objects.filter(campaign=campaign, area=OuterRef("unit")))) | Q(
        Exists(Activity.objects.filter(campaign=campaign, area=OuterRef("unit"))))
    silent = Case(When(active, then=Value(0)), default=Value(1), output_field=IntegerField())
    areas = (Adoption.objects.filter(unit_scope, campaign=campaign, unit__unit_type__code=AREA)
             .annotate(bucket=_bucket(length, pairs, "unit__path"))
             .values("bucket").annotate(n=Count("id"), silent=Sum(silent)))
    for a in areas:
        if a["bucket"] in rows:
            rows[a["bucket"]].areas = a["n"]
            rows[a["bucket"]].silent = a["silent"] or 0

    # 3. Activities.
    for a in (Activity.objects.filter(scope, campaign=campaign)
              .annotate(bucket=_bucket(length, pairs, "area__path")).values("bucket").annotate(n=Count("id"))):
        if a["bucket"] in rows:
            rows[a["bucket"]].activities = a["n"]

    # 4. Ngày hội Đại đoàn kết held by the areas in the campaign's period (events domain).
    from doanket.events.models import Event

    event_scope = subtree_q(unit.path, "organiser__path")
    for pred, _child in pairs:
        event_scope |= subtree_q(pred, "organiser__path")
    for e in (Event.objects.filter(event_scope, event_type__code=FESTIVAL_EVENT_TYPE,
                                   organiser__unit_type__code=AREA,
                                   starts_at__date__gte=campaign.starts_on, starts_at__date__lte=campaign.ends_on)
              .annotate(bucket=_bucket(length, pairs, "organiser__path")).values("bucket").annotate(n=Count("id"))):
        if e["bucket"] in rows:
            rows[e["bucket"]].festivals = e["n"]

    total = UnitProgress(unit=unit, indicators={i.pk: IndicatorProgress(i) for i in indicators})
    for row in rows.values():
        total.areas += row.areas
        total.silent += row.silent
        total.activities += row.activities
        total.festivals += row.festivals
        for pk, p in row.indicators.items():
            t = total.indicators[pk]
            t.total += p.total
            t.met += p.met
            t.reported += p.reported
    shown = [r for r in rows.values() if r.areas or r.unit.valid_to is None or r.activities]
    return Rollup(unit=unit, indicators=indicators, rows=shown, total=total)


def progress_unit(user: Any, campaign: Campaign, pk: int | None) -> OrgUnit:
    """The unit whose children the progress table shows: asked for (in the reach and the campaign's
    subtree, else 404), else the campaign's unit when the user sees it, else the user's highest unit."""
    reach = user_reach(user, MovementPerm.VIEW)
    if pk is not None:
        unit = OrgUnit.objects.filter(reach.q("path"), pk=pk).select_related("unit_type").first()
        if unit is None or not (unit.path.startswith(campaign.unit.path)):
            raise Http404
        return unit
    if reach.covers(campaign.unit.path):
        return campaign.unit
    top = (OrgUnit.objects.filter(reach.q("path")).filter(subtree_q(campaign.unit.path))
           .select_related("unit_type").order_by("depth", "sort_key").first())
    if top is None:
        raise Http404
    return top


def export_rows(user: Any, campaign: Campaign) -> QuerySet[Result]:
    """Every result of the campaign in the user's reach, for the .xlsx export."""
    return (Result.objects.filter(user_reach(user, MovementPerm.VIEW).q("area__path"), campaign=campaign)
            .select_related("area", "indicator").order_by("area__path", "indicator__order", "indicator_id"))


# -- evaluation -------------------------------------------------------------------------------------
def access_eval_area(user: Any, pk: int, perm: MovementPerm = MovementPerm.VIEW) -> OrgUnit:
    area = (OrgUnit.objects.filter(user_reach(user, MovementPerm.VIEW).q("path"), unit_type__code=AREA, pk=pk)
            .select_related("unit_type").first())
    if area is None:
        raise Http404
    if perm != MovementPerm.VIEW:
        require(user, area.path, perm, seen_with=MovementPerm.VIEW)
    return area


def access_registration(user: Any, pk: int, perm: MovementPerm = MovementPerm.VIEW) -> Registration:
    reg = (Registration.objects.filter(user_reach(user, MovementPerm.VIEW).q("area__path"), pk=pk)
           .select_related("area", "household").first())
    if reg is None:
        raise Http404
    if perm != MovementPerm.VIEW:
        require(user, reg.area.path, perm, seen_with=MovementPerm.VIEW)
    return reg


def access_household(user: Any, pk: int, perm: MovementPerm = MovementPerm.VIEW) -> Household:
    household = (Household.objects.filter(user_reach(user, MovementPerm.VIEW).q("area__path"), pk=pk)
                 .select_related("area").first())
    if household is None:
        raise Http404
    if perm != MovementPerm.VIEW:
        require(user, household.area.path, perm, seen_with=MovementPerm.VIEW)
    return household


def access_decision(user: Any, pk: int) -> Decision:
    decision = decisions_visible(user).filter(pk=pk).first()
    if decision is None:
        raise Http404
    return decision


def titled(user: Any, year: int) -> QuerySet[Registration]:
    """Titles awarded for the year in the user's reach, for the list."""
    return (Registration.objects.filter(user_reach(user, MovementPerm.VIEW).q("area__path"), year=year,
                                        status=RegistrationStatus.AWARDED)
            .select_related("area", "household", "decision__unit").order_by("kind", "area__path", "household__sort_key"))


def may_see_households(user: Any, area: OrgUnit) -> bool:
    """Household names are shown to those who record them (or manage); others see them masked."""
    return (user_reach(user, MovementPerm.REPORT).covers(area.path)
            or user_reach(user, MovementPerm.MANAGE).covers(area.path))


def area_registrations(area: OrgUnit, year: int) -> list[Registration]:
    return list(Registration.objects.filter(area=area, year=year).select_related("household", "decision")
                .order_by("kind", "household__sort_key", "id"))


def area_meeting(area: OrgUnit, year: int) -> Meeting | None:
    return Meeting.objects.filter(area=area, year=year).prefetch_related("votes").first()


def title_counts(user: Any, year: int) -> QuerySet[Any]:
    """Registrations and titles of the year per commune in the user's reach (one grouped query)."""
    reach = user_reach(user, MovementPerm.VIEW)
    awarded = Case(When(status=RegistrationStatus.AWARDED, then=Value(1)), default=Value(0),
                   output_field=IntegerField())
    approved = Case(When(status=RegistrationStatus.APPROVED, then=Value(1)), default=Value(0),
                    output_field=IntegerField())
    return (Registration.objects.filter(reach.q("area__path"), year=year)
            .values("kind")
            .annotate(n=Count("id"), awarded=Sum(awarded), approved=Sum(approved)).order_by("kind"))


def areas_in_reach(user: Any, perm: MovementPerm = MovementPerm.VIEW) -> QuerySet[OrgUnit]:
    return (OrgUnit.objects.filter(user_reach(user, perm).q("path"), unit_type__code=AREA, valid_to__isnull=True)
            .order_by("path"))


def decisions_visible(user: Any) -> QuerySet[Decision]:
    return Decision.objects.filter(user_reach(user, MovementPerm.VIEW).q("unit__path")).select_related("unit")


@dataclass
class Merit:
    kind: str
    holder: str
    area: OrgUnit
    years: int


def consecutive_titles(user: Any, kind: str, year: int, years: int) -> list[Merit]:
    """Holders (households, or areas) awarded the title in each of the `years` years up to `year`: one
    grouped query (a holder counted `years` times in the window held it every year)."""
    reach = user_reach(user, MovementPerm.VIEW)
    holder = "household_id" if kind == TitleKind.FAMILY else "area_id"
    rows = (Registration.objects.filter(reach.q("area__path"), kind=kind, status=RegistrationStatus.AWARDED,
                                        year__gt=year - years, year__lte=year)
            .values(holder).annotate(n=Count("year", distinct=True)).filter(n=years).values_list(holder, flat=True))
    ids = list(rows)
    if kind == TitleKind.FAMILY:
        households = Household.objects.filter(pk__in=ids).select_related("area")
        return [Merit(kind, h.head_name, h.area, years) for h in households]
    return [Merit(kind, a.name, a, years) for a in OrgUnit.objects.filter(pk__in=ids).order_by("path")]


def group_by_area(items: list[Any]) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = defaultdict(list)
    for item in items:
        out[item.area_id].append(item)
    return out


def criteria_sets_visible(user: Any) -> QuerySet[CriteriaSet]:
    """The provinces' criteria sets, for cadres of the province or above (wards meet a set's criteria on
    the self-assessment of a registration made with it)."""
    return (CriteriaSet.objects.filter(user_reach(user, MovementPerm.VIEW).q("province__path"))
            .select_related("province").order_by("-year", "kind", "-version"))


def access_criteria_set(user: Any, pk: int, perm: MovementPerm = MovementPerm.VIEW) -> CriteriaSet:
    cs = criteria_sets_visible(user).filter(pk=pk).first()
    if cs is None:
        raise Http404
    if perm != MovementPerm.VIEW:
        require(user, cs.province.path, perm, seen_with=MovementPerm.VIEW)
    return cs


@dataclass
class Pending:
    area_id: int
    area_name: str
    proposed: int
    held_on: dt.date
    due: dt.date

    @property
    def overdue(self) -> bool:
        return self.due < dt.date.today()


def pending_decisions(user: Any, year: int) -> list[Pending]:
    """Areas of the reach whose meeting proposed titles still waiting for the commune's decision, with the
    deadline (meeting day + the decision's working days, Vietnamese holidays excluded). One grouped query."""
    from . import rules
    from .working_days import add_working_days

    held = Meeting.objects.filter(area=OuterRef("area"), year=year).values("held_on")[:1]
    rows = (Registration.objects.filter(user_reach(user, MovementPerm.VIEW).q("area__path"), year=year,
                                        status=RegistrationStatus.APPROVED)
            .values("area_id", "area__name").annotate(n=Count("id"), held_on=Subquery(held))
            .order_by("area__path"))
    days = rules.decision_working_days()
    return [Pending(r["area_id"], r["area__name"], r["n"], r["held_on"], add_working_days(r["held_on"], days))
            for r in rows if r["held_on"] is not None]


@dataclass
class YearTitles:
    year: int
    family: int = 0
    area: int = 0


def titles_per_year(user: Any, year: int, span: int = 6) -> tuple[list[YearTitles], int]:
    """Titles awarded per year (the `span` years up to `year`) in the reach, and the largest count (the
    charts' scale). One grouped query."""
    years = {y: YearTitles(y) for y in range(year - span + 1, year + 1)}
    rows = (Registration.objects.filter(user_reach(user, MovementPerm.VIEW).q("area__path"),
                                        status=RegistrationStatus.AWARDED, year__in=list(years))
            .values("year", "kind").annotate(n=Count("id")).order_by())
    for r in rows:
        setattr(years[r["year"]], r["kind"], r["n"])
    out = list(years.values())
    return out, max([1, *(max(y.family, y.area) for y in out)])
