"""Reads of events, always through the user's reach.

A user sees the events organised in their subtree, and the events of higher units where people of
their subtree are invited (not drafts); of those they see only their own subtree's invitations and
attendance. Everything else is a 404.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.files import File
from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from doanket.accounts.models import User
from doanket.accounts.permissions import AccountPerm
from doanket.accounts.selectors import user_reach
from doanket.core.history import HistoryEntry, entries
from doanket.core.reach import Reach
from doanket.core.text import search_terms
from doanket.events.permissions import EventPerm
from doanket.orgunits.models import OrgUnit
from doanket.people.models import Person

from .models import (
    AFTER_HELD,
    AudienceRule,
    Event,
    EventStatus,
    EventType,
    Feedback,
    Guest,
    Invitation,
    InvitationStatus,
    Material,
    ProgrammeItem,
    Speaker,
)


def events_visible(user: User) -> QuerySet[Event]:
    """Events organised in the user's reach, and non-draft events where their people are invited.

    Invitations are looked for only in events whose invited root (`Event.invited_root`) lies in the
    reach or above it: an event of another province cannot have invited anyone here. Both unit sets
    are index ranges of the unit tree, so the cost follows the events around the user, not the country."""
    reach = user_reach(user, EventPerm.VIEW)
    if reach.everything:
        return Event.objects.all()
    step = OrgUnit.steplen
    above = {p[:i] for p in reach.prefixes for i in range(step, len(p), step)}
    units_here = OrgUnit.objects.filter(reach.q("path")).values("pk")
    roots_near = OrgUnit.objects.filter(reach.q("path") | Q(path__in=above)).values("pk")
    invited_here = Invitation.objects.filter(reach.q("via_unit__path"), event=OuterRef("pk"))
    return Event.objects.filter(
        Q(organiser__in=units_here)
        | (Q(invited_root__in=roots_near) & ~Q(status=EventStatus.DRAFT) & Q(Exists(invited_here)))
    )


def event_list(user: User, *, status: str = "", event_type: EventType | None = None,
               year: int | None = None) -> QuerySet[Event]:
    """The events the user may see, newest first. Counts come per page from `event_counts`: an
    aggregate here would group every invitation of every visible event before the page is cut."""
    qs = events_visible(user)
    if status:
        qs = qs.filter(status=status)
    if event_type is not None:
        qs = qs.filter(event_type=event_type)
    if year:
        qs = qs.filter(starts_at__year=year)
    return qs.select_related("event_type", "organiser").order_by("-starts_at", "-id")


def event_counts(user: User, events: Any) -> list[Event]:
    """Set `n_invited` and `n_present` on a page of events (organiser selected): every invitation of the
    events organised in the user's reach, only their own units' invitations at the others. Two grouped
    queries over the page's invitations, whatever the number of events."""
    reach = user_reach(user, EventPerm.VIEW)
    page = list(events)
    whole = [e.pk for e in page if reach.covers(e.organiser.path)]
    part = [e.pk for e in page if not reach.covers(e.organiser.path)]

    def grouped(qs: QuerySet[Invitation]) -> list[dict[str, int]]:
        return list(qs.values("event_id").order_by()
                    .annotate(n=Count("id"), present=Count("id", filter=Q(checked_in_at__isnull=False))))

    rows = grouped(Invitation.objects.filter(event_id__in=whole)) if whole else []
    if part:
        units_here = OrgUnit.objects.filter(reach.q("path")).values("pk")
        rows += grouped(Invitation.objects.filter(event_id__in=part, via_unit__in=units_here))
    counts = {r["event_id"]: (r["n"], r["present"]) for r in rows}
    for e in page:
        e.n_invited, e.n_present = counts.get(e.pk, (0, 0))  # type: ignore[attr-defined]
        e.n_partial = e.pk in part  # type: ignore[attr-defined]  # only the user's own units' figures
    return page


