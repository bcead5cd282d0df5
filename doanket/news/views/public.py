"""The public news portal (no login): home, categories, articles, units' news sections, search, feeds."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from django.views.static import serve

from .. import selectors
from ..cache import cached_public_page
from ..forms import SearchForm
from ..models import Article, Category

PAGE_SIZE = 15
SITE_NAME = gettext_lazy("Mặt trận Tổ quốc Việt Nam — Tin tức")


@cached_public_page
def home(request: HttpRequest) -> HttpResponse:
    latest = list(selectors.public_articles()[:6])
    # The lead story is the newest one with a photo among the latest, else the newest.
    lead = next((a for a in latest if a.cover), latest[0] if latest else None)
    return render(request, "news/public/home.html", {
        "lead": lead, "latest": [a for a in latest if a is not lead][:5], "sections": selectors.home_sections(),
        "units": selectors.units_with_news(12), "nav": "home",
    })


@cached_public_page
def category(request: HttpRequest, slug: str) -> HttpResponse:
    cat = selectors.category_get(slug)
    page = Paginator(selectors.category_articles(cat), PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "news/public/category.html", {"category": cat, "page": page, "nav": "category"})


@cached_public_page
def article(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    item = selectors.public_article_get(pk)
    if slug != item.slug:
        return redirect(item.get_absolute_url(), permanent=True)
    categories = list(item.categories.all())
    return render(request, "news/public/article.html", {
        "article": item, "categories": categories, "category": categories[0] if categories else None,
        "others": selectors.other_articles(item),
    })


@cached_public_page
def unit_section(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.public_unit_get(pk)
    page = Paginator(selectors.unit_articles(unit), PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "news/public/unit.html", {"unit": unit, "page": page})


@cached_public_page
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results = selectors.search_articles(query)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("trang"))
    params = request.GET.copy()
    params.pop("trang", None)
    return render(request, "news/public/search.html", {"form": form, "query": query, "page": page,
                                                        "params": params.urlencode()})


@require_safe
def media(request: HttpRequest, path: str) -> HttpResponseBase:
    """Article images, when no web server in front serves MEDIA_ROOT (the embedded setup and the demo)."""
    if not getattr(settings, "NEWS_SERVE_MEDIA", True):
        raise Http404
    response = serve(request, path, document_root=str(Path(settings.MEDIA_ROOT) / "news"))
    response["Cache-Control"] = "public, max-age=31536000, immutable"  # names are random: a new image has a new name
    return response


# -- feeds ------------------------------------------------------------------------------------------
class CategoryFeed(Feed):
    """RSS 2.0 of a category ("tat-ca" = every category)."""

    language = "vi"
    limit = 30

    def get_object(self, request: HttpRequest, slug: str) -> Category | None:
        return None if slug == "tat-ca" else selectors.category_get(slug)

    def title(self, obj: Category | None) -> str:
        return f"{obj.name} — {SITE_NAME}" if obj else str(SITE_NAME)

    def link(self, obj: Category | None) -> str:
        return reverse("news_public:category", args=[obj.slug]) if obj else reverse("news_public:home")

    def description(self, obj: Category | None) -> str:
        return _("Tin mới của danh mục %(name)s") % {"name": obj.name} if obj else _("Tin mới của Mặt trận Tổ quốc")

    def items(self, obj: Category | None) -> list[Article]:
        qs = selectors.category_articles(obj) if obj else selectors.public_articles()
        return list(qs[: self.limit])

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.lede

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return item.source


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Category | None) -> str:
        return self.description(obj)


rss_feed = cached_public_page(CategoryFeed())
atom_feed = cached_public_page(CategoryAtomFeed())


# -- sitemap ----------------------------------------------------------------------------------------
class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7
    limit = 5000

    def items(self):
        return selectors.public_articles()

    def lastmod(self, item: Article):
        return item.updated_at


class CategorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self) -> list[Category]:
        return selectors.categories_all()

    def location(self, item: Category) -> str:
        return reverse("news_public:category", args=[item.slug])


class PagesSitemap(Sitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self) -> list[str]:
        return ["news_public:home", "polls_public:list"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {"trang": PagesSitemap, "danh-muc": CategorySitemap, "tin-tuc": ArticleSitemap}
