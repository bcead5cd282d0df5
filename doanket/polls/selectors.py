"""Reads of polls: the staff's through their reach, the public's, and results."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from doanket.accounts.models import User
from doanket.accounts.selectors import require, user_reach
from doanket.core.reach import Reach, subtree_q
from doanket.orgunits.models import OrgUnit
from doanket.polls.permissions import PollPerm

from .models import (
    Ballot,
    BallotChoice,
    BallotCode,
    CodeBatch,
    Option,
    OptionGroup,
    Poll,
    PollStatus,
    TallyKind,
    TallyLine,
    TallySheet,
)

# -- staff ------------------------------------------------------------------------------------------


def area_reach(user: User | AnonymousUser) -> Reach:
    """Where the user hands out codes and enters paper tallies."""
    tally, manage = user_reach(user, PollPerm.TALLY), user_reach(user, PollPerm.MANAGE)
    return Reach(prefixes=tuple(sorted(set(tally.prefixes) | set(manage.prefixes))),
                 everything=tally.everything or manage.everything)


def _ancestor_paths(prefixes: tuple[str, ...]) -> set[str]:
    step = OrgUnit.steplen
    return {p[: step * i] for p in prefixes for i in range(1, len(p) // step + 1)}


def polls_visible(user: User | AnonymousUser) -> QuerySet[Poll]:
    """Polls the user manages (organised in their reach) and polls organised above them that their
    residential areas take part in (to hand out codes and enter paper ballots)."""
    manage = user_reach(user, PollPerm.MANAGE)
    areas = area_reach(user)
    if manage.everything or areas.everything:
        return Poll.objects.all()
    return Poll.objects.filter(manage.q("unit__path") | areas.q("unit__path")
                               | Q(unit__path__in=_ancestor_paths(areas.prefixes)))


def poll_get(user: User | AnonymousUser, pk: int) -> Poll:
    poll = polls_visible(user).select_related("unit", "area", "created_by").filter(pk=pk).first()
    if poll is None:
        raise Http404
    return poll


def access_poll(user: User, pk: int, perm: PollPerm | None = None) -> Poll:
    """The poll, for an action that needs `perm` on its organising unit: 404 when the user does not see it
    (polls_visible), 403 when they see it without `perm`."""
    poll = poll_get(user, pk)
    if perm is not None:
        require(user, poll.unit.path, perm, seen=True)
    return poll


def poll_list(user: User | AnonymousUser) -> QuerySet[Poll]:
    """Polls with their online ballots: cast here plus those counted elsewhere and entered as totals (the 2020
    vote's 131.775), as the public results show them. Subqueries, so the two counts do not multiply."""
    cast = Ballot.objects.filter(poll=OuterRef("pk")).order_by().values("poll").annotate(n=Count("id")).values("n")
    imported = (TallySheet.objects.filter(poll=OuterRef("pk"), kind=TallyKind.ONLINE_IMPORTED).order_by()
                .values("poll").annotate(b=Sum("ballots")).values("b"))
    return (polls_visible(user).select_related("unit")
            .annotate(n_ballots=Coalesce(Subquery(cast), 0) + Coalesce(Subquery(imported), 0))
            .order_by("-opens_at", "-id"))


def can_manage(user: User | AnonymousUser, poll: Poll) -> bool:
    return user_reach(user, PollPerm.MANAGE).covers(poll.unit.path)


def poll_groups(poll: Poll) -> list[OptionGroup]:
    return list(poll.groups.prefetch_related(Prefetch("options", queryset=Option.objects.order_by("order", "id"))))


def group_get(user: User | AnonymousUser, pk: int) -> OptionGroup:
    group = OptionGroup.objects.filter(poll__in=polls_visible(user), pk=pk).select_related("poll", "poll__unit").first()
    if group is None:
        raise Http404
    return group


def option_get(user: User | AnonymousUser, pk: int) -> Option:
    option = (Option.objects.filter(group__poll__in=polls_visible(user), pk=pk)
              .select_related("group", "group__poll", "group__poll__unit").first())
    if option is None:
        raise Http404
    return option


def poll_areas(user: User | AnonymousUser, poll: Poll) -> QuerySet[OrgUnit]:
    """Residential areas of the poll's territory inside the user's reach (for codes and tallies)."""
    qs = OrgUnit.objects.filter(area_reach(user).q("path"), subtree_q(poll.unit.path), unit_type__code="area")
    if poll.area is not None:
        qs = qs.filter(subtree_q(poll.area.path))
    return qs.order_by("path")


def area_labels(areas: list[OrgUnit]) -> dict[int, str]:
    """"Khu dân cư số 1 — Phường Khương Mai": areas share names, so each is shown with its parent (one query)."""
    step = OrgUnit.steplen
    parents = {u.path: u for u in OrgUnit.objects.filter(path__in={a.path[:-step] for a in areas})}
    return {a.pk: f"{a.name} — {parents[a.path[:-step]].label}" if a.path[:-step] in parents else a.name
            for a in areas}


def batches_visible(user: User | AnonymousUser, poll: Poll | None = None) -> QuerySet[CodeBatch]:
    reach = area_reach(user)
    qs = CodeBatch.objects.filter(poll__in=polls_visible(user)).filter(reach.q("area__path"))
    if poll is not None:
        qs = qs.filter(poll=poll)
    used = Count("codes", filter=Q(codes__used_at__isnull=False))
    return qs.select_related("poll", "area", "created_by").annotate(used=used)


def batch_get(user: User | AnonymousUser, pk: int) -> CodeBatch:
    batch = batches_visible(user).filter(pk=pk).first()
    if batch is None:
        raise Http404
    return batch


def batch_codes(batch: CodeBatch) -> list[BallotCode]:
    return list(batch.codes.order_by("id"))


def tally_sheets(user: User | AnonymousUser, poll: Poll) -> list[TallySheet]:
    """Paper tally sheets of the poll's areas inside the user's reach."""
    return list(TallySheet.objects.filter(poll=poll, kind=TallyKind.PAPER).filter(area_reach(user).q("area__path"))
                .select_related("area", "entered_by").order_by("area__path"))


def tally_sheet_for(poll: Poll, area: OrgUnit) -> TallySheet | None:
    return TallySheet.objects.filter(poll=poll, kind=TallyKind.PAPER, area=area).prefetch_related("lines").first()


# -- the public -------------------------------------------------------------------------------------


def public_polls() -> QuerySet[Poll]:
    return Poll.objects.exclude(status=PollStatus.DRAFT).select_related("unit").order_by("-opens_at", "-id")


def public_poll_get(pk: int) -> Poll:
    poll = public_polls().select_related("area").filter(pk=pk).first()
    if poll is None:
        raise Http404
    return poll


def has_voted(poll: Poll, citizen: Any) -> bool:
    return citizen is not None and Ballot.objects.filter(poll=poll, citizen=citizen).exists()


# -- results ----------------------------------------------------------------------------------------


@dataclass
class OptionResult:
    option: Option
    online: int = 0
    paper: int = 0

    @property
    def total(self) -> int:
        return self.online + self.paper

    online_width: str = "0"
    paper_width: str = "0"


@dataclass
class GroupResult:
    group: OptionGroup
    options: list[OptionResult] = field(default_factory=list)


@dataclass
class PollResults:
    poll: Poll
    groups: list[GroupResult]
    online_ballots: int  # cast here
    imported_ballots: int  # online ballots counted elsewhere, entered as totals
    paper_ballots: int
    paper_sheets: int
    sources: list[str]

    @property
    def online_total(self) -> int:
        return self.online_ballots + self.imported_ballots

    @property
    def total(self) -> int:
        return self.online_total + self.paper_ballots


def poll_results(poll: Poll) -> PollResults:
    """Votes per option, online and paper apart and together, ordered by total within each group.
    Bar widths (percent of the group's leader) are computed here, as plain strings for SVG attributes."""
    online: dict[int, int] = defaultdict(int)
    paper: dict[int, int] = defaultdict(int)
    for row in BallotChoice.objects.filter(ballot__poll=poll).values("option").annotate(n=Count("id")).order_by():
        online[row["option"]] += row["n"]
    lines = TallyLine.objects.filter(sheet__poll=poll).values("option", "sheet__kind").annotate(n=Sum("votes")).order_by()
    for row in lines:
        target = paper if row["sheet__kind"] == TallyKind.PAPER else online
        target[row["option"]] += row["n"] or 0
    sheets = TallySheet.objects.filter(poll=poll).values("kind").annotate(b=Sum("ballots"), n=Count("id")).order_by()
    by_kind = {r["kind"]: r for r in sheets}
    sources = list(TallySheet.objects.filter(poll=poll).exclude(source="").values_list("source", flat=True).distinct())
    groups = []
    for group in poll_groups(poll):
        rows = [OptionResult(option=o, online=online.get(o.pk, 0), paper=paper.get(o.pk, 0)) for o in group.options.all()]
        rows.sort(key=lambda r: (-r.total, r.option.order, r.option.pk))
        top = max((r.total for r in rows), default=0) or 1
        for r in rows:
            r.online_width = f"{100 * r.online / top:.2f}"
            r.paper_width = f"{100 * r.paper / top:.2f}"
        groups.append(GroupResult(group=group, options=rows))
    return PollResults(
        poll=poll, groups=groups, online_ballots=Ballot.objects.filter(poll=poll).count(),
        imported_ballots=(by_kind.get(TallyKind.ONLINE_IMPORTED) or {}).get("b") or 0,
        paper_ballots=(by_kind.get(TallyKind.PAPER) or {}).get("b") or 0,
        paper_sheets=(by_kind.get(TallyKind.PAPER) or {}).get("n") or 0, sources=sources,
    )


def paper_lines_in_reach(user: User | AnonymousUser, poll: Poll) -> QuerySet[TallyLine]:
    """Paper votes by area and option inside the user's reach (for the staff export)."""
    return (TallyLine.objects.filter(sheet__poll=poll, sheet__kind=TallyKind.PAPER)
            .filter(area_reach(user).q("sheet__area__path"))
            .select_related("sheet", "sheet__area", "option", "option__group")
            .order_by("sheet__area__path", "option__order"))
