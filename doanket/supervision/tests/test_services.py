import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from doanket.supervision import services
from doanket.supervision.models import (
    ActivityStatus,
    Escalation,
    Outcome,
    Progress,
    Recommendation,
    SupervisionActivity,
    SupervisionPlan,
    TeamMember,
    TeamRole,
)

pytestmark = pytest.mark.django_db
D = dt.date


def messages(exc: ValidationError) -> str:
    return " ".join(exc.value.messages)


def test_plan_is_one_per_unit_and_year(plan, staff, tree):
    assert plan.title == "Kế hoạch giám sát năm 2022" and plan.history.first().history_user == staff.standing
    with pytest.raises(ValidationError) as exc:
        services.plan_create(actor=staff.standing, unit=tree.khuong_mai, year=2022)
    assert "đã có kế hoạch giám sát của năm này" in messages(exc)


def test_plan_for_a_unit_outside_the_reach_is_refused(staff, tree):
    with pytest.raises(ValidationError) as exc:
        services.plan_create(actor=staff.standing, unit=tree.nhan_chinh, year=2022)
    assert "không có quyền lập kế hoạch" in messages(exc)
    assert not SupervisionPlan.objects.exists()


def test_the_lifecycle_goes_step_by_step_and_each_step_is_audited(activity, staff, people):
    services.member_add(actor=staff.standing, activity=activity, person=people.km, role=TeamRole.HEAD)
    with pytest.raises(ValidationError):
        services.activity_conclude(actor=staff.standing, activity=activity, findings="x", concluded_on=D(2022, 10, 1))
    services.activity_notify(actor=staff.standing, activity=activity, notified_on=D(2022, 8, 20))
    services.activity_conduct(actor=staff.standing, activity=activity, conducted_on=D(2022, 9, 12))
    services.activity_conclude(actor=staff.standing, activity=activity, findings="Đạt yêu cầu.",
                               concluded_on=D(2022, 10, 3))
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.CONCLUDED and activity.findings == "Đạt yêu cầu."
    statuses = [h.status for h in activity.history.order_by("history_date", "history_id")]
    assert statuses == ["planned", "notified", "conducted", "concluded"]
    assert {h.history_user for h in activity.history.all()} == {staff.standing}


def test_the_plan_must_reach_the_body_fifteen_days_before(activity, staff, people):
    services.member_add(actor=staff.standing, activity=activity, person=people.km, role=TeamRole.HEAD)
    with pytest.raises(ValidationError) as exc:
        services.activity_notify(actor=staff.standing, activity=activity, notified_on=D(2022, 8, 22))
    assert "ít nhất 15 ngày trước ngày bắt đầu (05/09/2022)" in messages(exc)
    assert "chậm nhất ngày 21/08/2022" in messages(exc)
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PLANNED and activity.notified_on is None


def test_the_notice_period_is_a_setting(activity, staff, people, settings):
    settings.DOANKET_SUPERVISION_NOTICE_DAYS = 5
    services.member_add(actor=staff.standing, activity=activity, person=people.km, role=TeamRole.HEAD)
    services.activity_notify(actor=staff.standing, activity=activity, notified_on=D(2022, 8, 31))
    assert SupervisionActivity.objects.get(pk=activity.pk).status == ActivityStatus.NOTIFIED


def test_a_team_needs_its_head_before_notification(activity, staff):
    with pytest.raises(ValidationError) as exc:
        services.activity_notify(actor=staff.standing, activity=activity, notified_on=D(2022, 8, 1))
    assert "Trưởng đoàn" in messages(exc)


def test_team_member_outside_the_reach_is_refused(activity, staff, people):
    with pytest.raises(ValidationError) as exc:
        services.member_add(actor=staff.standing, activity=activity, person=people.nc)
    assert "không thuộc phạm vi quản lý của bạn" in messages(exc)
    assert not TeamMember.objects.exists()


