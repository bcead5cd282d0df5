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
