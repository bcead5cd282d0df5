"""The editorial workflow, who may do what, images, drafts from events."""

import io
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from PIL import Image

from doanket.news import services
from doanket.news.models import Article, Status

from .conftest import image_bytes


@pytest.fixture
def draft(tree, newsroom, categories):
    return services.article_create(actor=newsroom.ward_editor, unit=tree.khuong_mai, title="Phường Khương Mai ra quân",
                                   body="<p>Nội dung</p>", categories=[categories["tin-tuc-su-kien"]])


@pytest.mark.django_db
def test_editor_writes_submits_and_the_wards_standing_committee_publishes(draft, newsroom):
    assert draft.status == Status.DRAFT and draft.author == newsroom.ward_editor
    assert draft.source == "Ủy ban MTTQ phường Khương Mai"
    services.article_submit(actor=newsroom.ward_editor, article=draft)
    with pytest.raises(PermissionDenied):
        services.article_publish(actor=newsroom.ward_editor, article=draft)
    published = services.article_publish(actor=newsroom.ward_standing, article=draft)
    assert published.status == Status.PUBLISHED and published.approved_by == newsroom.ward_standing
    assert published.is_public
    # Who did what, when: every step is a history row naming its actor.
    steps = [(h.status, h.history_user) for h in published.history.order_by("history_date", "history_id")]
    assert steps == [(Status.DRAFT, newsroom.ward_editor), (Status.SUBMITTED, newsroom.ward_editor),
                     (Status.PUBLISHED, newsroom.ward_standing)]


@pytest.mark.django_db
def test_editor_cannot_publish_withdraw_or_return(draft, newsroom):
    services.article_submit(actor=newsroom.ward_editor, article=draft)
    for action in (services.article_publish, services.article_return):
        with pytest.raises(PermissionDenied):
            action(actor=newsroom.ward_editor, article=draft)
    services.article_publish(actor=newsroom.ward_standing, article=draft)
    with pytest.raises(PermissionDenied):
        services.article_withdraw(actor=newsroom.ward_editor, article=draft)
    # Nor quietly change what readers see: a published article is corrected by the standing committee.
    with pytest.raises(PermissionDenied):
        services.article_update(actor=newsroom.ward_editor, article=draft, title="Sửa lén")


@pytest.mark.django_db
def test_another_wards_people_do_not_reach_the_article(draft, newsroom):
    for actor in (newsroom.other_editor, newsroom.other_standing):
        for action in (services.article_submit, services.article_publish, services.article_delete):
            with pytest.raises(Http404):
                action(actor=actor, article=draft)
        with pytest.raises(Http404):
            services.article_update(actor=actor, article=draft, title="x")


@pytest.mark.django_db
def test_district_standing_committee_publishes_its_wards_news(draft, newsroom):
    services.article_submit(actor=newsroom.ward_editor, article=draft)
    assert services.article_publish(actor=newsroom.district_standing, article=draft).status == Status.PUBLISHED


@pytest.mark.django_db
def test_editor_cannot_write_for_a_unit_outside_reach(tree, newsroom, categories):
    with pytest.raises(Http404):
        services.article_create(actor=newsroom.ward_editor, unit=tree.nhan_chinh, title="x")
    with pytest.raises(Http404):
        services.article_create(actor=newsroom.ward_editor, unit=tree.district, title="x")


@pytest.mark.django_db
def test_submit_needs_a_body_and_a_category(tree, newsroom):
    article = services.article_create(actor=newsroom.ward_editor, unit=tree.khuong_mai, title="Trống")
    with pytest.raises(ValidationError) as err:
        services.article_submit(actor=newsroom.ward_editor, article=article)
    assert set(err.value.error_dict) == {"body", "categories"}


@pytest.mark.django_db
def test_withdraw_return_and_delete_rules(draft, newsroom):
    services.article_submit(actor=newsroom.ward_editor, article=draft)
    returned = services.article_return(actor=newsroom.ward_standing, article=draft, note="Bổ sung ảnh")
    assert returned.status == Status.DRAFT and returned.review_note == "Bổ sung ảnh"
    services.article_publish(actor=newsroom.ward_standing, article=draft)
    with pytest.raises(ValidationError):
        services.article_delete(actor=newsroom.ward_standing, article=draft)
    withdrawn = services.article_withdraw(actor=newsroom.ward_standing, article=draft, reason="Sai số liệu")
    assert withdrawn.status == Status.WITHDRAWN and not withdrawn.is_public
    with pytest.raises(ValidationError):
        services.article_delete(actor=newsroom.ward_editor, article=draft)


@pytest.mark.django_db
def test_body_is_sanitised_and_search_columns_are_folded(tree, newsroom):
    article = services.article_create(actor=newsroom.ward_editor, unit=tree.khuong_mai, title="Đại hội Đoàn kết",
                                      lede="Khương Mai", body='<p onclick="x()">Tập huấn<script>alert(1)</script></p>')
    assert article.body == "<p>Tập huấn</p>"
    assert article.title_search == "dai hoi doan ket"
    assert article.search_text == "dai hoi doan ket khuong mai tap huan"
    assert article.slug == "dai-hoi-doan-ket"