def test_team_member_gets_the_positions_of_the_first_day(activity, staff, people):
    m = services.member_add(actor=staff.standing, activity=activity, person=people.km, role=TeamRole.HEAD)
    assert m.position_label == "UVTT"
    with pytest.raises(ValidationError) as exc:
        services.member_add(actor=staff.standing, activity=activity, person=people.km)
    assert "đã có trong đoàn" in messages(exc)


def test_other_wards_cadre_cannot_touch_the_activity(activity, staff):
    with pytest.raises(Http404):
        services.activity_notify(actor=staff.other, activity=activity, notified_on=D(2022, 8, 1))


def test_viewer_is_refused_with_403(activity, staff):
    with pytest.raises(PermissionDenied):
        services.activity_update(actor=staff.viewer, activity=activity, title="Khác")


def test_recommendation_deadline_is_twenty_working_days(rec):
    assert rec.answer_due == D(2022, 11, 2)
    assert rec.addressee == "Ủy ban nhân dân phường Khương Mai"
    assert rec.activity.status == ActivityStatus.CONCLUDED  # the fixture's stale instance
    assert SupervisionActivity.objects.get(pk=rec.activity_id).status == ActivityStatus.RECOMMENDED


def test_the_answer_period_is_a_setting(concluded, staff, settings):
    settings.DOANKET_SUPERVISION_ANSWER_WORKING_DAYS = 5
    r = services.recommendation_add(actor=staff.standing, activity=concluded, issued_on=D(2022, 10, 5), content="x")
    assert r.answer_due == D(2022, 10, 12)


def test_a_deadline_in_the_past_is_refused(concluded, staff):
    with pytest.raises(ValidationError) as exc:
        services.recommendation_add(actor=staff.standing, activity=concluded, issued_on=D(2022, 10, 5),
                                    content="x", answer_due=D(2022, 10, 20))
    assert "Hạn trả lời đã qua" in messages(exc)
    with pytest.raises(ValidationError) as exc:
        services.recommendation_add(actor=staff.standing, activity=concluded, issued_on=D(2022, 10, 5),
                                    content="x", answer_due=D(2022, 10, 1))
    assert "không được trước ngày gửi kiến nghị" in messages(exc)
    assert not Recommendation.objects.exists()


def test_recommendation_before_the_conclusion_is_refused(activity, staff):
    with pytest.raises(ValidationError) as exc:
        services.recommendation_add(actor=staff.standing, activity=activity, issued_on=D(2022, 10, 5), content="x")
    assert "đã có kết luận" in messages(exc)


def test_answer_dated_before_the_recommendation_is_refused(rec, staff):
    with pytest.raises(ValidationError) as exc:
        services.recommendation_answer(actor=staff.entry, recommendation=rec, answered_on=D(2022, 10, 1),
                                       outcome=Outcome.ACCEPTED)
    assert "Ngày nhận trả lời (01/10/2022) không được trước ngày gửi kiến nghị (05/10/2022)" in messages(exc)
    rec.refresh_from_db()
    assert rec.answered_on is None


def test_answer_needs_an_outcome_and_data_entry_records_it(rec, staff):
    with pytest.raises(ValidationError):
        services.recommendation_answer(actor=staff.entry, recommendation=rec, answered_on=D(2022, 10, 20), outcome="")
    services.recommendation_answer(actor=staff.entry, recommendation=rec, answered_on=D(2022, 10, 20),
                                   outcome=Outcome.PARTLY, answer="Sẽ tăng lên 2 lần/ngày.")
    services.recommendation_progress(actor=staff.entry, recommendation=rec, progress=Progress.IN_PROGRESS)
    rec.refresh_from_db()
    assert (rec.outcome, rec.progress) == (Outcome.PARTLY, Progress.IN_PROGRESS)
    assert rec.history.first().history_user == staff.entry


def test_viewer_cannot_record_answers(rec, staff):
    with pytest.raises(PermissionDenied):
        services.recommendation_answer(actor=staff.viewer, recommendation=rec, answered_on=D(2022, 10, 20),
                                       outcome=Outcome.ACCEPTED)