def event_years(user: User) -> list[int]:
    return sorted({d.year for d in events_visible(user).dates("starts_at", "year")}, reverse=True)


def event_types() -> QuerySet[EventType]:
    return EventType.objects.all()


def event_get(user: User, pk: int) -> Event:
    """The event, or 404 when the user may not see it (its existence is not told)."""
    event = events_visible(user).select_related("event_type", "organiser", "concluded_by").filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


@dataclass
class EventAccess:
    """What one user may do with one event."""

    event: Event
    manage: bool  # plan, invite, move through the lifecycle, conclude, see everything
    full_view: bool  # sees every invitation (the organiser's side)
    checkin_all: bool  # may check in anyone
    view_reach: Reach = field(repr=False)
    checkin_reach: Reach = field(repr=False)

    def invitations_q(self) -> Q:
        """The invitations this user sees: all of them on the organiser's side, else their subtree's."""
        return Q() if self.full_view else self.view_reach.q("via_unit__path")

    def checkin_q(self) -> Q:
        return Q() if self.checkin_all else self.checkin_reach.q("via_unit__path")

    @property
    def checkin(self) -> bool:
        """May check anyone in, or at least the people of their own subtree."""
        return self.checkin_all or not self.checkin_reach.is_empty


def event_access(user: User, event: Event) -> EventAccess:
    path = event.organiser.path
    view = user_reach(user, EventPerm.VIEW)
    checkin = user_reach(user, EventPerm.CHECKIN)
    return EventAccess(event=event, manage=user_reach(user, EventPerm.MANAGE).covers(path),
                       full_view=view.covers(path), checkin_all=checkin.covers(path), view_reach=view,
                       checkin_reach=checkin)


# An object fetched through `events_visible` (or handed to a service) is one the user sees, whichever way:
# organised in their reach, or a higher unit's event where their people are invited. The organiser's unit
# of the latter lies outside their VIEW reach, so `accounts.selectors.require(…, seen_with=EventPerm.VIEW)`
# would answer 404 where the outcome table wants 403 (seen, without the right): the reach check is made
# with the object counted as visible.
_SEEN = Reach(everything=True)


def require_event(user: User | None, event: Event, perm: EventPerm, *, invited_unit: str = "") -> None:
    """The one check of an action on an event the user already has in hand (core.reach's outcome table:
    403 without the right; the 404 was answered by the fetch). VIEW is seeing it; MANAGE and CHECKIN are
    rights on the organiser's subtree — CHECKIN also on the invited unit's (`invited_unit`: a ward ticks
    its own people at a district's event), and the check-in page opens to anyone holding CHECKIN (it lists
    only their people). `user=None` is the system (demo loader, scripts)."""
    if user is None or perm == EventPerm.VIEW:
        return
    reach = user_reach(user, perm)
    path = event.organiser.path
    if perm == EventPerm.CHECKIN and not reach.covers(path):
        if not invited_unit and not reach.is_empty:
            return
        path = invited_unit or path
    reach.require(path, visible=_SEEN)


def access_event(user: User, pk: int, perm: EventPerm = EventPerm.VIEW) -> Event:
    """The event for an action needing `perm`: 404 when the user does not see it, 403 when they see it
    without the right."""
    event = event_get(user, pk)
    require_event(user, event, perm)
    return event


def access_held_event(user: User, pk: int, perm: EventPerm = EventPerm.VIEW) -> Event:
    """As `access_event`, for what exists only once the event has been held (certificates): 404 before."""
    event = access_event(user, pk, perm)
    if event.status not in AFTER_HELD:
        raise Http404
    return event


P = TypeVar("P", AudienceRule, Guest, Speaker, ProgrammeItem, Material)


def _access_part(user: User, model: type[P], pk: int, perm: EventPerm) -> P:
    """An event's part (rule, guest, speaker…) with its event, through the event's visibility (404),
    then `perm` on the event (403)."""
    obj = model._default_manager.filter(pk=pk, event__in=events_visible(user)).select_related(
        "event", "event__organiser", "event__event_type").first()
    if obj is None:
        raise Http404
    require_event(user, obj.event, perm)
    return obj


