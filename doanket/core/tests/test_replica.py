"""Primary/replica routing with two SQLite databases: public pages read from the replica, writes and
the cadres' pages use the primary."""

from __future__ import annotations

import datetime as dt

import dj_database_url
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections, router
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.utils import timezone

from doanket.core.db import PublicReadsFromReplicaMiddleware, reading_from_replica
from doanket.news.models import Article, Category, PublicVersion, Status, Tag
from doanket.orgunits.models import OrgUnit, UnitType

ROUTER = ["doanket.core.db.PrimaryReplicaRouter"]
MIDDLEWARE = "doanket.core.db.PublicReadsFromReplicaMiddleware"


@pytest.fixture
def replica(db, tmp_path):
    """A second SQLite database, migrated, registered as the alias "replica" for this test only."""
    config = dj_database_url.parse(f"sqlite:///{tmp_path / 'replica.sqlite3'}")
    configured = connections.configure_settings({"default": dict(config), "replica": config})
    connections.settings["replica"] = configured["replica"]
    # Connect now: the test case refuses to open connections to aliases it was not told about, but
    # lets an open one be used (the alias exists for this test only).
    connections["replica"].connect()
    call_command("migrate", database="replica", verbosity=0)
    yield "replica"
    connections["replica"].close()
    del connections["replica"]
    del connections.settings["replica"]


def _article(using: str, pk: int, title: str) -> Article:
    # (The reference-data migrations write through the default alias, so the replica gets its rows here.)
    unit_type, _ = UnitType.objects.using(using).get_or_create(code="province", defaults={"name": "Tỉnh", "level": 1})
    Category.objects.using(using).get_or_create(slug="hoat-dong-mat-tran", defaults={"name": "Hoạt động Mặt trận"})
    unit, _ = OrgUnit.objects.using(using).get_or_create(
        pk=1000, defaults={"unit_type": unit_type, "name": "Thành phố Hà Nội", "code": "01", "path": "0001",
                           "depth": 1})
    article = Article.objects.using(using).create(
        pk=pk, unit=unit, title=title, slug="bai", body="<p>Nội dung</p>", status=Status.PUBLISHED,
        published_at=timezone.now() - dt.timedelta(hours=1))
    article.categories.set([Category.objects.using(using).first()])
    PublicVersion.objects.using(using).get_or_create(pk=1, defaults={"value": 1, "token": using})
    return article


def test_public_reads_go_to_the_replica_and_writes_to_the_primary(replica, client, settings):
    cache.clear()
    _article("replica", 501, "Bài chỉ có trên bản sao")
    _article("default", 502, "Bài chỉ có trên máy chính")
    with override_settings(DATABASE_ROUTERS=ROUTER, DATABASE_REPLICAS=["replica"],
                           MIDDLEWARE=[MIDDLEWARE, *settings.MIDDLEWARE]):
        page = client.get("/tin-tuc/501-bai/")
        assert page.status_code == 200 and "Bài chỉ có trên bản sao" in page.content.decode()
        assert client.get("/tin-tuc/502-bai/").status_code == 404  # the primary's article is not read

        # Writes go to the primary even while reading from the replica.
        with reading_from_replica():
            assert router.db_for_read(Article) == "replica"
            assert router.db_for_write(Article) == "default"
            Tag.objects.create(name="Ghi trên máy chính", slug="ghi")
        assert Tag.objects.using("default").filter(slug="ghi").exists()
        assert not Tag.objects.using("replica").filter(slug="ghi").exists()
        assert router.db_for_read(Article) == "default"  # outside a public request

        # Which requests are public: GET/HEAD of the portal; not POSTs, not cadres' pages, not the API.
        seen = PublicReadsFromReplicaMiddleware(lambda request: HttpResponse(router.db_for_read(Article)))
        rf = RequestFactory()
        assert seen(rf.get("/")).content == b"replica"
        assert seen(rf.head("/tin-tuc/501-bai/")).content == b"replica"
        assert seen(rf.post("/tim-kiem/")).content == b"default"
        assert seen(rf.get("/quan-ly/nguoi/")).content == b"default"
        assert seen(rf.get("/api/people")).content == b"default"
        assert seen(rf.get("/khong-co-trang-nay/")).content == b"default"


def test_without_replicas_everything_uses_the_primary(settings):
    with override_settings(DATABASE_ROUTERS=ROUTER, DATABASE_REPLICAS=[]):
        seen = PublicReadsFromReplicaMiddleware(lambda request: HttpResponse(router.db_for_read(Article)))
        assert seen(RequestFactory().get("/")).content == b"default"
        with reading_from_replica():
            assert router.db_for_read(Article) == "default"
