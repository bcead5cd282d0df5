"""Issue 10: what a cadre reads on the event pages (history, article, invitations, attendance, reports)."""

import pytest
from django.urls import reverse

from doanket.events import services
from doanket.events.models import EventStatus

from .conftest import move

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


def test_history_shows_vietnamese_choice_labels_and_related_names(seed_event, people, users, as_user):
    event = move(seed_event.event, EventStatus.HELD)
    services.event_conclude(actor=None, event=event, conclusion="Hoàn thành tốt", concluded_by=people.km,
                            concluded_by_label="Chủ tịch")
    body = as_user(users.district).get(reverse("events:detail", args=[event.pk])).content.decode()
    history = body[body.index('id="history"'):]
    assert "Đang nhận đăng ký → Đã tổ chức" in history
    assert "open →" not in history and "→ held" not in history
    assert f"— → {people.km.full_name}" in history
    assert f"→ {people.km.pk}<" not in history


def test_event_article_draft_goes_to_the_news_workflow(seed_event, users, as_user, tree):
    from doanket.news.models import Article

    event = move(seed_event.event, EventStatus.HELD)
    c = as_user(users.district)
    c.post(reverse("events:article", args=[event.pk]))
    page = c.get(reverse("events:detail", args=[event.pk])).content.decode()
    send = reverse("events:article_to_news", args=[event.pk])
    assert f'action="{send}"' in page
    resp = c.post(send)
    article = Article.objects.get(origin=f"event:{event.pk}")
    assert resp.status_code == 302 and resp["Location"] == reverse("news:edit", args=[article.pk])
    assert article.unit == tree.district and article.status == "draft"
    event.refresh_from_db()
    assert article.title == event.article_title
    c.post(send)  # again: the same draft, not a second one
    assert Article.objects.filter(origin=f"event:{event.pk}").count() == 1
    assert reverse("events:detail", args=[event.pk]) in c.get(reverse("news:detail", args=[article.pk])).content.decode()


def test_invitations_show_venue_and_end_time(seed_event, users, as_user, client):
    event = seed_event.event
    event.venue = "Hội trường UBND quận Thanh Xuân"
    event.save(update_fields=["venue"])
    invitee = client.get(reverse("events_public:invitation_public", args=[seed_event.km.code])).content.decode()
    cards = as_user(users.district).get(reverse("events:cards", args=[event.pk])).content.decode()
    for page in (invitee, cards):
        assert "Từ 14:00 đến 17:00 ngày 20/09/2022" in page
        assert "Địa điểm: Hội trường UBND quận Thanh Xuân" in page


def test_late_check_in_records_the_real_arrival_time(seed_event, users, as_user):
    """The 20/9/2022 training is long over: ticking a name now must not record today's date."""
    from django.utils import timezone

    event, c = seed_event.event, as_user(users.district)
    page = c.get(reverse("events:checkin", args=[event.pk])).content.decode()
    assert 'name="arrived"' in page
    c.post(reverse("events:checkin", args=[event.pk]), {"code": seed_event.km.code, "arrived": "14:05"})
    seed_event.km.refresh_from_db()
    assert timezone.localtime(seed_event.km.checked_in_at).strftime("%d/%m/%Y %H:%M") == "20/09/2022 14:05"
    c.post(reverse("events:invitation_checkin", args=[seed_event.nc.pk]))  # no time given: the start, not today
    seed_event.nc.refresh_from_db()
    assert timezone.localtime(seed_event.nc.checked_in_at).strftime("%d/%m/%Y %H:%M") == "20/09/2022 14:00"


def test_arrival_time_outside_the_event_is_refused(seed_event, users, as_user):
    body = as_user(users.district).post(reverse("events:checkin", args=[seed_event.event.pk]),
                                        {"code": seed_event.km.code, "arrived": "19:30"}).content.decode()
    assert "Giờ đến phải trong thời gian diễn ra sự kiện" in body
    seed_event.km.refresh_from_db()
    assert seed_event.km.checked_in_at is None


def test_checking_in_someone_who_declined_says_so(seed_event):
    from doanket.events.models import InvitationStatus

    seed_event.km.status = InvitationStatus.DECLINED
    seed_event.km.save(update_fields=["status"])
    result = services.event_check_in(actor=None, event=seed_event.event, code=seed_event.km.code)
    assert result.first_time and "đã báo vắng" in result.message


def test_absentees_cannot_be_removed_after_the_event(seed_event):
    from django.core.exceptions import ValidationError

    from doanket.events.models import Invitation

    move(seed_event.event, EventStatus.HELD)
    with pytest.raises(ValidationError, match="không bớt người"):
        services.invitation_remove(actor=None, invitation=Invitation.objects.get(pk=seed_event.nc.pk))
    assert Invitation.objects.filter(pk=seed_event.nc.pk).exists()


def test_reopening_a_reported_event_reads_as_a_step_back(seed_event, users, as_user):
    event = move(seed_event.event, EventStatus.HELD, EventStatus.REPORTED)
    body = as_user(users.district).get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Trở lại “Đã tổ chức”" in body and "Chuyển sang “Đã tổ chức”" not in body
    held = as_user(users.district).get(reverse("events:detail", args=[move(event, EventStatus.HELD).pk])).content.decode()
    assert "Chuyển sang “Đã báo cáo, kết thúc”" in held


def test_absent_list_does_not_contradict_the_table(seed_event, area_heads, users, as_user):
    """A ward's own invitees stayed away but its area's came: it is not 'a unit that sent nobody'."""
    from doanket.events.models import Invitation

    event = seed_event.event
    inv = Invitation.objects.create(event=event, person=area_heads.km, via_unit=area_heads.km.unit,
                                    code="TESTAREA0001")
    services.invitation_check_in(actor=None, invitation=inv)
    body = as_user(users.district).get(reverse("events:attendance", args=[event.pk])).content.decode()
    assert "Nơi được mời không có ai có mặt" in body
    assert "Phường Khương Mai (không kể các đơn vị trực thuộc)" in body


def test_a_ward_users_report_says_it_is_partial(seed_event, users, as_user):
    import io

    from docx import Document

    c = as_user(users.ward)
    listing = c.get(reverse("events:list")).content.decode()
    assert "0 / 1 <span class=\"muted\">của đơn vị bạn</span>" in listing
    doc = Document(io.BytesIO(c.get(reverse("events:report_docx", args=[seed_event.event.pk])).content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "chỉ gồm số liệu về người được mời thuộc đơn vị bạn" in text
    district = as_user(users.district)
    assert "của đơn vị bạn" not in district.get(reverse("events:list")).content.decode()
    whole = Document(io.BytesIO(district.get(reverse("events:report_docx", args=[seed_event.event.pk])).content))
    assert "chỉ gồm số liệu" not in "\n".join(p.text for p in whole.paragraphs)


def test_language_menu_names_each_language_in_itself(users, as_user):
    import unicodedata

    body = unicodedata.normalize("NFC", as_user(users.district).get(reverse("events:list")).content.decode())
    assert ">English</option>" in body and ">Tiếng Việt</option>" in body
    assert "Tiếng Anh" not in body


def test_date_time_fields_say_what_to_type_in_vietnamese(users, as_user, event_types):
    body = as_user(users.district).get(reverse("events:create")).content.decode()
    assert 'placeholder="ngày/tháng/năm giờ:phút"' in body
    assert "dd/mm/yyyy HH:MM\"" not in body