def access_rule(user: User, pk: int, perm: EventPerm = EventPerm.MANAGE) -> AudienceRule:
    return _access_part(user, AudienceRule, pk, perm)


def access_guest(user: User, pk: int, perm: EventPerm = EventPerm.MANAGE) -> Guest:
    return _access_part(user, Guest, pk, perm)


def access_speaker(user: User, pk: int, perm: EventPerm = EventPerm.MANAGE) -> Speaker:
    return _access_part(user, Speaker, pk, perm)


def access_programme_item(user: User, pk: int, perm: EventPerm = EventPerm.MANAGE) -> ProgrammeItem:
    return _access_part(user, ProgrammeItem, pk, perm)


def access_material(user: User, pk: int, perm: EventPerm = EventPerm.VIEW) -> Material:
    return _access_part(user, Material, pk, perm)


def material_file(material: Material) -> File:
    """The stored file, opened for download; 404 when it is missing from the storage."""
    try:
        return material.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None


def access_invitation(user: User, pk: int, perm: EventPerm = EventPerm.VIEW) -> Invitation:
    """An invitation the user sees (organiser's side: all; invited unit's side: their subtree's), else 404;
    then `perm` on its event (CHECKIN: or on the invited unit), else 403."""
    inv = (Invitation.objects.filter(pk=pk, event__in=events_visible(user))
           .select_related("event", "event__organiser", "event__event_type", "person", "via_unit").first())
    if inv is None:
        raise Http404
    access = event_access(user, inv.event)
    if not access.full_view and not access.view_reach.covers(inv.via_unit.path):
        raise Http404
    require_event(user, inv.event, perm, invited_unit=inv.via_unit.path)
    return inv


# -- the event page ------------------------------------------------------------------------------

def event_rules(event: Event) -> list[AudienceRule]:
    return list(event.rules.select_related("root", "unit_type").prefetch_related("positions"))


def event_guests(event: Event) -> list[Guest]:
    return list(event.guests.select_related("person"))


def event_speakers(event: Event) -> list[Speaker]:
    return list(event.speakers.all())


def event_programme(event: Event) -> list[ProgrammeItem]:
    return list(event.programme.select_related("speaker"))


def event_materials(event: Event) -> list[Material]:
    return list(event.materials.all())


def invitation_list(event: Event, access: EventAccess, *, query: str = "", status: str = "",
                    present: str = "") -> QuerySet[Invitation]:
    """The invitations the user sees, searchable without accents, by unit then position then name."""
    qs = Invitation.objects.filter(access.invitations_q(), event=event)
    for word in search_terms(query):
        qs = qs.filter(person__search_text__contains=word)
    if status:
        qs = qs.filter(status=status)
    if present == "1":
        qs = qs.filter(checked_in_at__isnull=False)
    elif present == "0":
        qs = qs.filter(checked_in_at__isnull=True)
    return qs.select_related("person", "via_unit").order_by("via_unit__path", "position_rank", "person__sort_key", "id")


def checkin_list(event: Event, access: EventAccess, *, query: str = "", limit: int = 30) -> list[Invitation]:
    """Names a check-in clerk may tick, searched without accents."""
    qs = Invitation.objects.filter(access.checkin_q(), event=event)
    for word in search_terms(query):
        qs = qs.filter(person__search_text__contains=word)
    return list(qs.select_related("person", "via_unit").order_by("person__sort_key", "id")[:limit])


@dataclass
class Counts:
    invited: int = 0
    confirmed: int = 0
    declined: int = 0
    present: int = 0

    @property
    def rate(self) -> float:
        """Share of the invited who came, 0–1."""
        return self.present / self.invited if self.invited else 0.0

    @property
    def percent(self) -> str:
        """"85,2" — Vietnamese decimal comma."""
        return f"{self.rate * 100:.1f}".replace(".", ",")

    def add(self, other: Counts) -> None:
        self.invited += other.invited
        self.confirmed += other.confirmed
        self.declined += other.declined
        self.present += other.present


