"""Reads of petitions: the cadres' inbox through their reach, the public's published answers and figures,
and the "similar feedback already received" suggestions."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from doanket.accounts.models import User
from doanket.accounts.selectors import user_reach
from doanket.core.reach import subtree_q
from doanket.core.text import fold
from doanket.orgunits.models import OrgUnit

from .models import OPEN_STATUSES, PUBLIC_STATUSES, UNCOUNTED_STATUSES, Attachment, Petition, Status, Transition
from .permissions import PetitionPerm

# -- cadres -----------------------------------------------------------------------------------------


def petitions_visible(user: User, perm: PetitionPerm = PetitionPerm.VIEW) -> QuerySet[Petition]:
    """Petitions whose unit is in the user's reach, plus those their units received first and passed up.
    Unconfirmed online petitions are nobody's yet."""
    reach = user_reach(user, perm)
    cond = reach.q("unit__path") if reach.everything else reach.q("unit__path") | reach.q("origin_unit__path")
    return Petition.objects.filter(cond).exclude(status=Status.PENDING)


def access_petition(user: User, pk: int, perm: PetitionPerm = PetitionPerm.VIEW) -> Petition:
    """Fetch within what the user sees (404 otherwise), then require `perm` on its unit (403)."""
    petition = (petitions_visible(user).select_related("unit", "origin_unit", "area", "sector", "duplicate_of")
                .filter(pk=pk).first())
    if petition is None:
        raise Http404
    if perm != PetitionPerm.VIEW and not user_reach(user, perm).covers(petition.unit.path):
        # Visible (its unit, or the unit that passed it up, is in the reach) but not the user's to act on.
        raise PermissionDenied
    return petition


def can(user: User, petition: Petition, perm: PetitionPerm) -> bool:
    return user_reach(user, perm).covers(petition.unit.path)


@dataclass
class InboxFilter:
    status: str = ""
    overdue: bool = False
    sector: int | None = None
    q: str = ""


def inbox(user: User, f: InboxFilter | None = None) -> QuerySet[Petition]:
    f = f or InboxFilter()
    qs = petitions_visible(user).select_related("unit", "sector")
    if f.status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif f.status:
        qs = qs.filter(status=f.status)
    if f.overdue:
        qs = qs.filter(status__in=OPEN_STATUSES, deadline__lt=timezone.localdate())
    if f.sector:
        qs = qs.filter(sector_id=f.sector)
    for word in fold(f.q).split():
        qs = qs.filter(Q(search_text__contains=word) | Q(code=word.upper()))
    return qs.order_by(F("deadline").asc(nulls_last=True), "-id")


def timeline(petition: Petition, *, public: bool = False) -> list[Transition]:
    qs = petition.transitions.select_related("actor", "unit")
    if public:
        qs = qs.filter(public=True)
    return list(qs)


def attachments_of(petition: Petition) -> list[Attachment]:
    return list(petition.attachments.all())


def access_attachment(user: User, pk: int) -> Attachment:
    attachment = Attachment.objects.filter(pk=pk, petition__in=petitions_visible(user)).select_related("petition").first()
    if attachment is None:
        raise Http404
    return attachment


def cluster(petition: Petition) -> list[Petition]:
    """The duplicates merged into this petition (or the head it was merged into)."""
    if petition.duplicate_of_id:
        return [petition.duplicate_of] if petition.duplicate_of else []
    return list(petition.duplicates.all()[:50])


def route_targets(user: User, petition: Petition) -> QuerySet[OrgUnit]:
    """Front units the petition may be passed to: the ancestors of its unit, and the communes and
    provinces below it in the user's reach (not residential areas, not units no longer in force)."""
    unit = petition.unit
    step = OrgUnit.steplen
    ancestors = [unit.path[:i] for i in range(step, len(unit.path), step)]
    below = user_reach(user, PetitionPerm.HANDLE).q("path") & subtree_q(unit.path) & ~Q(pk=unit.pk)
    return (OrgUnit.objects.filter(Q(path__in=ancestors) | below).filter(valid_to__isnull=True)
            .exclude(unit_type__code="area").select_related("unit_type").order_by("depth", "sort_key"))


# -- the public -------------------------------------------------------------------------------------


def published() -> QuerySet[Petition]:
    return Petition.objects.filter(status__in=PUBLIC_STATUSES, published_at__isnull=False)


def published_list(*, unit: OrgUnit | None = None, sector: int | None = None, since: dt.date | None = None,
                   until: dt.date | None = None) -> QuerySet[Petition]:
    qs = published().select_related("unit", "sector")
    if unit is not None:
        qs = qs.filter(subtree_q(unit.path, "unit__path"))
    if sector:
        qs = qs.filter(sector_id=sector)
    if since:
        qs = qs.filter(published_at__date__gte=since)
    if until:
        qs = qs.filter(published_at__date__lte=until)
    return qs.order_by("-published_at", "-id")


