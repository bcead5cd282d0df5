"""Reads of supervision, always through the user's reach (one range condition on the unit path).

`access_*` fetch a record within the user's VIEW reach (404 outside it: its existence is not told) and
then check the right the action needs (403 when the record is visible but the right is missing).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from doanket.accounts.permissions import AccountPerm
from doanket.accounts.selectors import require, user_reach
from doanket.core.history import HistoryEntry, entries
from doanket.orgunits.models import OrgUnit

from .models import (
    ActivityDocument,
    Answer,
    ApprovalBase,
    Consultation,
    Critique,
    Escalation,
    ExpertOpinion,
    Household,
    Recommendation,
    SupervisionActivity,
    SupervisionPlan,
    TeamMember,
)
from .permissions import SupervisionPerm

VIEW = SupervisionPerm.VIEW


def _visible(user: Any, qs: QuerySet[Any], path_field: str = "unit__path") -> QuerySet[Any]:
    return qs.filter(user_reach(user, VIEW).q(path_field))


def can(user: Any, perm: SupervisionPerm, unit: OrgUnit) -> bool:
    return user_reach(user, perm).covers(unit.path)


def manage_units(user: Any) -> QuerySet[OrgUnit]:
    """Units the user may make supervision plans for (Front committees, not residential areas)."""
    return (OrgUnit.objects.filter(user_reach(user, SupervisionPerm.MANAGE).q("path"))
            .exclude(unit_type__code="area").select_related("unit_type")
            .order_by("depth", "valid_to", "sort_key"))


# -- plans ---------------------------------------------------------------------------------------


def plan_list(user: Any, *, year: int | None = None) -> QuerySet[SupervisionPlan]:
    """The plans of the user's reach, newest year first, with their activity counts (one query)."""
    qs = _visible(user, SupervisionPlan.objects.all())
    if year:
        qs = qs.filter(year=year)
    return (qs.select_related("unit")
            .annotate(n_activities=Count("activities", distinct=True),
                      n_open=Count("activities", filter=~Q(activities__status="closed"), distinct=True))
            .order_by("-year", "unit__path", "id"))


def plan_years(user: Any) -> list[int]:
    return list(_visible(user, SupervisionPlan.objects.all()).order_by("-year").values_list("year", flat=True)
                .distinct())


def access_plan(user: Any, pk: int, perm: SupervisionPerm = VIEW) -> SupervisionPlan:
    plan = _visible(user, SupervisionPlan.objects.select_related("unit", "created_by")).filter(pk=pk).first()
    if plan is None:
        raise Http404
    require(user, plan.unit.path, perm, seen_with=VIEW)
    return plan


def plan_activities(plan: SupervisionPlan) -> list[SupervisionActivity]:
    return list(plan.activities.annotate(n_recommendations=Count("recommendations"),
                                         n_unanswered=Count("recommendations",
                                                            filter=Q(recommendations__answered_on__isnull=True)))
                .order_by("starts_on", "id"))


# -- activities ----------------------------------------------------------------------------------


def access_activity(user: Any, pk: int, perm: SupervisionPerm = VIEW) -> SupervisionActivity:
    activity = (_visible(user, SupervisionActivity.objects.select_related("plan", "unit", "unit__unit_type"))
                .filter(pk=pk).first())
    if activity is None:
        raise Http404
    require(user, activity.unit.path, perm, seen_with=VIEW)
    return activity


def activity_team(activity: SupervisionActivity) -> list[TeamMember]:
    return list(activity.team.select_related("person").order_by("role", "id"))


def activity_documents(activity: SupervisionActivity) -> list[ActivityDocument]:
    return list(activity.documents.select_related("uploaded_by"))


def activity_recommendations(activity: SupervisionActivity) -> list[Recommendation]:
    return list(activity.recommendations.prefetch_related(
        Prefetch("escalations", queryset=Escalation.objects.select_related("to_unit"))).order_by("id"))


def _merged(querysets: list[QuerySet[Any]], limit: int) -> list[HistoryEntry]:
    """History of several models, newest first. `entries` diffs rows of one model against each other (keyed by
    id), so each model is read apart and the entries merged by time."""
    found = [e for qs in querysets for e in entries(list(qs.select_related("history_user")), subject=True)]
    return sorted(found, key=lambda e: e.when, reverse=True)[:limit]


