"""Reads of articles: the cadres' lists through their reach, and what citizens may read."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy

from doanket.accounts.models import User
from doanket.accounts.selectors import require, user_reach
from doanket.core.history import HistoryEntry
from doanket.core.reach import Reach
from doanket.core.text import search_terms
from doanket.news.permissions import NewsPerm
from doanket.orgunits.lineage import rollup_prefixes
from doanket.orgunits.models import OrgUnit
from doanket.orgunits.selectors import unit_choices, with_full_labels

from .models import Article, Category, Status
from .richtext import html_to_text

# -- cadres -----------------------------------------------------------------------------------------


def _news_q(user: User | AnonymousUser) -> Q:
    """Articles of units where the user writes or publishes."""
    return user_reach(user, NewsPerm.WRITE).q("unit__path") | user_reach(user, NewsPerm.PUBLISH).q("unit__path")


def articles_visible(user: User | AnonymousUser) -> QuerySet[Article]:
    return Article.objects.filter(_news_q(user))


def article_get(user: User | AnonymousUser, pk: int) -> Article:
    """The article, or 404 when its unit is outside the user's news reach (its existence is not told)."""
    article = (
        articles_visible(user).select_related("unit", "unit__unit_type", "author", "approved_by")
        .prefetch_related("categories", "tags", "images").filter(pk=pk).first()
    )
    if article is None:
        raise Http404
    return article


def article_list(user: User | AnonymousUser, *, status: str = "", query: str = "") -> QuerySet[Article]:
    """The editorial desk: newest changes first; each row carries its unit, author and categories."""
    qs = articles_visible(user)
    if status:
        qs = qs.filter(status=status)
    for word in search_terms(query):
        qs = qs.filter(search_text__contains=word)
    return (
        qs.select_related("unit", "author", "approved_by").prefetch_related("categories")
        .order_by("-updated_at", "-id")
    )


def access_article(user: User, pk: int, perm: NewsPerm | None = None) -> Article:
    """The article, for an action that needs `perm` on its unit: 404 outside the user's news reach, 403 when
    seen without `perm`. (Whether a writer may still edit it depends on its state too: `can_write`.)"""
    article = article_get(user, pk)
    if perm is not None:
        require(user, article.unit.path, perm, seen=True)
    return article


def status_counts(user: User | AnonymousUser) -> dict[str, int]:
    rows = articles_visible(user).values("status").annotate(n=Count("id")).order_by()
    return {r["status"]: r["n"] for r in rows}


def news_units(user: User | AnonymousUser) -> QuerySet[OrgUnit]:
    """Units whose news section the user writes for (residential areas have none)."""
    return unit_choices(user, NewsPerm.WRITE, sections_only=True)


def can_write(user: User | AnonymousUser, article: Article) -> bool:
    """May edit: drafts, submitted or withdrawn articles for writers; published ones for publishers."""
    if article.status == Status.PUBLISHED:
        return can_publish(user, article)
    return user_reach(user, NewsPerm.WRITE).covers(article.unit.path) or can_publish(user, article)


def can_publish(user: User | AnonymousUser, article: Article) -> bool:
    return user_reach(user, NewsPerm.PUBLISH).covers(article.unit.path)


_LONG_FIELDS = {"body", "lede"}
_ACTIONS = {"+": gettext_lazy("Tạo mới"), "~": gettext_lazy("Sửa"), "-": gettext_lazy("Xoá")}
# A change of status is the workflow step it stands for.
_STEPS = {Status.SUBMITTED: gettext_lazy("Gửi duyệt"), Status.PUBLISHED: gettext_lazy("Duyệt, xuất bản"),
          Status.WITHDRAWN: gettext_lazy("Gỡ bài")}


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _shown(names: dict[str, dict[Any, str]], field: str, value: Any) -> str:
    """A value of an article's history in words."""
    if value in (None, ""):
        return ""
    if field in names:
        return names[field].get(value, str(value))
    if field == "status":
        return str(Status(value).label)
    if field == "published_at":
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if field in _LONG_FIELDS:
        return _short(html_to_text(value))
    return str(value)


