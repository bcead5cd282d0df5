"""Issue 10: a cover image chosen on a form that fails validation is kept for the next attempt."""

import re

import pytest
from django.urls import reverse

from doanket.news.models import Article

from .conftest import image_bytes

pytestmark = pytest.mark.django_db


def test_cover_chosen_before_a_validation_error_is_kept(client, tree, newsroom, categories):
    client.force_login(newsroom.ward_editor)
    first = client.post(reverse("news:create"), {"title": "Ngày hội", "unit": tree.khuong_mai.pk,
                                                 "cover": image_bytes(), "cover_alt": ""}).content.decode()
    assert "cho người khiếm thị" in first and not Article.objects.exists()
    assert "vẫn được giữ" in first
    token = re.search(r'name="cover_kept" value="([^"]+)"', first).group(1)
    # The second attempt sends no file (a browser never refills one): the kept cover is used.
    resp = client.post(reverse("news:create"), {"title": "Ngày hội", "unit": tree.khuong_mai.pk,
                                                "cover_alt": "Người dân dự ngày hội", "cover_kept": token})
    article = Article.objects.get(title="Ngày hội")
    assert resp.status_code == 302 and article.cover


def test_a_kept_cover_token_is_the_users_own(client, tree, newsroom, categories):
    client.force_login(newsroom.ward_editor)
    first = client.post(reverse("news:create"), {"title": "Ngày hội", "unit": tree.khuong_mai.pk,
                                                 "cover": image_bytes(), "cover_alt": ""}).content.decode()
    token = re.search(r'name="cover_kept" value="([^"]+)"', first).group(1)
    client.force_login(newsroom.ward_standing)
    client.post(reverse("news:create"), {"title": "Bài khác", "unit": tree.khuong_mai.pk,
                                         "cover_alt": "Ảnh", "cover_kept": token})
    other = Article.objects.filter(title="Bài khác").first()
    assert other is None or not other.cover
