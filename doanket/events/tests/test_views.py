import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doanket.events import services
from doanket.events.models import Event, EventStatus, Guest, Invitation, Material, ProgrammeItem, Speaker
from doanket.orgunits import services as unit_services
from doanket.orgunits.models import OrgUnit
from doanket.people.models import Assignment, Person

from .conftest import move
from .test_materials import pdf_bytes

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def as_user(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


def test_list_filters_and_shows_counts(seed_event, users, as_user):
    c = as_user(users.district)
    body = c.get(reverse("events:list")).content.decode()
    assert seed_event.event.title in body and "0 / 2" in body
    assert seed_event.event.title in c.get(reverse("events:list"), {"year": "2022", "status": "open"}).content.decode()
    assert seed_event.event.title not in c.get(reverse("events:list"), {"status": "draft"}).content.decode()
    # The ward sees the district event with its own people only.
    assert "0 / 1" in as_user(users.ward).get(reverse("events:list")).content.decode()


def test_create_with_day_first_date_times(tree, users, as_user, event_types):
    c = as_user(users.district)
    assert c.get(reverse("events:create")).status_code == 200
    data = {"title": "Hội nghị tiếp xúc cử tri", "event_type": event_types["tiep-xuc-cu-tri"].pk,
            "organiser": tree.district.pk, "starts_at": "05/09/2022 08:00", "ends_at": "05/09/2022 07:00"}
    resp = c.post(reverse("events:create"), data)
    assert "Thời gian kết thúc phải sau thời gian bắt đầu." in resp.content.decode()
    assert not Event.objects.exists()
    data["ends_at"] = "05/09/2022 11:30"
    resp = c.post(reverse("events:create"), data)
    event = Event.objects.get()
    assert resp.status_code == 302 and resp["Location"] == reverse("events:detail", args=[event.pk])
    from django.utils import timezone

    assert timezone.localtime(event.starts_at).strftime("%d/%m/%Y %H:%M") == "05/09/2022 08:00"
    assert event.organiser_label == "Ban Thường trực Ủy ban MTTQ Việt Nam quận Thanh Xuân"
    edit = c.get(reverse("events:edit", args=[event.pk])).content.decode()
    assert 'value="05/09/2022 08:00"' in edit


def test_detail_page_sections(seed_event, users, as_user, people):
    services.guest_add(actor=None, event=seed_event.event, person=people.thao)
    body = as_user(users.district).get(reverse("events:detail", args=[seed_event.event.pk])).content.decode()
    for text in ("Chương trình, nội dung", "UVTV, Chủ tịch Ủy ban MTTQ Việt Nam quận", "Đối tượng mời",
                 "Nguyễn Thị Đức Hạnh", "Trần Văn Đức", "Tình hình tham dự", "Lập danh sách mời", "Chuyển sang"):
        assert text in body, text
    ward = as_user(users.ward).get(reverse("events:detail", args=[seed_event.event.pk])).content.decode()
    assert "Nguyễn Thị Đức Hạnh" in ward and "Trần Văn Đức" not in ward and "Phường Nhân Chính" not in ward
    assert "Lập danh sách mời" not in ward and "Chuyển sang" not in ward


def test_out_of_reach_answers_404_and_no_right_answers_403(seed_event, tree, people, positions, make_event, users,
                                                          as_user):
    nc_event = make_event(tree.nhan_chinh, title="Hội nghị phường Nhân Chính")
    services.rule_add(actor=None, event=nc_event, root=tree.nhan_chinh, positions=[positions["UVTT"]])
    services.invitations_build(actor=None, event=nc_event)
    c = as_user(users.ward)
    for name in ("detail", "edit", "attendance", "checkin", "report_docx", "report_xlsx", "article", "invitations"):
        assert c.get(reverse(f"events:{name}", args=[nc_event.pk])).status_code == 404, name
    assert c.post(reverse("events:transition", args=[nc_event.pk]), {"to": "planned"}).status_code == 404
    inv = nc_event.invitations.get()
    assert c.post(reverse("events:invitation_checkin", args=[inv.pk])).status_code == 404
    assert c.get(reverse("events:invitation_qr", args=[inv.pk])).status_code == 404
    # Visible (its people are invited) but not the ward's to manage: 403.
    assert c.get(reverse("events:edit", args=[seed_event.event.pk])).status_code == 403
    assert c.post(reverse("events:transition", args=[seed_event.event.pk]), {"to": "held"}).status_code == 403
    assert c.post(reverse("events:build", args=[seed_event.event.pk])).status_code == 403
    assert as_user(users.viewer).get(reverse("events:checkin", args=[seed_event.event.pk])).status_code == 403
    assert Event.objects.get(pk=seed_event.event.pk).status == EventStatus.OPEN


def test_lifecycle_buttons(tree, users, as_user, make_event):
    event = make_event(tree.district)
    c = as_user(users.district)
    c.post(reverse("events:transition", args=[event.pk]), {"to": "planned"})
    assert Event.objects.get(pk=event.pk).status == "planned"
    resp = c.post(reverse("events:transition", args=[event.pk]), {"to": "open"}, follow=True)
    assert "Chưa có danh sách mời" in resp.content.decode()
    assert Event.objects.get(pk=event.pk).status == "planned"


def test_audience_rule_and_build_pages(tree, people, positions, users, as_user, make_event):
    event = make_event(tree.district)
    c = as_user(users.district)
    assert c.get(reverse("events:rule_add", args=[event.pk])).status_code == 200
    resp = c.post(reverse("events:rule_add", args=[event.pk]), {
        "root": tree.district.pk, "positions": [positions["Bí thư Chi bộ"].pk], "include_subtree": "on"})
    assert "không có người nào" in resp.content.decode()
    resp = c.post(reverse("events:rule_add", args=[event.pk]), {
        "root": tree.district.pk, "positions": [positions["UVTT"].pk], "include_subtree": "on"})
    assert resp.status_code == 302
    resp = c.post(reverse("events:build", args=[event.pk]), follow=True)
    assert "thêm 2, bớt 0, tổng cộng 2 người" in resp.content.decode()
    rule = event.rules.get()
    c.post(reverse("events:rule_delete", args=[rule.pk]))
    assert not event.rules.exists()


def test_invitation_search_add_remove(seed_event, people, users, as_user):
    c = as_user(users.district)
    event = seed_event.event
    body = c.get(reverse("events:invitations", args=[event.pk]), {"q": "duc hanh"}, **HX).content.decode()
    assert "Nguyễn Thị Đức Hạnh" in body and "Trần Văn Đức" not in body
    found = c.get(reverse("events:people_search", args=[event.pk]), {"q": "van hung", "for": "invite"}).content.decode()
    assert "Văn Hùng Sơn" in found
    c.post(reverse("events:invitation_add", args=[event.pk]), {"person": people.son.pk})
    assert Invitation.objects.filter(event=event, person=people.son, source="manual").exists()
    c.post(reverse("events:invitation_remove", args=[seed_event.nc.pk]))
    assert not Invitation.objects.filter(pk=seed_event.nc.pk).exists()
    # A person outside the ward's directory cannot be picked by a ward user.
    assert as_user(users.ward).post(reverse("events:invitation_add", args=[event.pk]),
                                    {"person": people.son.pk}).status_code == 403


def test_programme_guests_speakers_by_htmx(seed_event, people, users, as_user):
    c = as_user(users.district)
    event = seed_event.event
    resp = c.post(reverse("events:programme_add", args=[event.pk]), {"title": "Những vấn đề về tổ chức của MTTQ",
                                                                     "time": "14:10"}, **HX)
    assert resp.status_code == 200 and 'id="programme"' in resp.content.decode() and "14:10" in resp.content.decode()
    resp = c.post(reverse("events:programme_add", args=[event.pk]), {"title": "", "time": "25:99"}, **HX)
    assert "Giờ không hợp lệ" in resp.content.decode()
    resp = c.post(reverse("events:guest_add", args=[event.pk]), {"person": people.thao.pk}, **HX)
    assert "UVTV, Chủ tịch Ủy ban MTTQ Việt Nam quận" in resp.content.decode()
    resp = c.post(reverse("events:speaker_add", args=[event.pk]),
                  {"full_name": "Tạ Văn Sỹ", "title": "Tiến sỹ", "affiliation": "Nguyên Giám đốc"}, **HX)
    assert "Tiến sỹ Tạ Văn Sỹ - Nguyên Giám đốc" in resp.content.decode()
    resp = c.post(reverse("events:speaker_add", args=[event.pk]), {"full_name": ""})  # without HTMX: back to the page
    assert resp.status_code == 302 and resp["Location"].endswith("#speakers")
    assert (ProgrammeItem.objects.count(), Guest.objects.count(), Speaker.objects.count()) == (1, 1, 1)
    for name, obj in (("programme_remove", ProgrammeItem.objects.get()), ("guest_remove", Guest.objects.get()),
                      ("speaker_remove", Speaker.objects.get())):
        assert c.post(reverse(f"events:{name}", args=[obj.pk]), **HX).status_code == 200
    assert (ProgrammeItem.objects.count(), Guest.objects.count(), Speaker.objects.count()) == (0, 0, 0)


def test_materials_upload_download_delete(seed_event, users, as_user, media):
    c = as_user(users.district)
    event = seed_event.event
    resp = c.post(reverse("events:material_upload", args=[event.pk]),
                  {"file": SimpleUploadedFile("gia.pdf", b"khong phai pdf"), "title": ""}, **HX)
    assert "không phải là tệp PDF thật" in resp.content.decode() and not Material.objects.exists()
    data = pdf_bytes()
    c.post(reverse("events:material_upload", args=[event.pk]),
           {"file": SimpleUploadedFile("Đề cương.pdf", data), "title": "Đề cương bài giảng"}, **HX)
    m = Material.objects.get()
    ward = as_user(users.ward).get(reverse("events:material_download", args=[m.pk]))  # invited ward may read it
    assert ward.status_code == 200 and b"".join(ward.streaming_content) == data
    assert ward["Content-Type"] == "application/pdf" and "attachment" in ward["Content-Disposition"]
    assert as_user(users.ward).post(reverse("events:material_delete", args=[m.pk])).status_code == 403
    assert as_user(users.district).post(reverse("events:material_delete", args=[m.pk]), **HX).status_code == 200
    assert not Material.objects.exists()


def test_checkin_page_and_htmx_counts(seed_event, users, as_user, checkin_clerk):
    c = as_user(checkin_clerk)
    event = seed_event.event
    page = c.get(reverse("events:checkin", args=[event.pk])).content.decode()
    assert 'data-testid="present-count">0<' in page and "events/checkin.js" in page and "<script>" not in page
    resp = c.post(reverse("events:checkin", args=[event.pk]), {"code": seed_event.km.code.lower()}, **HX)
    body = resp.content.decode()
    assert "Đã điểm danh: Nguyễn Thị Đức Hạnh." in body
    assert 'hx-swap-oob="true"' in body and 'data-testid="present-count">1<' in body
    body = c.post(reverse("events:checkin", args=[event.pk]), {"code": seed_event.km.code}, **HX).content.decode()
    assert "đã điểm danh lúc" in body and 'data-testid="present-count">1<' in body
    body = c.post(reverse("events:checkin", args=[event.pk]), {"code": "ZZZZ-ZZZZ-ZZZZ"}, **HX).content.decode()
    assert "Không tìm thấy mã" in body
    found = c.get(reverse("events:checkin_search", args=[event.pk]), {"q": "tran van"}).content.decode()
    assert "Trần Văn Đức" in found
    body = c.post(reverse("events:invitation_checkin", args=[seed_event.nc.pk]), **HX).content.decode()
    assert "Đã điểm danh: Trần Văn Đức." in body and f'id="checkin-row-{seed_event.nc.pk}"' in body
    counts = c.get(reverse("events:checkin_counts", args=[event.pk])).content.decode()
    assert 'data-testid="present-count">2<' in counts
    # Without JavaScript the form posts and the page answers in full.
    page = c.post(reverse("events:checkin", args=[event.pk]), {"code": seed_event.km.code}).content.decode()
    assert "đã điểm danh lúc" in page and page.count('id="checkin-count"') == 1


def _people_in_areas(tree, positions, n: int, start: int = 0) -> None:
    """`n` committee heads, in areas spread over both wards (one per area)."""
    area_type = tree.km_area.unit_type
    wards = [tree.khuong_mai, tree.nhan_chinh]
    areas = []
    for ward_index, ward in enumerate(wards):
        count = n // 2 + (n % 2 if ward_index == 0 else 0)
        areas += unit_services.unit_bulk_add_children(
            actor=None, parent=OrgUnit.objects.get(pk=ward.pk),
            units=[OrgUnit(unit_type=area_type, name=f"Tổ {start + i}") for i in range(count)])
    people = []
    for i, area in enumerate(areas):
        p = Person(unit=area, full_name=f"Người Thử {start + i}")
        p.refresh_derived()
        people.append(p)
    people = Person.objects.bulk_create(people)
    Assignment.objects.bulk_create([Assignment(person=p, unit_id=p.unit_id, position=positions["Trưởng ban CTMT"],
                                               start_date=dt.date(2021, 1, 1)) for p in people])


def test_attendance_page_queries_do_not_grow_with_invitees(tree, people, positions, users, as_user, make_event,
                                                          django_assert_max_num_queries):
    _people_in_areas(tree, positions, 10)
    event = make_event(tree.district)
    services.rule_add(actor=None, event=event, root=tree.district, positions=[positions["Trưởng ban CTMT"]])
    services.invitations_build(actor=None, event=event)
    move(event, EventStatus.PLANNED, EventStatus.OPEN)
    for inv in Invitation.objects.filter(event=event)[:5]:
        services.event_check_in(actor=None, event=event, code=inv.code)
    c = as_user(users.district)
    url = reverse("events:attendance", args=[event.pk])
    c.get(url)
    with CaptureQueriesContext(connection) as few:
        assert c.get(url).status_code == 200
    move(Event.objects.get(pk=event.pk), EventStatus.PLANNED)
    _people_in_areas(tree, positions, 190, start=100)
    services.invitations_build(actor=None, event=Event.objects.get(pk=event.pk))
    move(Event.objects.get(pk=event.pk), EventStatus.OPEN)
    for inv in Invitation.objects.filter(event=event, checked_in_at__isnull=True)[:100]:
        services.event_check_in(actor=None, event=event, code=inv.code)
    assert Invitation.objects.filter(event=event).count() == 200
    print(f"\nattendance page: {len(few)} queries for 10 invitees")
    with django_assert_max_num_queries(len(few)):
        body = c.get(url).content.decode()
    assert "Phường Khương Mai" in body and "Nơi được mời không có ai có mặt" in body
    # The event page and the check-in counts do not grow either.
    detail = reverse("events:detail", args=[event.pk])
    with CaptureQueriesContext(connection) as detail_queries:
        c.get(detail)
    print(f"event page: {len(detail_queries)} queries for 200 invitees")
    assert len(detail_queries) < 45


def test_conclude_certificates_report_and_article(seed_event, people, users, as_user):
    event = seed_event.event
    services.guest_add(actor=None, event=event, person=people.thao)
    services.event_check_in(actor=None, event=event, code=seed_event.km.code)
    c = as_user(users.district)
    assert c.get(reverse("events:certificates", args=[event.pk])).status_code == 404  # not held yet
    c.post(reverse("events:transition", args=[event.pk]), {"to": "held"})
    assert c.get(reverse("events:conclude", args=[event.pk])).status_code == 200
    resp = c.post(reverse("events:conclude", args=[event.pk]),
                  {"concluded_by": people.thao.pk, "conclusion": "ghi nhận và đánh giá cao …"})
    assert resp.status_code == 302
    pdf = c.get(reverse("events:certificates", args=[event.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert c.get(reverse("events:certificate", args=[seed_event.km.pk])).content.startswith(b"%PDF")
    assert c.get(reverse("events:certificate", args=[seed_event.nc.pk])).status_code == 404  # absent
    assert c.get(reverse("events:report_docx", args=[event.pk])).content.startswith(b"PK")
    assert c.get(reverse("events:report_xlsx", args=[event.pk])).content.startswith(b"PK")
    resp = c.post(reverse("events:article", args=[event.pk]), follow=True)
    body = resp.content.decode()
    assert "Chiều ngày 20/9/2022, Ban Thường trực Ủy ban MTTQ Việt Nam quận Thanh Xuân đã tổ chức" in body
    assert as_user(users.ward).post(reverse("events:article", args=[event.pk])).status_code == 403


def test_invitation_cards_and_qr(seed_event, users, as_user):
    c = as_user(users.district)
    body = c.get(reverse("events:cards", args=[seed_event.event.pk])).content.decode()
    assert body.count("<svg") == 2 and seed_event.km.code_display in body
    svg = c.get(reverse("events:invitation_qr", args=[seed_event.km.pk]))
    assert svg["Content-Type"] == "image/svg+xml" and svg.content.startswith(b"<svg")


# -- the invitee's pages ---------------------------------------------------------------------------

def test_public_invitation_page_reveals_only_title_date_and_own_name(seed_event, people, client):
    services.guest_add(actor=None, event=seed_event.event, person=people.thao)
    resp = client.get(reverse("events_public:invitation_public", args=[seed_event.km.code]))
    body = resp.content.decode()
    assert resp.status_code == 200
    assert seed_event.event.title in body and "20/09/2022" in body and "Nguyễn Thị Đức Hạnh" in body
    for other in ("Trần Văn Đức", "Khổng Minh Thảo", "Phường Khương Mai", "Quận Thanh Xuân", "Ủy viên Thường trực"):
        assert other not in body, other
    assert "<svg" in body and resp["Cache-Control"] == "no-store" and resp["Referrer-Policy"] == "no-referrer"
    assert "noindex" in resp["X-Robots-Tag"]
    assert 'href="/quan-ly/' not in re.sub(r'action="[^"]*"', "", body.split("<main", 1)[1])  # no cadre links
    assert client.get(reverse("events_public:invitation_public", args=["KHONGCOMA2345"])).status_code == 404


def test_invitee_confirms_with_the_code(tree, people, positions, make_event, client):
    from django.utils import timezone

    event = make_event(tree.district, day=timezone.localdate() + dt.timedelta(days=5))
    services.rule_add(actor=None, event=event, root=tree.district, positions=[positions["UVTT"]])
    services.invitations_build(actor=None, event=event)
    inv = Invitation.objects.get(event=event, person=people.km)
    assert client.get(reverse("events_public:invitation_public", args=[inv.code])).status_code == 404  # draft
    move(event, EventStatus.PLANNED, EventStatus.OPEN)
    resp = client.post(reverse("events_public:invitation_public", args=[inv.code]), {"answer": "yes"}, follow=True)
    assert "Xác nhận tham dự" in resp.content.decode()
    assert Invitation.objects.get(pk=inv.pk).status == "confirmed"
    client.post(reverse("events_public:invitation_public", args=[inv.code]), {"answer": "no"})
    assert Invitation.objects.get(pk=inv.pk).status == "declined"
    qr = client.get(reverse("events_public:invitation_public_qr", args=[inv.code]))
    assert qr["Content-Type"] == "image/svg+xml"


def test_feedback_page(seed_event, client):
    event, inv = seed_event.event, seed_event.km
    url = reverse("events_public:invitation_feedback", args=[inv.code])
    assert "Chỉ người đã điểm danh" in client.get(url).content.decode()
    services.event_check_in(actor=None, event=event, code=inv.code)
    move(event, EventStatus.HELD)
    assert client.post(url, {"rating": "5", "comment": "Rất bổ ích"}).status_code == 302
    assert Invitation.objects.get(pk=inv.pk).feedback.rating == 5
    assert client.post(url, {"rating": "9"}).status_code == 200


def test_ids_in_forms_are_not_written_with_thousands_separators(seed_event, tree, users, as_user):
    """USE_THOUSAND_SEPARATOR is on (1.234.567): an id written as "12.345" would not post back."""
    big = Person(pk=12345, unit=tree.district, full_name="Người Số Lớn")
    big.refresh_derived()
    big.save()
    c = as_user(users.district)
    found = c.get(reverse("events:people_search", args=[seed_event.event.pk]), {"q": "so lon", "for": "guest"})
    assert 'value="12345"' in found.content.decode()
    c.post(reverse("events:guest_add", args=[seed_event.event.pk]), {"person": "12345"}, **HX)
    assert Guest.objects.filter(person_id=12345).exists()


def test_list_queries_do_not_grow_with_events(tree, people, positions, users, as_user, make_event,
                                              django_assert_max_num_queries):
    c = as_user(users.district)
    make_event(tree.district, title="Một")
    c.get(reverse("events:list"))
    with CaptureQueriesContext(connection) as few:
        c.get(reverse("events:list"))
    for i in range(30):
        e = make_event(tree.district, title=f"Hội nghị {i}")
        services.rule_add(actor=None, event=e, root=tree.district, positions=[positions["UVTT"]])
        services.invitations_build(actor=None, event=e)
    with django_assert_max_num_queries(len(few)):
        body = c.get(reverse("events:list")).content.decode()
    assert "Hội nghị 29" in body


def test_person_page_panel_shows_training_history(seed_event, people, users):
    from doanket.events.panels import person_events_panel

    services.event_check_in(actor=None, event=seed_event.event, code=seed_event.km.code)
    move(seed_event.event, EventStatus.HELD)
    html = person_events_panel(users.ward, people.km)
    assert "Hội nghị, tập huấn đã tham gia" in html and seed_event.event.title in html
    assert "20/09/2022" in html and "Có mặt" in html and "Đã dự 1 lớp tập huấn, bồi dưỡng." in html
    # Nhân Chính sees the district event, not Khương Mai's invitation in it.
    html = person_events_panel(users.other_ward, people.km)
    assert seed_event.event.title not in html and "Chưa tham gia sự kiện nào." in html
