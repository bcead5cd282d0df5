"""The public portal: what a citizen may read, found by search, in feeds; never stale after an editor's change."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from doanket.news import services
from doanket.news.models import Status

from .conftest import SEED_TITLE


@pytest.fixture
def published(tree, categories, publish, seed_article):
    cat = categories["hoat-dong-mat-tran"]
    older = publish(tree.khuong_mai, "Phường Khương Mai hiệp thương", category=cat,
                    when=timezone.now() - dt.timedelta(days=400))
    newer = publish(tree.nhan_chinh, "Phường Nhân Chính ra mắt mô hình", category=cat,
                    when=timezone.now() - dt.timedelta(days=1))
    other_cat = publish(tree.district, "Tin ở danh mục khác", category=categories["cuoc-van-dong"])
    return {"seed": seed_article, "older": older, "newer": newer, "other_cat": other_cat}


@pytest.mark.django_db
def test_home_shows_latest_news_by_category(client, published):
    html = client.get("/").content.decode()
    assert "<title>Trang chủ" in html and 'lang="vi"' in html
    for title in ("Hoạt động Mặt trận", "Cuộc vận động", SEED_TITLE, "Phường Nhân Chính ra mắt mô hình"):
        assert title in html
    assert 'role="search"' in html and "<main" in html and "<nav" in html and "<footer" in html


@pytest.mark.django_db
def test_article_page_has_stamp_source_caption_and_other_news_newest_first(client, published):
    seed = published["seed"]
    resp = client.get(seed.get_absolute_url())
    html = resp.content.decode()
    assert resp.status_code == 200
    assert f"<h1>{SEED_TITLE}</h1>" in html
    assert "23/09/2022 16:15" in html
    assert "Ủy ban MTTQ quận Thanh Xuân" in html
    assert '<meta property="og:title"' in html and '<meta name="description"' in html
    assert 'property="og:type" content="article"' in html
    others = html.split("Các tin tức khác", 1)[1]
    assert others.index("Phường Nhân Chính ra mắt mô hình") < others.index("Phường Khương Mai hiệp thương")
    assert SEED_TITLE not in others.split("Danh mục tin tức")[0]
    assert "Tin ở danh mục khác" not in others


@pytest.mark.django_db
def test_wrong_slug_redirects_to_the_canonical_address(client, published):
    seed = published["seed"]
    resp = client.get(reverse("news_public:article", kwargs={"pk": seed.pk, "slug": "sai"}))
    assert resp.status_code == 301 and resp["Location"] == seed.get_absolute_url()


@pytest.mark.django_db
def test_drafts_submitted_withdrawn_and_future_articles_are_404(client, tree, categories, newsroom, publish):
    cat = categories["tin-tuc-su-kien"]
    draft = services.article_create(actor=None, unit=tree.district, title="Bản nháp kín", body="x", categories=[cat])
    submitted = services.article_submit(actor=None, article=services.article_create(
        actor=None, unit=tree.district, title="Chờ duyệt kín", body="x", categories=[cat]))
    future = publish(tree.district, "Bài hẹn giờ kín", category=cat, when=timezone.now() + dt.timedelta(hours=2))
    withdrawn = services.article_withdraw(actor=None, article=publish(tree.district, "Bài đã gỡ kín", category=cat))
    for article in (draft, submitted, future, withdrawn):
        assert client.get(article.get_absolute_url()).status_code == 404
    pages = [client.get(u).content.decode() for u in ("/", reverse("news_public:category", args=["tin-tuc-su-kien"]),
                                                      reverse("news_public:unit", args=[tree.district.pk]),
                                                      reverse("news_public:search") + "?q=kin",
                                                      reverse("news_public:rss", args=["tat-ca"]),
                                                      reverse("news_public:sitemap"))]
    for html in pages:
        for secret in ("Bản nháp kín", "Chờ duyệt kín", "Bài hẹn giờ kín", "Bài đã gỡ kín"):
            assert secret not in html


@pytest.mark.django_db
def test_withdraw_is_404_at_once_and_an_edit_shows_at_once(client, published, newsroom):
    seed = published["seed"]
    url = seed.get_absolute_url()
    assert client.get(url).status_code == 200
    assert SEED_TITLE in client.get("/").content.decode()  # now cached
    services.article_update(actor=newsroom.district_standing, article=seed, title="Tiêu đề đã sửa")
    seed.refresh_from_db()
    html = client.get(seed.get_absolute_url()).content.decode()
    assert "Tiêu đề đã sửa" in html and SEED_TITLE not in html
    assert "Tiêu đề đã sửa" in client.get("/").content.decode()
    services.article_withdraw(actor=newsroom.district_standing, article=seed)
    assert client.get(seed.get_absolute_url()).status_code == 404
    assert "Tiêu đề đã sửa" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_publish_shows_on_cached_pages_at_once(client, tree, categories, newsroom, published):
    client.get("/")
    article = services.article_create(actor=newsroom.ward_editor, unit=tree.khuong_mai, title="Tin mới toanh",
                                      body="x", categories=[categories["hoat-dong-mat-tran"]])
    assert "Tin mới toanh" not in client.get("/").content.decode()
    services.article_publish(actor=newsroom.ward_standing, article=article)
    assert "Tin mới toanh" in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_scheduled_article_appears_when_its_time_comes(client, tree, categories, publish, published):
    soon = publish(tree.district, "Bài hẹn giờ", category=categories["hoat-dong-mat-tran"],
                   when=timezone.now() + dt.timedelta(seconds=1))
    assert "Bài hẹn giờ" not in client.get("/").content.decode()
    # Its time comes (moved here rather than waiting): it is the newest article whose time has come.
    type(soon).objects.filter(pk=soon.pk).update(published_at=timezone.now())
    assert "Bài hẹn giờ" in client.get("/").content.decode()  # no service ran: the key follows the clock


@pytest.mark.django_db
def test_a_cached_page_costs_one_query(client, published):
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        resp = client.get("/")
    assert resp.status_code == 200 and len(queries) == 1
    assert "max-age=5" in resp["Cache-Control"]


@pytest.mark.django_db
def test_home_query_count_does_not_grow_with_the_news(client, tree, categories, publish, published):
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for i in range(15):
        publish(tree.khuong_mai, f"Tin số {i}", category=categories["dan-chu-phap-luat"])
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert len(many) <= len(few)


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["hoi nghi tap huan thanh xuan", "HỘI NGHỊ tập huấn Thanh Xuân", "khong minh thao",
                                   "Hội nghị tập huấn thanh xuan"])
def test_search_ignores_accents_and_finds_the_seed_article(client, published, query):
    html = client.get(reverse("news_public:search"), {"q": query}).content.decode()
    assert SEED_TITLE in html


@pytest.mark.django_db
def test_search_folds_d_and_ranks_title_matches_first(client, tree, categories, publish, published):
    cat = categories["tin-tuc-su-kien"]
    body_only = publish(tree.district, "Sinh hoạt chi hội", category=cat, body="Nói về đoàn kết và đại hội.",
                        when=timezone.now())
    in_title = publish(tree.district, "Đại hội đoàn kết các dân tộc", category=cat, body="Nội dung.",
                       when=timezone.now() - dt.timedelta(days=30))
    html = client.get(reverse("news_public:search"), {"q": "dai hoi doan ket"}).content.decode()
    results = html.split('id="ket-qua"', 1)[1]
    assert results.index(in_title.title) < results.index(body_only.title)
    assert "Tìm thấy 2 tin." in html


def _xml(resp):
    return ET.fromstring(resp.content)  # noqa: S314 — our own feed, parsed to prove it is well-formed


@pytest.mark.django_db
def test_feeds_and_sitemap_are_valid_xml_with_published_news_only(client, tree, categories, published):
    services.article_create(actor=None, unit=tree.district, title="Nháp không lên RSS", body="x",
                            categories=[categories["hoat-dong-mat-tran"]])
    rss = client.get(reverse("news_public:rss", args=["hoat-dong-mat-tran"]))
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    titles = [t.text for t in _xml(rss).iter("item/title")] or [i.findtext("title") for i in _xml(rss).iter("item")]
    assert SEED_TITLE in titles and "Nháp không lên RSS" not in titles and "Tin ở danh mục khác" not in titles
    atom = client.get(reverse("news_public:atom", args=["hoat-dong-mat-tran"]))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert SEED_TITLE in [e.findtext("a:title", namespaces=ns) for e in _xml(atom).findall("a:entry", ns)]
    assert client.get(reverse("news_public:rss", args=["khong-co"])).status_code == 404
    sitemap = client.get(reverse("news_public:sitemap"))
    locs = [e.text for e in _xml(sitemap).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(published["seed"].get_absolute_url() in loc for loc in locs)
    assert any("/danh-muc/hoat-dong-mat-tran/" in loc for loc in locs)
    assert not any("khong-len" in loc for loc in locs)


@pytest.mark.django_db
def test_a_units_section_holds_its_subtree_and_merged_units(client, tree, categories, published):
    cat = categories["hoat-dong-mat-tran"]
    district = client.get(reverse("news_public:unit", args=[tree.district.pk])).content.decode()
    for title in (SEED_TITLE, "Phường Khương Mai hiệp thương", "Phường Nhân Chính ra mắt mô hình"):
        assert title in district
    ward = client.get(reverse("news_public:unit", args=[tree.nhan_chinh.pk])).content.decode()
    assert "Phường Nhân Chính ra mắt mô hình" in ward and SEED_TITLE not in ward
    # Khương Mai was merged into Phường Phương Liệt: its news roll up to the new ward's section.
    successor = client.get(reverse("news_public:unit", args=[tree.phuong_liet.pk])).content.decode()
    assert "Phường Khương Mai hiệp thương" in successor
    assert client.get(reverse("news_public:unit", args=[999999])).status_code == 404
    assert cat  # the fixture's category exists


@pytest.mark.django_db
def test_category_page_lists_published_news(client, published):
    resp = client.get(reverse("news_public:category", args=["hoat-dong-mat-tran"]))
    html = resp.content.decode()
    assert resp.status_code == 200 and "<h1>Hoạt động Mặt trận</h1>" in html and SEED_TITLE in html
    assert client.get(reverse("news_public:category", args=["khong-co"])).status_code == 404


@pytest.mark.django_db
def test_cover_image_is_served_with_alt_and_caption(client, tree, categories, publish):
    from .conftest import image_bytes

    article = publish(tree.district, "Có ảnh", category=categories["hoat-dong-mat-tran"], cover=image_bytes(),
                      cover_alt="Quang cảnh hội nghị", cover_caption="Tiến sỹ Tạ Văn Sỹ tại Hội nghị")
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<img src="{article.cover.url}" alt="Quang cảnh hội nghị">' in html
    assert "<figcaption>Tiến sỹ Tạ Văn Sỹ tại Hội nghị</figcaption>" in html
    assert 'property="og:image"' in html
    image = client.get(article.cover.url)
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    assert client.get("/media/news/../../etc/passwd").status_code in (400, 404)
    assert article.status == Status.PUBLISHED


@pytest.mark.django_db
def test_search_terms_are_escaped_and_empty_search_is_calm(client, published):
    html = client.get(reverse("news_public:search"), {"q": '<script>alert("x")</script>'}).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    empty = client.get(reverse("news_public:search"))
    assert empty.status_code == 200 and "Tìm thấy" not in empty.content.decode()


@pytest.mark.django_db
def test_public_pages_set_no_cookie_and_say_so_to_caches(client, published):
    resp = client.get(published["seed"].get_absolute_url())
    assert not resp.cookies and "Cookie" in resp["Vary"]
