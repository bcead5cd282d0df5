"""The seed's conference replayed on the demo data."""

import pytest
from django.db import transaction
from django.urls import reverse

from doanket.accounts.models import User
from doanket.core.reference import reload_reference_data
from doanket.demo import seed
from doanket.events import selectors
from doanket.events.demo import TITLE_2022, TITLE_UPCOMING, load_events_demo
from doanket.events.labels import vn_datetime
from doanket.events.models import Event, EventStatus, Feedback, Invitation
from doanket.orgunits.models import UnitType


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker):
    """Loaded once for the module inside a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        if not UnitType.objects.exists():
            reload_reference_data()
        seed.load_demo(provinces=["01"])
        load_events_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def conference(_demo_loaded, db) -> Event:
    return Event.objects.select_related("organiser", "event_type", "concluded_by").get(title=TITLE_2022)


def test_the_conference_of_20_9_2022(conference):
    e = conference
    assert e.organiser.name == "Quận Thanh Xuân" and e.event_type.code == "tap-huan"
    assert e.organiser_label == "Ban Thường trực Ủy ban MTTQ Việt Nam quận Thanh Xuân"
    assert (vn_datetime(e.starts_at), vn_datetime(e.ends_at)) == ("20/09/2022 14:00", "20/09/2022 17:00")
    assert e.status == EventStatus.REPORTED
    assert [(g.person.full_name, g.position_label) for g in e.guests.select_related("person")] == [
        ("Khổng Minh Thảo", "UVTV, Chủ tịch Ủy ban MTTQ Việt Nam quận"),
        ("Văn Hùng Sơn", "Phó Trưởng Ban Dân vận Quận ủy")]
    assert [s.display for s in e.speakers.all()] == [
        "Tiến sỹ Tạ Văn Sỹ - Nguyên Giám đốc Trung tâm Bồi dưỡng cán bộ và Nghiên cứu khoa học MTTQ Việt Nam"]
    assert e.programme.count() == 4 and e.concluded_by.full_name == "Khổng Minh Thảo"


def test_audience_from_the_district_and_its_11_wards(conference):
    invs = Invitation.objects.filter(event=conference).select_related("via_unit")
    positions = {i.position_label for i in invs}
    assert positions == {"Ủy viên Thường trực Ủy ban MTTQ Việt Nam", "Trưởng ban công tác Mặt trận khu dân cư"}
    wards = {i.via_unit.name for i in invs if i.via_unit.depth == conference.organiser.depth + 1}
    assert len(wards) == 11
    heads = [i for i in invs if i.position_label.startswith("Trưởng ban")]
    assert 33 <= len(heads) <= 44  # 3–4 residential areas in each of the 11 wards
    assert not invs.filter(via_unit__valid_from__gte="2025-07-01").exists()  # nobody from the 2025 wards


def test_attendance_about_85_percent_and_some_units_sent_nobody(conference):
    thanhxuan = User.objects.get(username="thanhxuan")
    att = selectors.attendance(conference, selectors.event_access(thanhxuan, conference))
    print(f"\ndemo attendance: {att.total.present}/{att.total.invited} present, {att.total.confirmed} confirmed, "
          f"{len(att.sent_nobody)} units sent nobody")
    assert 0.75 <= att.total.rate <= 0.92
    assert att.total.confirmed > att.total.present * 0.9
    assert len(att.by_unit) == 12  # the district itself and its 11 wards
    assert att.sent_nobody
    assert Feedback.objects.filter(invitation__event=conference).count() == 6


def test_generated_article_matches_the_seed(conference):
    assert conference.article_title == ("Quận Thanh Xuân: Tổ chức hội nghị tập huấn kỹ năng, nghiệp vụ công tác Mặt trận "
                                        "Tổ quốc năm 2022")
    assert conference.article_lede.startswith("Chiều ngày 20/9/2022, Ban Thường trực Ủy ban MTTQ Việt Nam quận Thanh "
                                              "Xuân đã tổ chức hội nghị tập huấn")
    body = conference.article_body
    assert body.startswith("Dự hội nghị có các đồng chí: Khổng Minh Thảo – UVTV, Chủ tịch Ủy ban MTTQ Việt Nam quận; "
                           "Văn Hùng Sơn – Phó Trưởng Ban Dân vận Quận ủy; Ủy viên Thường trực Ủy ban MTTQ Việt Nam quận "
                           "và các phường; Trưởng ban công tác Mặt trận khu dân cư trên địa bàn 11 phường. Tiến sỹ Tạ "
                           "Văn Sỹ - Nguyên Giám đốc Trung tâm Bồi dưỡng cán bộ và Nghiên cứu khoa học MTTQ Việt Nam "
                           "làm báo cáo viên tại hội nghị.")
    assert "Phát biểu kết luận tại Hội nghị, đồng chí Khổng Minh Thảo – UVTV, Chủ tịch Ủy ban MTTQ Việt Nam quận ghi " \
           "nhận và đánh giá cao" in body
    assert body.endswith("\n\nỦy ban MTTQ quận Thanh Xuân")


def test_loading_twice_changes_nothing(conference):
    before = (Event.objects.count(), Invitation.objects.count(), Feedback.objects.count())
    load_events_demo()
    assert (Event.objects.count(), Invitation.objects.count(), Feedback.objects.count()) == before


def test_an_upcoming_training_is_open_for_check_in(_demo_loaded, db):
    e = Event.objects.get(title__startswith=TITLE_UPCOMING)
    assert e.status == EventStatus.OPEN and e.invitations.exists()


def test_demo_logins_see_the_conference(conference, client):
    client.force_login(User.objects.get(username="khuongmai"))
    body = client.get(reverse("events:detail", args=[conference.pk])).content.decode()
    assert conference.title in body and "Phường Nhân Chính" not in body
    client.force_login(User.objects.get(username="nhanchinh"))
    assert client.get(reverse("events:list")).content.decode().count(conference.title) == 1
