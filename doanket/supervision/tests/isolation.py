"""Supervision's part of tests/test_isolation.py: a ward's 2022 plan with a concluded activity, a team member,
a document and an overdue recommendation escalated to the district."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from doanket.supervision import services
from doanket.supervision.models import ActivityDocument, SupervisionForm

ROUTE_WORDS = {"ke-hoach-giam-sat": "supervision_plan", "cuoc-giam-sat": "supervision_activity",
               "doan-giam-sat": "supervision_member", "van-ban-giam-sat": "supervision_document",
               "kien-nghi-giam-sat": "supervision_recommendation", "phan-bien-xa-hoi": "supervision_critique",
               "y-kien-phan-bien": "supervision_opinion", "lay-y-kien-ho": "supervision_consultation",
               # the JSON API
               "supervision-plans": "supervision_plan", "supervision-activities": "supervision_activity",
               "supervision-recommendations": "supervision_recommendation"}


def ward_texts(scope: SimpleNamespace) -> list[str]:
    return [f"Giám sát nội bộ {scope.ward.name}", f"Kiến nghị riêng của {scope.ward.name}",
            f"Dự thảo quy chế của {scope.ward.name}"]


def records(scope: SimpleNamespace) -> dict[str, int | str]:
    activity_title, rec_text, draft = ward_texts(scope)
    plan = services.plan_create(actor=None, unit=scope.ward, year=2022)
    activity = services.activity_create(
        actor=None, plan=plan, title=activity_title, subject=f"Ủy ban nhân dân {scope.ward.name.lower()}",
        subject_superior="Ủy ban nhân dân quận Thanh Xuân", content="Thu gom rác thải",
        form=SupervisionForm.DOCUMENT_REVIEW, starts_on=dt.date(2022, 9, 5), ends_on=dt.date(2022, 9, 30))
    member = services.member_add(actor=None, activity=activity, person=scope.person)
    services.activity_notify(actor=None, activity=activity, notified_on=dt.date(2022, 8, 15))
    services.activity_conduct(actor=None, activity=activity, conducted_on=dt.date(2022, 9, 10))
    services.activity_conclude(actor=None, activity=activity, findings="Kết luận", concluded_on=dt.date(2022, 10, 3))
    rec = services.recommendation_add(actor=None, activity=activity, content=rec_text, issued_on=dt.date(2022, 10, 5))
    activity = services.activity_issue_recommendations(actor=None, activity=activity)
    services.recommendation_escalate(actor=None, recommendation=rec)
    # No file on disk: its download answers 404 (see may_404).
    document = ActivityDocument.objects.create(activity=activity, title="Báo cáo", file="supervision/khong-co.pdf",
                                               original_name="bao-cao.pdf", file_kind="pdf", size=1)
    critique = services.critique_create(actor=None, unit=scope.ward, title=draft, issuing_body="UBND phường",
                                        received_on=dt.date(2023, 3, 6), deadline=dt.date(2023, 3, 31))
    opinion = services.opinion_add(actor=None, critique=critique, author="Chuyên gia", content="Ý kiến",
                                   received_on=dt.date(2023, 3, 10))
    services.critique_issue(actor=None, critique=critique, critique_text="Phản biện", issued_on=dt.date(2023, 3, 28))
    today = dt.date.today()
    consultation = services.consultation_create(actor=None, area=scope.area, question=f"Lấy ý kiến {scope.ward.name}",
                                                opens_on=today, closes_on=today)
    return {"supervision_consultation": consultation.pk, "supervision_critique": critique.pk,
            "supervision_opinion": opinion.pk,
            "supervision_plan": plan.pk, "supervision_activity": activity.pk, "supervision_member": member.pk,
            "supervision_document": document.pk, "supervision_recommendation": rec.pk}


def may_404(route: str, user_reach) -> bool:
    """The planted document has no file on disk."""
    return route.startswith("quan-ly/giam-sat/van-ban-giam-sat/<int:pk>/") and not route.endswith("xoa/")
