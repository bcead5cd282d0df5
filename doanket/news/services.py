"""Writes to articles: create, edit, the editorial workflow, images. Atomic, checked against the actor's
reach, recorded in history; every change a reader could see bumps the public pages' version."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doanket.accounts.models import User
from doanket.accounts.selectors import require
from doanket.core.services import as_actor, validate_and_save
from doanket.core.text import fold, normalize_text
from doanket.news.permissions import NewsPerm
from doanket.orgunits.models import OrgUnit

from .cache import bump_public_version
from .images import prepare_image
from .models import Article, ArticleImage, Category, Status, Tag
from .richtext import html_to_text, paragraphs_to_html, sanitize_html

ARTICLE_FIELDS = ("unit", "title", "lede", "body", "source", "published_at", "cover_alt", "cover_caption")
EVENT_CATEGORY_SLUG = "hoat-dong-mat-tran"


# -- permissions ------------------------------------------------------------------------------------
# Writing an article needs NewsPerm.WRITE on its unit (404 without: others do not see it); every role holding
# NewsPerm.PUBLISH holds WRITE too (news/domain.py). Approving, publishing, withdrawing need PUBLISH: an editor
# who sees the article is refused with this reason (403).
PUBLISH_DENIED = gettext_lazy("Chỉ Ban Thường trực của đơn vị mới được duyệt, xuất bản hoặc gỡ bài.")


def _user_or_none(actor: User | None) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


# -- text -------------------------------------------------------------------------------------------
_SOURCE_TYPES = ("Thành phố", "Tỉnh", "Quận", "Huyện", "Thị xã", "Phường", "Xã", "Đặc khu", "Khu dân cư")


def default_source(unit: OrgUnit) -> str:
    """The source line a unit signs with: "Quận Thanh Xuân" → "Ủy ban MTTQ quận Thanh Xuân"."""
    name = normalize_text(unit.name)
    for word in _SOURCE_TYPES:
        if name.startswith(word + " "):
            name = word.lower() + name[len(word):]
            break
    if name.startswith("Ủy ban") or name.startswith("Ban "):
        return name
    return f"{_('Ủy ban MTTQ')} {name}"


def short_source(label: str | None, unit: OrgUnit | None = None) -> str:
    """A committee's full name shortened the way the press signs it:
    "Ban Thường trực Ủy ban MTTQ Việt Nam quận Thanh Xuân" → "Ủy ban MTTQ quận Thanh Xuân"."""
    text = normalize_text(label)
    if not text:
        return default_source(unit) if unit is not None else ""
    text = re.sub(r"^Ban Thường trực\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"Mặt trận Tổ quốc Việt Nam|MTTQ Việt Nam|Mặt trận Tổ quốc", "MTTQ", text)
    if not text.startswith(("Ủy ban", "Uỷ ban")) and unit is not None:
        return default_source(unit)
    return text


def article_prepare(article: Article) -> Article:
    """Normalise the text fields, sanitise the body, compute the slug and the folded search columns."""
    article.title = normalize_text(article.title)
    article.lede = normalize_text(article.lede)
    article.source = normalize_text(article.source)
    article.cover_alt = normalize_text(article.cover_alt)
    article.cover_caption = normalize_text(article.cover_caption)
    article.body = sanitize_html(article.body)
    if not article.title:
        raise ValidationError({"title": [_("Cần nhập tiêu đề bài viết.")]})
    article.slug = (slugify(fold(article.title)) or "bai-viet")[:200].strip("-")
    article.title_search = fold(article.title)[:255]
    article.search_text = fold(" ".join([article.title, article.lede, article.cover_caption, html_to_text(article.body)]))
    if article.cover and not article.cover_alt:
        raise ValidationError({"cover_alt": [_("Ảnh đại diện cần có mô tả ngắn nội dung ảnh (cho người khiếm thị).")]})
    return article


def tags_from_text(text: str | None) -> list[Tag]:
    """Tags typed as a comma-separated list; new ones are created."""
    tags: list[Tag] = []
    for raw in (text or "").split(","):
        name = normalize_text(raw)[:80]
        slug = slugify(fold(name))[:90]
        if not slug:
            continue
        tag, _created = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
        if tag not in tags:
            tags.append(tag)
    return tags


def _set_cover(article: Article, upload: IO[bytes]) -> None:
    prepared = prepare_image(upload, field="cover")
    article.cover.save(prepared.name, prepared.content, save=False)


def _check_ready(article: Article) -> None:
    """What an article needs before it goes to the standing committee or to readers."""
    errors: dict[str, list[str]] = {}
    if not html_to_text(article.body):
        errors["body"] = [_("Bài viết chưa có nội dung.")]
    if not article.categories.exists():
        errors["categories"] = [_("Hãy chọn ít nhất một danh mục cho bài viết.")]
    if errors:
        raise ValidationError(errors)


# -- writes -----------------------------------------------------------------------------------------
@transaction.atomic
def article_create(*, actor: User | None, unit: OrgUnit, title: str, lede: str = "", body: str = "",
                   categories: Iterable[Category] = (), tags: Iterable[Tag] = (), source: str = "",
                   published_at: dt.datetime | None = None, cover: IO[bytes] | None = None, cover_alt: str = "",
                   cover_caption: str = "", origin: str = "") -> Article:
    """A new draft in the unit's news section, written by `actor`."""
    require(actor, unit.path, NewsPerm.WRITE)
    article = Article(unit=unit, title=title, lede=lede, body=body, source=source or default_source(unit),
                      published_at=published_at, cover_alt=cover_alt, cover_caption=cover_caption,
                      author=_user_or_none(actor), origin=origin, status=Status.DRAFT)
    if cover is not None:
        _set_cover(article, cover)
    article_prepare(article)
    validate_and_save(article, actor)
    article.categories.set(list(categories))
    article.tags.set(list(tags))
    return article