@dataclass
class UnitAttendance:
    unit: OrgUnit
    counts: Counts
    group: OrgUnit | None = None  # the unit just below the organiser that this one belongs to

    below_came: bool = False  # people invited through units below this one came (its table row is not 0 %)

    @property
    def label(self) -> str:
        """"Khu dân cư số 1 — Phường Hạ Đình": areas share names, their ward tells them apart. A unit whose own
        invitees all stayed away while its areas' came says so, or the list would contradict its table row."""
        if self.group is not None and self.group.path != self.unit.path:
            return f"{self.unit.name} — {self.group.name}"
        if self.below_came:
            return f"{self.unit.name} ({_('không kể các đơn vị trực thuộc')})"
        return self.unit.name


@dataclass
class Attendance:
    total: Counts
    by_unit: list[UnitAttendance]  # one row per unit directly below the organiser (or the organiser itself)
    sent_nobody: list[UnitAttendance]  # units whose invitees all stayed away


_COUNTS = {
    "invited": Count("id"),
    "confirmed": Count("id", filter=Q(status=InvitationStatus.CONFIRMED)),
    "declined": Count("id", filter=Q(status=InvitationStatus.DECLINED)),
    "present": Count("id", filter=Q(checked_in_at__isnull=False)),
}


def attendance_counts(event: Event, access: EventAccess, *, checkin_scope: bool = False) -> Counts:
    """Invited / confirmed / declined / present in one aggregate query."""
    scope = access.checkin_q() if checkin_scope else access.invitations_q()
    row = Invitation.objects.filter(scope, event=event).aggregate(**_COUNTS)
    return Counts(**row)


def attendance(event: Event, access: EventAccess) -> Attendance:
    """Attendance at a glance, by the units just below the organiser, plus the units that sent nobody.
    Two queries whatever the number of invitees: counts grouped by invited unit, then the group units."""
    rows = list(
        Invitation.objects.filter(access.invitations_q(), event=event)
        .values("via_unit_id", "via_unit__path", "via_unit__name", "via_unit__valid_to")
        .annotate(**_COUNTS).order_by()
    )
    step = OrgUnit.steplen
    group_len = event.organiser.path.__len__() + step
    total = Counts()
    groups: dict[str, Counts] = defaultdict(Counts)
    absent: list[tuple[dict[str, Any], Counts]] = []
    for r in rows:
        counts = Counts(invited=r["invited"], confirmed=r["confirmed"], declined=r["declined"], present=r["present"])
        total.add(counts)
        path = r["via_unit__path"]
        groups[path[:group_len] if len(path) >= group_len else path].add(counts)
        if counts.present == 0:
            absent.append((r, counts))
    units = {u.path: u for u in OrgUnit.objects.filter(path__in=list(groups)).select_related("unit_type")}
    by_unit = [UnitAttendance(units[p], c) for p, c in groups.items() if p in units]
    by_unit.sort(key=lambda ua: (ua.unit.depth, ua.unit.sort_key))
    sent_nobody = [
        UnitAttendance(OrgUnit(pk=r["via_unit_id"], path=r["via_unit__path"], name=r["via_unit__name"],
                               valid_to=r["via_unit__valid_to"]), c, group=units.get(r["via_unit__path"][:group_len]),
                       below_came=groups.get(r["via_unit__path"], Counts()).present > 0)
        for r, c in absent
    ]
    sent_nobody.sort(key=lambda ua: ua.unit.path)
    return Attendance(total=total, by_unit=by_unit, sent_nobody=sent_nobody)


