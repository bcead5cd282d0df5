"""The editorial desk's pages: every route refuses other wards (404) and editors' publishing (403)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doanket.news import services
from doanket.news.models import Article, Status

from .conftest import image_bytes

ROUTES_WITH_ARTICLE = ["detail", "edit", "submit", "publish", "withdraw", "return", "delete", "image_upload"]


@pytest.fixture
def ward_article(tree, categories):
    return services.article_create(actor=None, unit=tree.khuong_mai, title="Tin phường Khương Mai", body="Nội dung",
                                   categories=[categories["tin-tuc-su-kien"]])


@pytest.mark.django_db
@pytest.mark.parametrize("name", ROUTES_WITH_ARTICLE)
def test_another_wards_editor_gets_404_everywhere(client, newsroom, ward_article, name):
    client.force_login(newsroom.other_editor)
    url = reverse(f"news:{name}", args=[ward_article.pk])
    assert client.get(url).status_code in (404, 405)
    assert client.post(url).status_code == 404
    ward_article.refresh_from_db()
    assert ward_article.status == Status.DRAFT


@pytest.mark.django_db
def test_revision_of_another_ward_is_404(client, newsroom, ward_article):
    client.force_login(newsroom.other_standing)
    rev = ward_article.history.first()
    assert client.get(reverse("news:revision", args=[ward_article.pk, rev.history_id])).status_code == 404


@pytest.mark.django_db
def test_editor_cannot_publish_through_the_page(client, newsroom, ward_article):
    client.force_login(newsroom.ward_editor)
    client.post(reverse("news:submit", args=[ward_article.pk]))
    ward_article.refresh_from_db()
    assert ward_article.status == Status.SUBMITTED
    assert client.post(reverse("news:publish", args=[ward_article.pk])).status_code == 403
    html = client.get(reverse("news:detail", args=[ward_article.pk])).content.decode()
    assert "Duyệt và xuất bản" not in html
    ward_article.refresh_from_db()
    assert ward_article.status == Status.SUBMITTED


@pytest.mark.django_db
def test_people_without_news_rights_are_refused(client, users):
    client.force_login(users.viewer)
    assert client.get(reverse("news:list")).status_code == 403
    assert client.get(reverse("news:create")).status_code == 403


@pytest.mark.django_db
def test_editor_writes_with_a_cover_and_the_standing_committee_schedules_it(client, tree, newsroom, categories):
    client.force_login(newsroom.ward_editor)
    form = client.get(reverse("news:create")).content.decode()
    assert "Phường Nhân Chính" not in form
    resp = client.post(reverse("news:create"), {
        "title": "Khương Mai: Ngày hội Đại đoàn kết", "unit": tree.khuong_mai.pk,
        "categories": [categories["hoat-dong-mat-tran"].pk], "lede": "Sáng 18/11…",
        "body": '<p>Nội dung <b>chính</b></p><script>alert(1)</script>', "tags": "Đại đoàn kết, khu dân cư",
        "cover": image_bytes(), "cover_alt": "Người dân dự ngày hội", "cover_caption": "Quang cảnh ngày hội",
        "source": "",
    })
    article = Article.objects.get(title="Khương Mai: Ngày hội Đại đoàn kết")
    assert resp.status_code == 302 and resp["Location"] == reverse("news:detail", args=[article.pk])
    assert article.body == "<p>Nội dung <strong>chính</strong></p>"
    assert sorted(t.name for t in article.tags.all()) == ["khu dân cư", "Đại đoàn kết"]
    assert article.cover and article.source == "Ủy ban MTTQ phường Khương Mai"
    client.post(reverse("news:submit", args=[article.pk]))

    client.force_login(newsroom.ward_standing)
    resp = client.post(reverse("news:publish", args=[article.pk]), {"published_at": "05/09/2030 16:15"})
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.is_scheduled
    assert article.published_at == dt.datetime(2030, 9, 5, 9, 15, tzinfo=dt.UTC)
    html = client.get(reverse("news:detail", args=[article.pk])).content.decode()
    assert "hẹn xuất bản 05/09/2030 16:15" in html
    # Who did what when is on the page.
    history = html.split("Lịch sử thay đổi", 1)[1]
    assert "bientap-khuongmai" in history and "thuongtruc-khuongmai" in history
    assert "Đã xuất bản" in history and "Chờ duyệt" in history


@pytest.mark.django_db
def test_cover_without_alt_is_refused_on_the_form(client, tree, newsroom, categories):
    client.force_login(newsroom.ward_editor)
    resp = client.post(reverse("news:create"), {"title": "Ảnh không mô tả", "unit": tree.khuong_mai.pk,
                                                "cover": image_bytes(), "cover_alt": ""})
    assert resp.status_code == 200 and "cho người khiếm thị" in resp.content.decode()
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_edit_keeps_revisions_and_shows_them(client, newsroom, ward_article):
    client.force_login(newsroom.ward_editor)
    data = {"title": "Tiêu đề mới", "unit": ward_article.unit_id,
            "categories": [c.pk for c in ward_article.categories.all()],
            "body": "<p>Nội dung mới</p>", "lede": "", "tags": "", "source": "", "cover_alt": "", "cover_caption": ""}
    assert client.post(reverse("news:edit", args=[ward_article.pk]), data).status_code == 302
    first = ward_article.history.order_by("history_date", "history_id").first()
    html = client.get(reverse("news:revision", args=[ward_article.pk, first.history_id])).content.decode()
    assert "Tin phường Khương Mai" in html
    detail = client.get(reverse("news:detail", args=[ward_article.pk])).content.decode()
    assert "Tin phường Khương Mai → Tiêu đề mới" in detail


@pytest.mark.django_db
def test_image_upload_page(client, newsroom, ward_article):
    client.force_login(newsroom.ward_editor)
    resp = client.post(reverse("news:image_upload", args=[ward_article.pk]),
                       {"image": image_bytes(size=(800, 600)), "alt": "Ảnh hội nghị", "caption": "Chú thích"})
    assert resp.status_code == 302
    image = ward_article.images.get()
    edit = client.get(reverse("news:edit", args=[ward_article.pk])).content.decode()
    assert image.image.url in edit and "Chèn vào bài" in edit
    bad = client.post(reverse("news:image_upload", args=[ward_article.pk]),
                      {"image": image_bytes(), "alt": ""}, follow=True).content.decode()
    assert "Mô tả ảnh" in bad or "bắt buộc" in bad


@pytest.mark.django_db
def test_desk_list_query_count_does_not_grow(client, tree, newsroom, categories):
    client.force_login(newsroom.district_standing)
    services.article_create(actor=None, unit=tree.district, title="Bài đầu", categories=[categories["binh-chon"]])
    client.get(reverse("news:list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("news:list"))
    for i in range(20):
        services.article_create(actor=None, unit=tree.khuong_mai, title=f"Bài {i}", categories=[categories["binh-chon"]])
    with CaptureQueriesContext(connection) as many:
        html = client.get(reverse("news:list")).content.decode()
    assert len(many) <= len(few) and "Bài 19" in html


@pytest.mark.django_db
def test_desk_lists_only_the_reach(client, newsroom, ward_article, tree, categories):
    services.article_create(actor=None, unit=tree.nhan_chinh, title="Tin phường Nhân Chính", categories=[])
    client.force_login(newsroom.ward_editor)
    html = client.get(reverse("news:list")).content.decode()
    assert "Tin phường Khương Mai" in html and "Tin phường Nhân Chính" not in html
    client.force_login(newsroom.district_standing)
    html = client.get(reverse("news:list"), {"q": "nhan chinh"}).content.decode()
    assert "Tin phường Nhân Chính" in html and "Tin phường Khương Mai" not in html