def published_get(pk: int) -> Petition:
    petition = published().select_related("unit", "sector").filter(pk=pk).first()
    if petition is None:
        raise Http404
    return petition


@dataclass
class UnitFigures:
    unit: OrgUnit
    received: int
    answered: int
    on_time: int
    overdue: int


def unit_figures(*, within: OrgUnit | None = None, since: dt.date | None = None, until: dt.date | None = None,
                 limit: int = 200) -> list[UnitFigures]:
    """Per receiving unit: petitions received (in the period, when given), answered, answered on time, open
    past their deadline (as iHanoi publishes its overdue count). One grouped query; hidden and unconfirmed
    ones do not count."""
    today = timezone.localdate()
    qs = Petition.objects.exclude(status__in=UNCOUNTED_STATUSES)
    if within is not None:
        qs = qs.filter(subtree_q(within.path, "unit__path"))
    if since:
        qs = qs.filter(received_at__date__gte=since)
    if until:
        qs = qs.filter(received_at__date__lte=until)
    rows = list(qs.values("unit").annotate(
        received=Count("id"),
        answered=Count("id", filter=Q(answer_on__isnull=False)),
        on_time=Count("id", filter=Q(answer_on__isnull=False, answer_on__lte=F("deadline"))),
        overdue=Count("id", filter=Q(status__in=OPEN_STATUSES, deadline__lt=today)),
    ).order_by("-received")[:limit])
    units = OrgUnit.objects.in_bulk([r["unit"] for r in rows])
    return [UnitFigures(unit=units[r["unit"]], received=r["received"], answered=r["answered"], on_time=r["on_time"],
                        overdue=r["overdue"]) for r in rows if r["unit"] in units]


# -- similar feedback -------------------------------------------------------------------------------

# Words that say nothing about what a petition is about.
_STOP = set("va cua cho o tai voi la co khong da dang duoc bi nhung cac mot nay do thi de ve tren trong ra "
            "khi nhieu rat xin de nghi kien nghi phan anh nguoi dan chung toi gia dinh".split())
SIMILAR_WINDOW_DAYS = 365
SIMILAR_CANDIDATES = 300
SIMILAR_THRESHOLD = 0.3


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", fold(text)) if len(w) > 1 and w not in _STOP}


def _bigrams(words: list[str]) -> set[str]:
    return {f"{a} {b}" for a, b in itertools.pairwise(words)}


def similarity(a: str, b: str) -> float:
    """Overlap of two texts, accents and đ ignored: words and pairs of neighbouring words, so "đèn
    đường hỏng" and "den duong bi hong" meet, while sharing one common word does not."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    words = len(wa & wb) / min(len(wa), len(wb))
    la = [w for w in re.findall(r"[a-z0-9]+", fold(a)) if w not in _STOP]
    lb = [w for w in re.findall(r"[a-z0-9]+", fold(b)) if w not in _STOP]
    ba, bb = _bigrams(la), _bigrams(lb)
    pairs = len(ba & bb) / min(len(ba), len(bb)) if ba and bb else 0.0
    return 0.6 * words + 0.4 * pairs


def similar_petitions(unit: OrgUnit, subject: str, content: str = "", *, limit: int = 5) -> list[tuple[Petition, float]]:
    """Petitions of the same commune in the last year that look like this one, best first. The
    candidates are bounded (the most recent ones, through the unit index); they are compared in Python.
    Subjects weigh more than contents."""
    since = timezone.now() - dt.timedelta(days=SIMILAR_WINDOW_DAYS)
    candidates = list(Petition.objects.filter(subtree_q(unit.path, "unit__path"), received_at__gte=since)
                      .exclude(status__in=[*UNCOUNTED_STATUSES, Status.WITHDRAWN])
                      .only("id", "code", "subject", "content", "status", "received_at", "published_at", "unit_id")
                      .order_by("-received_at")[:SIMILAR_CANDIDATES])
    scored = []
    for p in candidates:
        score = max(similarity(subject, p.subject), 0.8 * similarity(f"{subject} {content[:500]}",
                                                                       f"{p.subject} {p.content[:500]}"))
        if score >= SIMILAR_THRESHOLD:
            scored.append((p, round(score, 2)))
    scored.sort(key=lambda s: -s[1])
    return scored[:limit]


def petition_counts_for(user: User) -> dict[str, Any]:
    """The inbox's header: open and overdue counts in the reach (two counts)."""
    qs = petitions_visible(user)
    return {"open": qs.filter(status__in=OPEN_STATUSES).count(),
            "overdue": qs.filter(status__in=OPEN_STATUSES, deadline__lt=timezone.localdate()).count()}