def activity_history(user: Any, activity: SupervisionActivity, limit: int = 100) -> list[HistoryEntry] | None:
    """Every change of the activity, its team, documents and recommendations, newest first; None without the
    right to read history (as for the other domains)."""
    if not user_reach(user, AccountPerm.HISTORY_VIEW).covers(activity.unit.path):
        return None
    return _merged([activity.history.all(), TeamMember.history.filter(activity_id=activity.pk),
                    ActivityDocument.history.filter(activity_id=activity.pk),
                    Recommendation.history.filter(activity_id=activity.pk)], limit)


def access_member(user: Any, pk: int, perm: SupervisionPerm = VIEW) -> TeamMember:
    member = (_visible(user, TeamMember.objects.select_related("activity", "activity__unit", "person"),
                       "activity__unit__path").filter(pk=pk).first())
    if member is None:
        raise Http404
    require(user, member.activity.unit.path, perm, seen_with=VIEW)
    return member


def access_document(user: Any, pk: int, perm: SupervisionPerm = VIEW) -> ActivityDocument:
    doc = (_visible(user, ActivityDocument.objects.select_related("activity", "activity__unit"),
                    "activity__unit__path").filter(pk=pk).first())
    if doc is None:
        raise Http404
    require(user, doc.activity.unit.path, perm, seen_with=VIEW)
    return doc


# -- recommendations -----------------------------------------------------------------------------


class Filter:
    OPEN = "open"
    OVERDUE = "overdue"
    ESCALATED = "escalated"
    ANSWERED = "answered"
    ALL = "all"
    CHOICES = (OPEN, OVERDUE, ESCALATED, ANSWERED, ALL)


def recommendation_followup(user: Any, *, show: str = Filter.OPEN, today: dt.date | None = None,
                            year: int | None = None) -> QuerySet[Recommendation]:
    """Recommendations of the user's reach: unanswered first, by deadline (so the overdue lead), then the
    answered ones. `escalated` keeps those handed up to a level of the user's reach. The page's rows come
    with their activity, unit and escalations in a fixed number of queries."""
    today = today or dt.date.today()
    qs = _visible(user, Recommendation.objects.all())
    if show == Filter.OPEN:
        qs = qs.filter(answered_on__isnull=True)
    elif show == Filter.OVERDUE:
        qs = qs.filter(answered_on__isnull=True, answer_due__lt=today)
    elif show == Filter.ANSWERED:
        qs = qs.filter(answered_on__isnull=False)
    elif show == Filter.ESCALATED:
        reach = user_reach(user, VIEW)
        qs = qs.filter(Exists(Escalation.objects.filter(reach.q("to_unit__path"), recommendation=OuterRef("pk"))))
    if year:
        qs = qs.filter(activity__plan__year=year)
    return (qs.select_related("activity", "unit")
            .prefetch_related(Prefetch("escalations", queryset=Escalation.objects.select_related("to_unit")))
            .order_by(F("answered_on").desc(nulls_first=True), "answer_due", "id"))


def access_recommendation(user: Any, pk: int, perm: SupervisionPerm = VIEW) -> Recommendation:
    rec = (_visible(user, Recommendation.objects.select_related("activity", "activity__plan", "unit",
                                                                "unit__unit_type"))
           .filter(pk=pk).first())
    if rec is None:
        raise Http404
    require(user, rec.unit.path, perm, seen_with=VIEW)
    return rec


def recommendation_escalations(rec: Recommendation) -> list[Escalation]:
    return list(rec.escalations.select_related("to_unit", "from_unit", "created_by"))


def recommendation_history(user: Any, rec: Recommendation) -> list[HistoryEntry] | None:
    if not user_reach(user, AccountPerm.HISTORY_VIEW).covers(rec.unit.path):
        return None
    return _merged([rec.history.all(), Escalation.history.filter(recommendation_id=rec.pk)], 100)


def is_overdue(rec: Recommendation, today: dt.date | None = None) -> bool:
    return rec.answered_on is None and rec.answer_due < (today or dt.date.today())


# -- social critique -----------------------------------------------------------------------------


def critique_list(user: Any, *, year: int | None = None) -> QuerySet[Critique]:
    qs = _visible(user, Critique.objects.all())
    if year:
        qs = qs.filter(received_on__year=year)
    return qs.select_related("unit").annotate(n_opinions=Count("opinions")).order_by("-received_on", "-id")