@pytest.mark.django_db
def test_cover_is_checked_resized_renamed_and_needs_alt(tree, newsroom, settings):
    with pytest.raises(ValidationError) as err:
        services.article_create(actor=newsroom.ward_editor, unit=tree.khuong_mai, title="Ảnh", cover=image_bytes())
    assert "cover_alt" in err.value.error_dict
    article = services.article_create(actor=newsroom.ward_editor, unit=tree.khuong_mai, title="Ảnh",
                                      cover=image_bytes(), cover_alt="Hội trường", cover_caption="Toàn cảnh")
    assert article.cover.name.startswith("news/") and "anh" not in article.cover.name
    with Image.open(article.cover.path) as img:
        assert img.size == (1600, 800) and img.format == "JPEG"


@pytest.mark.django_db
def test_uploads_that_are_not_images_or_too_big_are_refused(tree, newsroom, draft, settings):
    fake = io.BytesIO(b"<?php echo 'x'; ?>" * 10)
    fake.name = "anh.jpg"
    with pytest.raises(ValidationError) as err:
        services.article_image_add(actor=newsroom.ward_editor, article=draft, upload=fake, alt="x")
    assert "không phải là ảnh" in str(err.value)
    truncated = io.BytesIO(image_bytes().getvalue()[:300])
    with pytest.raises(ValidationError):
        services.article_image_add(actor=newsroom.ward_editor, article=draft, upload=truncated, alt="x")
    settings.NEWS_IMAGE_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as err:
        services.article_image_add(actor=newsroom.ward_editor, article=draft, upload=image_bytes(fmt="PNG"), alt="x")
    assert "quá lớn" in str(err.value)


@pytest.mark.django_db
def test_body_image_needs_alt_and_keeps_transparency(draft, newsroom):
    buffer = io.BytesIO()
    Image.new("RGBA", (50, 40), (0, 0, 0, 0)).save(buffer, format="PNG")
    buffer.seek(0)
    with pytest.raises(ValidationError):
        services.article_image_add(actor=newsroom.ward_editor, article=draft, upload=buffer, alt="  ")
    buffer.seek(0)
    image = services.article_image_add(actor=newsroom.ward_editor, article=draft, upload=buffer, alt="Logo",
                                       caption="Biểu trưng")
    assert image.image.name.endswith(".png") and (image.width, image.height) == (50, 40)


@pytest.mark.django_db
def test_draft_from_an_event(tree, newsroom, categories):
    event = SimpleNamespace(
        organiser=tree.district, organiser_label="Ban Thường trực Ủy ban MTTQ Việt Nam quận Thanh Xuân",
        article_title="Quận Thanh Xuân: Tổ chức hội nghị tập huấn",
        article_lede="Chiều ngày 20/9/2022, hội nghị tập huấn đã diễn ra.",
        article_body="Đoạn một.\nVẫn đoạn một.\n\nĐoạn <hai>.",
    )
    article = services.article_create_from_event(actor=newsroom.district_editor, event=event)
    assert article.status == Status.DRAFT and article.unit == tree.district
    assert article.source == "Ủy ban MTTQ quận Thanh Xuân"
    assert article.body == "<p>Đoạn một.<br>Vẫn đoạn một.</p>\n<p>Đoạn &lt;hai&gt;.</p>"
    assert list(article.categories.all()) == [categories["hoat-dong-mat-tran"]]
    with pytest.raises(Http404):
        services.article_create_from_event(actor=newsroom.other_editor, event=event)


@pytest.mark.django_db
def test_draft_from_the_same_event_is_not_made_twice(tree, newsroom, categories):
    event = SimpleNamespace(pk=7, organiser=tree.district, organiser_label="", article_title="Tập huấn",
                            article_lede="", article_body="Nội dung")
    first = services.article_create_from_event(actor=None, event=event)
    assert first.source == "Ủy ban MTTQ quận Thanh Xuân"
    assert services.article_create_from_event(actor=None, event=event) == first
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_an_events_own_source_line_is_kept(tree, categories):
    event = SimpleNamespace(organiser=tree.khuong_mai, organiser_label="", article_title="Tập huấn", article_lede="",
                            article_body="x", article_source="Ủy ban MTTQ phường Khương Mai (quận Thanh Xuân)")
    assert services.article_create_from_event(actor=None, event=event).source == \
        "Ủy ban MTTQ phường Khương Mai (quận Thanh Xuân)"


def test_source_lines():
    unit = SimpleNamespace(name="Thành phố Hà Nội")
    assert services.default_source(unit) == "Ủy ban MTTQ thành phố Hà Nội"
    assert services.short_source("Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam phường Khương Mai") == \
        "Ủy ban MTTQ phường Khương Mai"
    assert services.short_source("", SimpleNamespace(name="Phường Nhân Chính")) == "Ủy ban MTTQ phường Nhân Chính"
