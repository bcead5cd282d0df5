import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from doanket.supervision import services
from doanket.supervision.models import ActivityStatus, Outcome, Recommendation, SupervisionActivity

pytestmark = pytest.mark.django_db


def page(client, user, name, *args, **query):
    client.force_login(user)
    return client.get(reverse(f"supervision:{name}", args=args), query)


def test_plan_list_shows_the_reach_only(client, plan, staff, tree):
    other = services.plan_create(actor=staff.other, unit=tree.nhan_chinh, year=2022, title="Kế hoạch Nhân Chính")
    body = page(client, staff.standing, "list").content.decode()
    assert plan.title in body and other.title not in body
    body = page(client, staff.district, "list").content.decode()
    assert "Kế hoạch Nhân Chính" in body and "2022" in body and "2.022" not in body


def test_plan_list_query_count_is_fixed(client, staff, tree, django_assert_max_num_queries):
    for year in range(2015, 2025):
        services.plan_create(actor=staff.standing, unit=tree.khuong_mai, year=year)
    client.force_login(staff.standing)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("supervision:list")).status_code == 200


def test_create_a_plan_and_an_activity_through_the_pages(client, staff, tree):
    client.force_login(staff.standing)
    resp = client.post(reverse("supervision:plan_create"), {"unit": tree.khuong_mai.pk, "year": 2026, "title": ""})
    plan = tree.khuong_mai.supervision_plans.get()
    assert resp.status_code == 302 and plan.title == "Kế hoạch giám sát năm 2026"
    resp = client.post(reverse("supervision:activity_create", args=[plan.pk]), {
        "title": "Giám sát thu gom rác", "subject": "UBND phường", "content": "Thu gom rác", "form": "team",
        "starts_on": "05/09/2026", "ends_on": "30/09/2026"})
    assert resp.status_code == 302
    assert SupervisionActivity.objects.get().starts_on == dt.date(2026, 9, 5)


def test_activity_in_another_year_is_refused_in_vietnamese(client, plan, staff):
    client.force_login(staff.standing)
    resp = client.post(reverse("supervision:activity_create", args=[plan.pk]), {
        "title": "X", "subject": "Y", "content": "Z", "form": "team", "starts_on": "05/09/2023",
        "ends_on": "31/09/2023"})
    body = resp.content.decode()
    assert resp.status_code == 200 and "Ngày không hợp lệ" in body
    resp = client.post(reverse("supervision:activity_create", args=[plan.pk]), {
        "title": "X", "subject": "Y", "content": "Z", "form": "team", "starts_on": "05/09/2023",
        "ends_on": "30/09/2023"})
    assert "phải bắt đầu trong năm của kế hoạch (2022)" in resp.content.decode()
    assert not SupervisionActivity.objects.exists()


def test_lifecycle_buttons_walk_the_activity(client, activity, staff, people):
    client.force_login(staff.standing)
    url = reverse("supervision:activity_step", args=[activity.pk])
    client.post(reverse("supervision:member_add", args=[activity.pk]), {"person": people.km.pk, "role": "head"})
    resp = client.post(url, {"step": "notify", "notified_on": "25/08/2022"})
    assert resp.status_code == 200 and "ít nhất 15 ngày trước ngày bắt đầu" in resp.content.decode()
    assert client.post(url, {"step": "notify", "notified_on": "15/08/2022"}).status_code == 302
    assert client.post(url, {"step": "conduct", "conducted_on": "12/09/2022"}).status_code == 302
    assert client.post(url, {"step": "conclude", "findings": "Tốt", "concluded_on": "03/10/2022"}).status_code == 302
    resp = client.post(url, {"step": "issue"}, follow=True)
    assert "Chưa có kiến nghị nào" in resp.content.decode()
    client.post(reverse("supervision:recommendation_add", args=[activity.pk]),
                {"content": "Tăng tần suất thu gom", "issued_on": "05/10/2022"})
    assert client.post(url, {"step": "issue"}).status_code == 302
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.RECOMMENDED
    body = client.get(reverse("supervision:activity", args=[activity.pk])).content.decode()
    assert "02/11/2022" in body and "quá hạn" in body