def access_critique(user: Any, pk: int, perm: SupervisionPerm = VIEW) -> Critique:
    critique = (_visible(user, Critique.objects.select_related("unit", "unit__unit_type", "conference"))
                .filter(pk=pk).first())
    if critique is None:
        raise Http404
    require(user, critique.unit.path, perm, seen_with=VIEW)
    return critique


def access_opinion(user: Any, pk: int, perm: SupervisionPerm = VIEW) -> ExpertOpinion:
    opinion = (_visible(user, ExpertOpinion.objects.select_related("critique", "critique__unit"),
                        "critique__unit__path").filter(pk=pk).first())
    if opinion is None:
        raise Http404
    require(user, opinion.critique.unit.path, perm, seen_with=VIEW)
    return opinion


def critique_opinions(critique: Critique) -> list[ExpertOpinion]:
    return list(critique.opinions.all())


def critique_history(user: Any, critique: Critique) -> list[HistoryEntry] | None:
    if not user_reach(user, AccountPerm.HISTORY_VIEW).covers(critique.unit.path):
        return None
    return _merged([critique.history.all(), ExpertOpinion.history.filter(critique_id=critique.pk)], 100)


def critique_overdue(critique: Critique, today: dt.date | None = None) -> bool:
    """The drafting body has not responded by the due date."""
    return (critique.response_due is not None and critique.responded_on is None
            and critique.response_due < (today or dt.date.today()))


def conferences_for(user: Any) -> QuerySet[Any]:
    """Conferences (events) of the last three years organised in the user's reach, to link a critique to the one
    where the draft was debated (a queryset, not a slice: the form field validates the choice against it)."""
    from doanket.events.models import Event

    since = dt.date.today() - dt.timedelta(days=3 * 366)
    return (Event.objects.filter(user_reach(user, SupervisionPerm.MANAGE).q("organiser__path"), starts_at__date__gte=since)
            .select_related("organiser").order_by("-starts_at"))


# -- grassroots democracy ------------------------------------------------------------------------


def consultation_list(user: Any) -> QuerySet[Consultation]:
    return (_visible(user, Consultation.objects.all(), "area__path").select_related("area")
            .annotate(n_answers=Count("answers")).order_by("-opens_on", "-id"))


def access_consultation(user: Any, pk: int, perm: SupervisionPerm = VIEW) -> Consultation:
    c = _visible(user, Consultation.objects.select_related("area", "area__unit_type"), "area__path").filter(pk=pk).first()
    if c is None:
        raise Http404
    require(user, c.area.path, perm, seen_with=VIEW)
    return c


def area_households(area: OrgUnit) -> QuerySet[Household]:
    return Household.objects.filter(area=area).order_by("address", "head_name", "id")


def area_choices(user: Any, perm: SupervisionPerm) -> QuerySet[OrgUnit]:
    return (OrgUnit.objects.filter(user_reach(user, perm).q("path"), unit_type__code="area", valid_to__isnull=True)
            .order_by("path"))


@dataclass
class ConsultationResult:
    households: int
    answers: int
    agree: int
    disagree: int
    other: int
    turnout: float  # answers / households
    approval: float  # agree / (households or answers, by the rule)
    quorum_met: bool
    approved: bool


def consultation_result(c: Consultation) -> ConsultationResult:
    """Counts (two grouped queries) checked against the consultation's own rule: turnout at least
    `turnout_percent`, and approvals above `approval_percent` of the households (or of the answers)."""
    households = Household.objects.filter(area=c.area).count()
    counts = dict(c.answers.values_list("answer").annotate(n=Count("id")).order_by())
    answers = sum(counts.values())
    agree = counts.get(Answer.AGREE, 0)
    base = households if c.approval_base == ApprovalBase.HOUSEHOLDS else answers
    turnout = answers / households if households else 0.0
    approval = agree / base if base else 0.0
    quorum = households > 0 and 100 * answers >= c.turnout_percent * households
    return ConsultationResult(
        households=households, answers=answers, agree=agree, disagree=counts.get(Answer.DISAGREE, 0),
        other=counts.get(Answer.OTHER, 0), turnout=turnout, approval=approval, quorum_met=quorum,
        approved=quorum and base > 0 and 100 * agree > c.approval_percent * base)
