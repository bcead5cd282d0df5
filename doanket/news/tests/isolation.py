"""News' part of tests/test_isolation.py: an unpublished article of the ward and a revision of it."""

from __future__ import annotations

from types import SimpleNamespace

from doanket.news import services
from doanket.news.models import Category
from doanket.news.permissions import NewsPerm

ROUTE_WORDS = {"tin-tuc": "article", "phien-ban": "revision"}
SAMPLE_VALUES = {"slug": ["hoat-dong-mat-tran", "khong-co"], "path": ["khong-co.jpg"]}


def secret_texts(scope: SimpleNamespace) -> list[str]:
    """Never on any page, public or not, for anyone outside the ward."""
    return [f"Bản nháp riêng của {scope.ward.name}"]


def records(scope: SimpleNamespace) -> dict[str, int | str]:
    article = services.article_create(actor=None, unit=scope.ward, title=secret_texts(scope)[0], body="x",
                                      categories=list(Category.objects.all()[:1]))
    return {"article": article.pk, "revision": article.history.values_list("history_id", flat=True).first()}


def may_404(route: str, user_reach) -> bool:
    """Drafts do not exist for a role without any news permission (there is no "view" right for them)."""
    no_news = user_reach(NewsPerm.WRITE).is_empty and user_reach(NewsPerm.PUBLISH).is_empty
    return no_news and route.startswith("quan-ly/tin-tuc/")