def test_viewer_sees_the_activity_but_has_no_buttons_and_gets_403(client, concluded, staff):
    body = page(client, staff.viewer, "activity", concluded.pk).content.decode()
    assert concluded.title in body and 'name="step"' not in body
    resp = client.post(reverse("supervision:activity_step", args=[concluded.pk]), {"step": "issue"})
    assert resp.status_code == 403


def test_other_ward_gets_404(client, concluded, staff):
    assert page(client, staff.other, "activity", concluded.pk).status_code == 404


def test_notification_docx_download(client, concluded, staff):
    resp = page(client, staff.viewer, "notification_docx", concluded.pk)
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    text = "\n".join(p.text for p in Document(io.BytesIO(resp.content)).paragraphs)
    assert "THÔNG BÁO" in text and "Kính gửi: Ủy ban nhân dân phường Khương Mai." in text


def test_followup_overdue_first_and_filters(client, rec, concluded, staff, django_assert_max_num_queries):
    later = services.recommendation_add(actor=staff.standing, activity=concluded, issued_on=dt.date.today(),
                                        content="Kiến nghị còn trong hạn")
    answered = services.recommendation_add(actor=staff.standing, activity=concluded, issued_on=dt.date(2022, 10, 5),
                                           content="Kiến nghị đã trả lời")
    services.recommendation_answer(actor=staff.entry, recommendation=answered, answered_on=dt.date(2022, 10, 10),
                                   outcome=Outcome.ACCEPTED)
    client.force_login(staff.entry)
    with django_assert_max_num_queries(13):
        body = client.get(reverse("supervision:followup")).content.decode()
    assert body.index(rec.content) < body.index(later.content) and answered.content not in body
    body = client.get(reverse("supervision:followup"), {"show": "overdue"}).content.decode()
    assert rec.content in body and later.content not in body
    body = client.get(reverse("supervision:followup"), {"show": "answered"}).content.decode()
    assert answered.content in body and rec.content not in body


def test_followup_query_count_does_not_grow(client, concluded, staff, django_assert_max_num_queries):
    for i in range(30):
        r = services.recommendation_add(actor=staff.standing, activity=concluded, issued_on=dt.date(2022, 10, 5),
                                        content=f"Kiến nghị {i}")
        if i % 3 == 0:
            services.recommendation_escalate(actor=None, recommendation=r)
    client.force_login(staff.district)
    with django_assert_max_num_queries(13):
        assert client.get(reverse("supervision:followup"), {"show": "all"}).status_code == 200


def test_escalation_through_the_page_is_visible_to_the_district(client, rec, staff):
    client.force_login(staff.standing)
    resp = client.post(reverse("supervision:recommendation_escalate", args=[rec.pk]), {"reason": ""})
    assert resp.status_code == 302
    client.force_login(staff.district)
    body = client.get(reverse("supervision:followup"), {"show": "escalated"}).content.decode()
    assert rec.content in body and "đã chuyển Quận Thanh Xuân" in body
    resp = client.get(reverse("supervision:escalation_docx", args=[rec.pk]))
    assert "Kính gửi: Ủy ban nhân dân quận Thanh Xuân." in "\n".join(
        p.text for p in Document(io.BytesIO(resp.content)).paragraphs)


def test_answer_before_the_recommendation_is_refused_on_the_form(client, rec, staff):
    client.force_login(staff.entry)
    resp = client.post(reverse("supervision:recommendation_answer", args=[rec.pk]),
                       {"answered_on": "01/10/2022", "outcome": "accepted"})
    assert resp.status_code == 200
    assert "không được trước ngày gửi kiến nghị (05/10/2022)" in resp.content.decode()
    assert Recommendation.objects.get(pk=rec.pk).answered_on is None
    resp = client.post(reverse("supervision:recommendation_answer", args=[rec.pk]),
                       {"answered_on": "20/10/2022", "outcome": "partly", "answer": "Tăng 2 lần/ngày"})
    assert resp.status_code == 302 and Recommendation.objects.get(pk=rec.pk).outcome == "partly"


