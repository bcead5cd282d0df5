"""The demo: the seed article as published on 23/09/2022, among other news of the district and its wards."""

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from doanket.core.reference import reload_reference_data
from doanket.demo.seed import load_demo
from doanket.news.demo import DEMO_NEWS_LOGINS, SEED_CAPTION, SEED_TITLE, load_news_demo
from doanket.news.models import Article, Status
from doanket.orgunits.models import UnitType
from doanket.polls.demo import DEMO_BALLOT_CODES, load_polls_demo


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the demos once for the module inside a transaction rolled back at the end."""
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")), \
            transaction.atomic():
        if not UnitType.objects.exists():
            reload_reference_data()
        load_demo(provinces=["01"])
        yield load_news_demo(), load_polls_demo(out=None)
        transaction.set_rollback(True)


@pytest.fixture
def full_demo(_loaded, db):
    return _loaded


@pytest.mark.django_db
def test_the_seed_article_and_a_dozen_others(full_demo, client):
    news, _polls = full_demo
    seed = news.seed
    assert seed.title == SEED_TITLE and seed.status == Status.PUBLISHED
    assert timezone.localtime(seed.published_at).strftime("%d/%m/%Y %H:%M") == "23/09/2022 16:15"
    assert seed.cover_caption == SEED_CAPTION and seed.cover_alt and seed.cover
    assert seed.source == "Ủy ban MTTQ quận Thanh Xuân"
    assert [c.name for c in seed.categories.all()] == ["Hoạt động Mặt trận"]
    assert "Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII" in seed.body
    assert Article.objects.filter(status=Status.PUBLISHED).count() >= 13
    html = client.get(seed.get_absolute_url()).content.decode()
    assert "23/09/2022 16:15" in html and SEED_CAPTION in html and "Các tin tức khác" in html
    assert "Phường Phương Liệt: Hội nghị tập huấn nghiệp vụ" in html.split("Các tin tức khác")[1]
    found = client.get(reverse("news_public:search"), {"q": "hoi nghi tap huan thanh xuan"}).content.decode()
    first = found.split('id="ket-qua"', 1)[1]
    assert first.index(SEED_TITLE) < first.index("Phường Phương Liệt: Hội nghị tập huấn")


@pytest.mark.django_db
def test_loading_again_changes_nothing(full_demo):
    before = (Article.objects.count(), Article.history.count())
    assert load_news_demo().created == 0
    load_polls_demo(out=None)
    assert (Article.objects.count(), Article.history.count()) == before


@pytest.mark.django_db
def test_the_2020_vote_has_plausible_results_and_the_open_poll_takes_demo_codes(full_demo, client):
    _news, polls = full_demo
    from doanket.polls.selectors import poll_results

    results = poll_results(polls.vote_2020)
    assert results.online_total == 131_775 and results.paper_ballots == 119_389
    assert results.paper_sheets > 20  # one per residential area of the district, plus the city-wide sheet
    assert all(r.total <= results.total for g in results.groups for r in g.options)
    assert polls.open_poll.is_open and polls.codes == list(DEMO_BALLOT_CODES)
    page = client.get(reverse("polls_public:results", args=[polls.vote_2020.pk])).content.decode()
    assert "131.775" in page and "119.389" in page and "251.164" in page


@pytest.mark.django_db
def test_demo_editor_login(full_demo):
    from django.contrib.auth import authenticate

    username, password, _ = DEMO_NEWS_LOGINS[0]
    assert authenticate(username=username, password=password) is not None