def article_history(article: Article) -> list[HistoryEntry]:
    """Who did what when, newest first, in words: statuses by name, people and units by name, times to
    the minute, long texts shortened to their visible words."""
    records = sorted(article.history.select_related("history_user"), key=lambda r: (r.history_date, r.history_id))
    user_ids = {getattr(r, f) for r in records for f in ("author_id", "approved_by_id")} - {None}
    unit_ids = {r.unit_id for r in records}
    names: dict[str, dict[Any, str]] = {
        "author": {u.pk: str(u) for u in User.objects.filter(pk__in=user_ids)},
        "unit": {u.pk: u.label for u in OrgUnit.objects.filter(pk__in=unit_ids)},
    }
    names["approved_by"] = names["author"]

    out: list[HistoryEntry] = []
    previous = None
    for rec in records:
        changes: list[dict[str, Any]] = []
        action = str(_ACTIONS[rec.history_type])
        if previous is not None and rec.history_type == "~":
            for ch in rec.diff_against(previous).changes:
                label = getattr(Article._meta.get_field(ch.field), "verbose_name", ch.field)
                changes.append({"field": str(label),
                                "old": _shown(names, ch.field, ch.old), "new": _shown(names, ch.field, ch.new)})
                if ch.field == "status":
                    step = _STEPS.get(ch.new)
                    if ch.new == Status.DRAFT and ch.old == Status.SUBMITTED:
                        step = gettext_lazy("Trả lại người viết")
                    action = str(step or action)
        out.append(HistoryEntry(when=rec.history_date, actor=rec.history_user, action=action, changes=changes))
        previous = rec
    out.reverse()
    return out


def article_revisions(article: Article) -> list[Any]:
    return list(article.history.select_related("history_user").order_by("-history_date", "-history_id"))


def article_revision(article: Article, history_id: int) -> Any:
    revision = article.history.select_related("history_user").filter(history_id=history_id).first()
    if revision is None:
        raise Http404
    return revision


# -- citizens ---------------------------------------------------------------------------------------


def categories_all() -> list[Category]:
    return list(Category.objects.all())


def category_get(slug: str) -> Category:
    category = Category.objects.filter(slug=slug).first()
    if category is None:
        raise Http404
    return category


def public_articles() -> QuerySet[Article]:
    """Published articles whose time has come, newest first, with what a list shows."""
    return Article.objects.visible_now().select_related("unit").order_by("-published_at", "-id")


def public_article_get(pk: int) -> Article:
    article = public_articles().prefetch_related("categories", "tags", "images").filter(pk=pk).first()
    if article is None:
        raise Http404
    return article


def home_sections(per_category: int = 5) -> list[Category]:
    """Every category with its latest articles (`latest`), in two queries whatever the number of categories."""
    latest = public_articles()[:per_category]
    return list(Category.objects.prefetch_related(Prefetch("articles", queryset=latest, to_attr="latest")))


def category_articles(category: Category) -> QuerySet[Article]:
    return public_articles().filter(categories=category)


def other_articles(article: Article, limit: int = 8) -> list[Article]:
    """"Các tin tức khác": other published news of the article's categories, newest first."""
    ids = [c.pk for c in article.categories.all()]
    return list(public_articles().filter(categories__in=ids).exclude(pk=article.pk).distinct()[:limit])


def unit_section_units(unit: OrgUnit) -> Reach:
    """A unit's news section: its own subtree, and units merged or renamed into it."""
    return Reach(prefixes=tuple(sorted(rollup_prefixes({unit.path}))))


def unit_articles(unit: OrgUnit) -> QuerySet[Article]:
    return public_articles().filter(unit_section_units(unit).q("unit__path"))


def public_unit_get(pk: int) -> OrgUnit:
    unit = OrgUnit.objects.select_related("unit_type").filter(pk=pk).first()
    if unit is None:
        raise Http404
    return unit


def units_with_news(limit: int = 30) -> list[OrgUnit]:
    """Units that have published news, most active first (for the portal's list of sections)."""
    visible = Article.objects.visible_now()
    units = list(
        OrgUnit.objects.filter(articles__in=visible).annotate(n=Count("articles", distinct=True))
        .order_by("-n", "depth", "sort_key")[:limit]
    )
    with_full_labels(units)  # shown with their full path: a same-named unit elsewhere cannot pass for one
    return units


def search_articles(query: str) -> QuerySet[Article]:
    """Accent-insensitive search (đ folds to d): every word must appear; articles whose title holds
    more of the words, then the whole phrase, rank first; then newest first."""
    terms = search_terms(query)
    if not terms:
        return public_articles().none()
    qs = public_articles()
    for term in terms:
        qs = qs.filter(search_text__contains=term)
    title_hits = [Case(When(title_search__contains=t, then=Value(2)), default=Value(0), output_field=IntegerField())
                  for t in terms]
    phrase = Case(When(title_search__contains=" ".join(terms), then=Value(3)), default=Value(0),
                  output_field=IntegerField())
    rank = sum(title_hits[1:], title_hits[0]) + phrase
    return qs.annotate(rank=Coalesce(rank, Value(0))).order_by("-rank", "-published_at", "-id")