@transaction.atomic
def article_update(*, actor: User | None, article: Article, categories: Iterable[Category] | None = None,
                   tags: Iterable[Tag] | None = None, cover: IO[bytes] | None = None, remove_cover: bool = False,
                   **changes: Any) -> Article:
    """Edit an article. A published one is corrected only by whoever may publish it; the change shows
    publicly at once."""
    unknown = set(changes) - set(ARTICLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    article = Article.objects.select_for_update().get(pk=article.pk)
    # Writers edit in the article's unit and in the unit it moves to; a published article, publishers only.
    perm = NewsPerm.PUBLISH if article.status == Status.PUBLISHED else NewsPerm.WRITE
    for unit in (article.unit, changes.get("unit") or article.unit):
        require(actor, unit.path, perm, seen_with=NewsPerm.WRITE, denied=str(PUBLISH_DENIED))
    for field, value in changes.items():
        setattr(article, field, value)
    if cover is not None:
        _set_cover(article, cover)
    elif remove_cover:
        article.cover = ""  # type: ignore[assignment]  # the file stays: older revisions still show it
    article_prepare(article)
    validate_and_save(article, actor)
    if categories is not None:
        article.categories.set(list(categories))
    if tags is not None:
        article.tags.set(list(tags))
    if article.status == Status.PUBLISHED:
        bump_public_version()
    return article


def _transition(article: Article, actor: User | None, status: str, **fields: Any) -> Article:
    article.status = status
    for field, value in fields.items():
        setattr(article, field, value)
    return validate_and_save(article, actor)


@transaction.atomic
def article_submit(*, actor: User | None, article: Article) -> Article:
    """Editor → standing committee: the article waits for approval."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    require(actor, article.unit.path, NewsPerm.WRITE)
    if article.status not in (Status.DRAFT, Status.WITHDRAWN):
        raise ValidationError(_("Chỉ gửi duyệt được bài đang là bản nháp hoặc đã gỡ."))
    _check_ready(article)
    return _transition(article, actor, Status.SUBMITTED, review_note="")


@transaction.atomic
def article_publish(*, actor: User | None, article: Article, published_at: dt.datetime | None = None) -> Article:
    """The standing committee approves and publishes, now or at the scheduled time."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    require(actor, article.unit.path, NewsPerm.PUBLISH, seen_with=NewsPerm.WRITE, denied=str(PUBLISH_DENIED))
    if article.status == Status.PUBLISHED:
        raise ValidationError(_("Bài này đã được xuất bản."))
    _check_ready(article)
    when = published_at or article.published_at or timezone.now()
    article = _transition(article, actor, Status.PUBLISHED, published_at=when, approved_by=_user_or_none(actor),
                          review_note="")
    bump_public_version()
    return article


@transaction.atomic
def article_withdraw(*, actor: User | None, article: Article, reason: str = "") -> Article:
    """Take a published article off the public site (it stays, with its history, for the record)."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    require(actor, article.unit.path, NewsPerm.PUBLISH, seen_with=NewsPerm.WRITE, denied=str(PUBLISH_DENIED))
    if article.status != Status.PUBLISHED:
        raise ValidationError(_("Chỉ gỡ được bài đang xuất bản."))
    article = _transition(article, actor, Status.WITHDRAWN, review_note=normalize_text(reason))
    bump_public_version()
    return article


@transaction.atomic
def article_return(*, actor: User | None, article: Article, note: str = "") -> Article:
    """The standing committee sends a submitted article back to its editor with a note."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    require(actor, article.unit.path, NewsPerm.PUBLISH, seen_with=NewsPerm.WRITE, denied=str(PUBLISH_DENIED))
    if article.status != Status.SUBMITTED:
        raise ValidationError(_("Chỉ trả lại được bài đang chờ duyệt."))
    return _transition(article, actor, Status.DRAFT, review_note=normalize_text(note))


@transaction.atomic
def article_delete(*, actor: User | None, article: Article) -> None:
    """Only an article that never reached readers may be deleted; a published one is withdrawn instead."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    require(actor, article.unit.path, NewsPerm.WRITE)
    if article.status not in (Status.DRAFT, Status.SUBMITTED) or article.approved_by_id is not None:
        raise ValidationError(_("Bài đã từng xuất bản không xoá được; hãy dùng “Gỡ bài”."))
    as_actor(article, actor)
    article.delete()


@transaction.atomic
def article_image_add(*, actor: User | None, article: Article, upload: IO[bytes], alt: str,
                      caption: str = "") -> ArticleImage:
    """An image for the article's body: checked, resized, stored under a random name, alt text required."""
    require(actor, article.unit.path, NewsPerm.WRITE)
    alt = normalize_text(alt)
    if not alt:
        raise ValidationError({"alt": [_("Hãy mô tả ngắn nội dung ảnh (cho người khiếm thị).")]})
    prepared = prepare_image(upload, field="image")
    image = ArticleImage(article=article, alt=alt, caption=normalize_text(caption), uploaded_by=_user_or_none(actor))
    image.image.save(prepared.name, prepared.content, save=False)
    return validate_and_save(image, actor)


@transaction.atomic
def article_create_from_event(*, actor: User | None, event: Any) -> Article:
    """A draft article from an event's generated text: `article_title`, `article_lede`, `article_body` (plain
    paragraphs separated by blank lines) and `article_source` when the event has one, else its organiser's
    name shortened ("Ủy ban MTTQ quận Thanh Xuân"). It opens in the organiser's news section for the editor
    to finish and the standing committee to publish. Generating it again returns the existing draft."""
    unit = event.organiser
    origin = f"event:{event.pk}" if getattr(event, "pk", None) else ""
    if origin:
        existing = Article.objects.filter(origin=origin).exclude(status=Status.WITHDRAWN).first()
        if existing is not None:
            require(actor, existing.unit.path, NewsPerm.WRITE)
            return existing
    category = Category.objects.filter(slug=EVENT_CATEGORY_SLUG).first()
    return article_create(
        actor=actor, unit=unit,
        title=getattr(event, "article_title", "") or getattr(event, "title", "") or getattr(event, "name", ""),
        lede=getattr(event, "article_lede", "") or "",
        body=paragraphs_to_html(getattr(event, "article_body", "") or ""),
        source=normalize_text(getattr(event, "article_source", "") or "")
        or short_source(getattr(event, "organiser_label", "") or "", unit),
        categories=[category] if category else [], origin=origin,
    )