def test_rejected_recommendation_has_no_progress(rec, staff):
    services.recommendation_answer(actor=staff.entry, recommendation=rec, answered_on=D(2022, 10, 20),
                                   outcome=Outcome.REJECTED)
    with pytest.raises(ValidationError):
        services.recommendation_progress(actor=staff.entry, recommendation=rec, progress=Progress.DONE)


def test_overdue_recommendation_is_escalated_to_the_district(rec, staff, tree):
    e = services.recommendation_escalate(actor=staff.standing, recommendation=rec, today=D(2022, 11, 3))
    assert (e.from_unit, e.to_unit, e.superior) == (tree.khuong_mai, tree.district, "Ủy ban nhân dân quận Thanh Xuân")
    assert "Quá hạn trả lời 02/11/2022" in e.reason
    with pytest.raises(ValidationError) as exc:
        services.recommendation_escalate(actor=staff.standing, recommendation=rec, today=D(2022, 11, 4))
    assert "đã được chuyển lên cấp trên" in messages(exc)


def test_escalation_before_the_deadline_or_after_an_answer_is_refused(rec, staff):
    with pytest.raises(ValidationError) as exc:
        services.recommendation_escalate(actor=staff.standing, recommendation=rec, today=D(2022, 11, 2))
    assert "chưa quá hạn" in messages(exc)
    services.recommendation_answer(actor=staff.entry, recommendation=rec, answered_on=D(2022, 11, 1),
                                   outcome=Outcome.ACCEPTED)
    with pytest.raises(ValidationError):
        services.recommendation_escalate(actor=staff.standing, recommendation=rec, today=D(2022, 11, 3))
    assert not Escalation.objects.exists()


def test_escalation_needs_the_superior_body(rec, staff):
    services.activity_update(actor=staff.standing, activity=rec.activity, subject_superior="")
    with pytest.raises(ValidationError) as exc:
        services.recommendation_escalate(actor=staff.standing, recommendation=rec)
    assert "cơ quan cấp trên" in messages(exc)


def test_the_daily_pass_escalates_every_overdue_recommendation_once(rec, concluded, staff):
    fresh = services.recommendation_add(actor=staff.standing, activity=concluded, issued_on=dt.date.today(),
                                        content="Mới gửi")
    first = services.escalate_overdue()
    assert [e.recommendation_id for e in first] == [rec.pk]
    assert services.escalate_overdue() == []
    assert not fresh.escalations.exists()


def test_close_waits_for_every_answer(rec, staff):
    activity = SupervisionActivity.objects.get(pk=rec.activity_id)
    with pytest.raises(ValidationError) as exc:
        services.activity_close(actor=staff.standing, activity=activity, closed_on=D(2022, 12, 1))
    assert "Còn 1 kiến nghị chưa được trả lời" in messages(exc)
    services.recommendation_answer(actor=staff.entry, recommendation=rec, answered_on=D(2022, 11, 1),
                                   outcome=Outcome.ACCEPTED)
    services.activity_close(actor=staff.standing, activity=activity, closed_on=D(2022, 12, 1))
    assert SupervisionActivity.objects.get(pk=activity.pk).status == ActivityStatus.CLOSED


def test_plan_edits_stop_once_the_team_has_worked(concluded, staff):
    with pytest.raises(ValidationError) as exc:
        services.activity_update(actor=staff.standing, activity=concluded, title="Khác")
    assert "đã tiến hành" in messages(exc)
    # The superior body may still be added, to escalate.
    services.activity_update(actor=staff.standing, activity=concluded, subject_superior="UBND quận Thanh Xuân")


def test_the_daily_command(rec, capsys):
    from django.core.management import call_command

    call_command("supervision_escalate")
    assert "Đã chuyển 1 kiến nghị" in capsys.readouterr().out
    assert rec.escalations.count() == 1
