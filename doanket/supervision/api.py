"""JSON API of supervision: plans, activities and the recommendation follow-up, through the same selectors and
services as the pages (outside the reach 404, inside without the right 403, refusals 400 in Vietnamese)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from doanket.core.api import READ_ERRORS, WRITE_ERRORS, Pagination, actor

from . import selectors, services
from .models import Recommendation, SupervisionActivity, SupervisionPlan
from .permissions import SupervisionPerm
from .selectors import Filter


class BoundedPagination(Pagination):
    """Pages up to a billion: a larger page number makes an OFFSET beyond 64 bits, which SQLite refuses with an
    IntegrityError (a 500) that the shared error handlers do not map. Worth moving to core.api.Pagination."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000_000)
        page_size: int | None = Field(None, ge=1)


plans_router = Router(tags=["Giám sát: kế hoạch"])
activities_router = Router(tags=["Giám sát: cuộc giám sát"])
recommendations_router = Router(tags=["Giám sát: kiến nghị"])


class UnitRef(Schema):
    id: int
    name: str


class PlanOut(Schema):
    id: int
    unit: UnitRef
    year: int
    title: str
    note: str


class ActivityOut(Schema):
    id: int
    plan_id: int
    unit: UnitRef
    title: str
    subject: str
    subject_superior: str
    content: str
    form: str
    starts_on: dt.date
    ends_on: dt.date
    status: str
    notified_on: dt.date | None
    conducted_on: dt.date | None
    concluded_on: dt.date | None
    findings: str
    closed_on: dt.date | None


class EscalationOut(Schema):
    to_unit: UnitRef
    superior: str
    escalated_on: dt.date


class RecommendationOut(Schema):
    id: int
    activity_id: int
    unit: UnitRef
    addressee: str
    content: str
    issued_on: dt.date
    answer_due: dt.date
    answered_on: dt.date | None
    answer: str
    outcome: str
    progress: str
    overdue: bool
    escalations: list[EscalationOut]

    @staticmethod
    def resolve_overdue(obj: Recommendation) -> bool:
        return selectors.is_overdue(obj)

    @staticmethod
    def resolve_escalations(obj: Recommendation) -> list:
        return list(obj.escalations.all())


class PlanFilter(Schema):
    year: int | None = None


class FollowupFilter(Schema):
    show: str = Field(Filter.OPEN, description="open | overdue | escalated | answered | all")
    year: int | None = None


class AnswerIn(Schema):
    answered_on: dt.date
    outcome: str = Field(description="accepted | partly | rejected")
    answer: str = ""


@plans_router.get("", response=list[PlanOut], summary="Kế hoạch giám sát trong phạm vi")
@paginate(BoundedPagination)
def plan_list(request: HttpRequest, filters: Query[PlanFilter]) -> QuerySet[SupervisionPlan]:
    return selectors.plan_list(actor(request), year=filters.year)


@plans_router.get("/{plan_id}", response={200: PlanOut, **READ_ERRORS}, summary="Một kế hoạch giám sát")
def plan_detail(request: HttpRequest, plan_id: int) -> SupervisionPlan:
    return selectors.access_plan(actor(request), plan_id)


@activities_router.get("/{activity_id}", response={200: ActivityOut, **READ_ERRORS}, summary="Một cuộc giám sát")
def activity_detail(request: HttpRequest, activity_id: int) -> SupervisionActivity:
    return selectors.access_activity(actor(request), activity_id)


@recommendations_router.get("", response=list[RecommendationOut],
                            summary="Theo dõi kiến nghị: chưa trả lời trước, theo hạn")
@paginate(BoundedPagination)
def recommendation_list(request: HttpRequest, filters: Query[FollowupFilter]) -> QuerySet[Recommendation]:
    show = filters.show if filters.show in Filter.CHOICES else Filter.OPEN
    return selectors.recommendation_followup(actor(request), show=show, year=filters.year)


@recommendations_router.get("/{recommendation_id}", response={200: RecommendationOut, **READ_ERRORS},
                            summary="Một kiến nghị")
def recommendation_detail(request: HttpRequest, recommendation_id: int) -> Recommendation:
    return selectors.access_recommendation(actor(request), recommendation_id)


@recommendations_router.patch("/{recommendation_id}", response={200: RecommendationOut, **WRITE_ERRORS},
                              summary="Ghi nhận (hoặc sửa) trả lời kiến nghị")
def recommendation_answer(request: HttpRequest, recommendation_id: int,
                          payload: AnswerIn | None = None) -> Recommendation:
    # The body is optional in the schema so that the record's reach is checked first (404 before 400).
    rec = selectors.access_recommendation(actor(request), recommendation_id, SupervisionPerm.TRACK)
    if payload is None:
        raise ValidationError({"answered_on": [_("Cần nhập ngày nhận trả lời.")]})
    return services.recommendation_answer(actor=actor(request), recommendation=rec, **payload.dict())


@recommendations_router.post("/{recommendation_id}/escalations", response={200: RecommendationOut, **WRITE_ERRORS},
                             summary="Chuyển kiến nghị quá hạn lên Mặt trận cấp trên")
def recommendation_escalate(request: HttpRequest, recommendation_id: int) -> Recommendation:
    # No body: the letter's reason is the standard one (overdue since the deadline); the page lets a cadre add more.
    rec = selectors.access_recommendation(actor(request), recommendation_id, SupervisionPerm.MANAGE)
    services.recommendation_escalate(actor=actor(request), recommendation=rec)
    return selectors.access_recommendation(actor(request), recommendation_id)