@dataclass
class FeedbackSummary:
    count: int
    average: float | None
    distribution: dict[int, int]
    comments: list[Feedback]

    @property
    def average_text(self) -> str:
        return f"{self.average:.1f}".replace(".", ",") if self.average is not None else "—"


def feedback_summary(event: Event, access: EventAccess, *, comments: int = 20) -> FeedbackSummary:
    scope = Q(invitation__event=event)
    if not access.full_view:
        scope &= access.view_reach.q("invitation__via_unit__path")
    qs = Feedback.objects.filter(scope)
    agg = qs.aggregate(n=Count("id"), avg=Avg("rating"))
    dist = {r["rating"]: r["n"] for r in qs.values("rating").annotate(n=Count("id")).order_by()}
    latest = list(qs.exclude(comment="").select_related("invitation__person").order_by("-created_at")[:comments])
    return FeedbackSummary(count=agg["n"], average=agg["avg"], distribution={i: dist.get(i, 0) for i in range(5, 0, -1)},
                           comments=latest)


def present_invitations(event: Event, access: EventAccess) -> list[Invitation]:
    """Those present, for certificates: in the user's view, by unit then name."""
    return list(invitation_list(event, access, present="1"))


def any_present(event: Event, access: EventAccess) -> bool:
    """Whether anyone in the user's view was present (before certificates are made in the background)."""
    return Invitation.objects.filter(access.invitations_q(), event=event, checked_in_at__isnull=False).exists()


def event_history(user: User, event: Event) -> list[HistoryEntry] | None:
    """Changes to the event itself, newest first; None without the right to read history."""
    if not user_reach(user, AccountPerm.HISTORY_VIEW).covers(event.organiser.path):
        return None
    return entries(list(event.history.select_related("history_user")), limit=50)


# -- the invitee's side (by personal code, no login) ----------------------------------------------

def normalise_code(raw: str) -> str:
    """What a clerk types or a scanner reads: "abcd-efgh-jkmn", or the invitation's full address."""
    text = (raw or "").strip()
    if "/" in text:
        parts = [p for p in text.split("/") if p]
        text = parts[-1] if parts else ""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def invitation_by_code(code: str) -> Invitation:
    """The invitation of a code, for its holder; 404 for unknown codes and events still in draft."""
    inv = (Invitation.objects.filter(code=normalise_code(code)).exclude(event__status=EventStatus.DRAFT)
           .select_related("event", "event__event_type", "person").first())
    if inv is None:
        raise Http404
    return inv


# -- a person's events (for their page) ----------------------------------------------------------

@dataclass
class PersonEvent:
    event: Event
    role: str
    invitation: Invitation | None = None


def person_events(user: User, person: Person) -> list[PersonEvent]:
    """Events of a person that the user may see: invited (with attendance), guest or speaker. Trainings
    among them make the person's training history. Three queries."""
    visible = events_visible(user)
    access_q = Q()
    reach = user_reach(user, EventPerm.VIEW)
    if not reach.everything:
        # Of a higher unit's event, only invitations of the user's own subtree.
        access_q = reach.q("event__organiser__path") | reach.q("via_unit__path")
    rows: list[PersonEvent] = []
    invitations = (Invitation.objects.filter(access_q, person=person, event__in=visible)
                   .select_related("event", "event__event_type", "event__organiser"))
    rows += [PersonEvent(inv.event, str(_("Được mời")), inv) for inv in invitations]
    for model, role in ((Guest, _("Khách mời")), (Speaker, _("Báo cáo viên"))):
        parts = model.objects.filter(person=person, event__in=visible).select_related(
            "event", "event__event_type", "event__organiser")
        rows += [PersonEvent(p.event, str(role)) for p in parts]
    rows.sort(key=lambda r: (r.event.starts_at, r.event.pk), reverse=True)
    return rows


def training_count(rows: list[PersonEvent]) -> int:
    return sum(1 for r in rows if r.event.event_type.is_training and r.invitation is not None
               and r.invitation.checked_in_at is not None)

