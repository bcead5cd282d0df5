"""Writes to supervision. Each is atomic, checks the actor's right on the unit's subtree, and is recorded
in history. One module per concept; everything is importable from here."""

from .critiques import critique_create, critique_issue, critique_response, opinion_add, opinion_remove
from .democracy import answer_record, consultation_create, household_add
from .documents import content_type, document_add, document_delete
from .plans import (
    ACTIVITY_FIELDS,
    PLAN_FIELDS,
    activity_close,
    activity_conclude,
    activity_conduct,
    activity_create,
    activity_issue_recommendations,
    activity_notify,
    activity_update,
    member_add,
    member_remove,
    plan_create,
    plan_update,
)
from .recommendations import (
    default_due,
    escalate_overdue,
    next_level,
    recommendation_add,
    recommendation_answer,
    recommendation_escalate,
    recommendation_progress,
)

__all__ = [
    "ACTIVITY_FIELDS",
    "PLAN_FIELDS",
    "activity_close",
    "activity_conclude",
    "activity_conduct",
    "activity_create",
    "activity_issue_recommendations",
    "activity_notify",
    "activity_update",
    "answer_record",
    "consultation_create",
    "content_type",
    "critique_create",
    "critique_issue",
    "critique_response",
    "default_due",
    "document_add",
    "document_delete",
    "escalate_overdue",
    "household_add",
    "member_add",
    "member_remove",
    "next_level",
    "opinion_add",
    "opinion_remove",
    "plan_create",
    "plan_update",
    "recommendation_add",
    "recommendation_answer",
    "recommendation_escalate",
    "recommendation_progress",
]