def test_document_upload_checks_the_content(client, concluded, staff, media):
    client.force_login(staff.entry)
    url = reverse("supervision:document_add", args=[concluded.pk])
    fake = io.BytesIO(b"not a pdf at all")
    fake.name = "bao-cao.pdf"
    resp = client.post(url, {"kind": "report", "title": "", "file": fake})
    assert resp.status_code == 200 and "không phải là tệp PDF thật" in resp.content.decode()
    real = io.BytesIO(b"%PDF-1.4\n%%EOF\n")
    real.name = "bao-cao.pdf"
    assert client.post(url, {"kind": "report", "title": "Báo cáo kết quả", "file": real}).status_code == 302
    doc = concluded.documents.get()
    resp = client.get(reverse("supervision:document", args=[doc.pk]))
    assert resp["Content-Type"] == "application/pdf" and b"".join(resp.streaming_content).startswith(b"%PDF")


def test_api_followup_and_answer(client, rec, staff):
    client.force_login(staff.entry)
    data = client.get("/api/supervision-recommendations", {"show": "overdue"}).json()
    assert data["count"] == 1 and data["items"][0]["overdue"] is True
    resp = client.patch(f"/api/supervision-recommendations/{rec.pk}", {"answered_on": "2022-10-01",
                                                                        "outcome": "accepted"},
                        content_type="application/json")
    assert resp.status_code == 400 and "không được trước ngày gửi kiến nghị" in resp.json()["detail"]
    resp = client.post(f"/api/supervision-recommendations/{rec.pk}/escalations")
    assert resp.status_code == 403  # data entry records answers; the standing committee escalates
    client.force_login(staff.other)
    assert client.get(f"/api/supervision-recommendations/{rec.pk}").status_code == 404


def test_spreadsheets_of_the_plan_and_the_followup(client, rec, staff):
    from openpyxl import load_workbook

    client.force_login(staff.viewer)
    resp = client.get(reverse("supervision:plan_xlsx", args=[rec.activity.plan_id]))
    rows = list(load_workbook(io.BytesIO(resp.content)).active.iter_rows(values_only=True))
    assert rows[1][1] == "Giám sát công tác thu gom rác thải" and rows[1][5] == dt.datetime(2022, 9, 5)
    resp = client.get(reverse("supervision:followup_xlsx"), {"show": "overdue"})
    rows = list(load_workbook(io.BytesIO(resp.content)).active.iter_rows(values_only=True))
    assert rows[0][3] == "Nội dung kiến nghị"
    assert rows[1][3] == rec.content and rows[1][5] == dt.datetime(2022, 11, 2) and rows[1][6] == "Có"


def test_plan_and_activity_pages_query_counts_are_fixed(client, concluded, staff, people,
                                                        django_assert_max_num_queries):
    for i in range(8):
        services.activity_create(actor=staff.standing, plan=concluded.plan, title=f"Cuộc giám sát {i}", subject="UBND",
                                 content="Nội dung", starts_on=dt.date(2022, 11, 1), ends_on=dt.date(2022, 11, 2))
        services.recommendation_add(actor=staff.standing, activity=concluded, issued_on=dt.date(2022, 10, 5),
                                    content=f"Kiến nghị {i}")
    client.force_login(staff.standing)
    # Session, user, reach and nav queries, then a fixed number for the page: not one per activity.
    with django_assert_max_num_queries(15):
        assert client.get(reverse("supervision:plan", args=[concluded.plan_id])).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("supervision:activity", args=[concluded.pk])).status_code == 200
