"""Fixtures of the news tests: editors and standing committees at the district and two wards, articles."""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import timezone
from PIL import Image

from doanket.core.permissions import Role
from doanket.news import services
from doanket.news.models import Category


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def categories(reference_data) -> dict[str, Category]:
    return {c.slug: c for c in Category.objects.all()}


@pytest.fixture
def newsroom(tree, make_user) -> SimpleNamespace:
    return SimpleNamespace(
        district_editor=make_user("bientap-quan", tree.district, Role.EDITOR),
        district_standing=make_user("thuongtruc-quan", tree.district, Role.STANDING),
        ward_editor=make_user("bientap-khuongmai", tree.khuong_mai, Role.EDITOR),
        ward_standing=make_user("thuongtruc-khuongmai", tree.khuong_mai, Role.STANDING),
        other_editor=make_user("bientap-nhanchinh", tree.nhan_chinh, Role.EDITOR),
        other_standing=make_user("thuongtruc-nhanchinh", tree.nhan_chinh, Role.STANDING),
    )


SEED_TITLE = "Quận Thanh Xuân: Tổ chức hội nghị tập huấn kỹ năng, nghiệp vụ công tác Mặt trận Tổ quốc năm 2022"
SEED_LEDE = ("Chiều ngày 20/9/2022, Ban Thường trực Ủy ban MTTQ Việt Nam quận Thanh Xuân đã tổ chức hội nghị tập huấn "
             "công tác mặt trận tổ quốc cho cán bộ quận và cơ sở.")
SEED_BODY = ("Hội nghị đã trao đổi những nội dung cơ bản về tổ chức và hoạt động của Mặt trận Tổ quốc Việt Nam.\n\n"
             "Phát biểu kết luận tại Hội nghị, đồng chí Khổng Minh Thảo ghi nhận và đánh giá cao đóng góp của các ban "
             "công tác mặt trận cơ sở.")
SEED_TIME = dt.datetime(2022, 9, 23, 16, 15, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.fixture
def publish():
    """Write, submit and publish an article as the system (no actor): for tests about reading."""

    def _publish(unit, title, *, category, when=None, lede="", body="Nội dung.", **extra):
        article = services.article_create(actor=None, unit=unit, title=title, lede=lede, body=body,
                                          categories=[category], **extra)
        return services.article_publish(actor=None, article=article, published_at=when or timezone.now())

    return _publish


@pytest.fixture
def seed_article(tree, categories, publish):
    return publish(tree.district, SEED_TITLE, category=categories["hoat-dong-mat-tran"], when=SEED_TIME,
                   lede=SEED_LEDE, body=SEED_BODY, source="Ủy ban MTTQ quận Thanh Xuân")


def image_bytes(size=(2400, 1200), fmt="JPEG", color=(180, 20, 30)) -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt)
    buffer.seek(0)
    buffer.name = f"anh.{fmt.lower()}"
    return buffer
