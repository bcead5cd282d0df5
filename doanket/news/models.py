"""News of the Front's units: categories, tags, articles with an editorial workflow, their images.

An article belongs to a unit (the owner of the news section it appears in). It is written and
submitted by an editor of that unit and published, withdrawn or sent back by a standing-committee
member whose reach covers the unit. Every change is kept by django-simple-history.
"""

from __future__ import annotations

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def image_path(instance: models.Model, filename: str) -> str:
    """A random, unguessable name: uploads never keep the sender's file name (which may hold personal data)."""
    suffix = PurePosixPath(filename).suffix.lower() or ".jpg"
    return f"news/{timezone.now():%Y/%m}/{secrets.token_urlsafe(16)}{suffix}"


class Category(models.Model):
    """A news category ("danh mục tin tức"): Hoạt động Mặt trận, Tin tức - Sự kiện…"""

    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True)
    name = models.CharField(_("tên danh mục"), max_length=120)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("danh mục tin tức")
        verbose_name_plural = _("danh mục tin tức")

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    name = models.CharField(_("từ khoá"), max_length=80, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=90, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("từ khoá")
        verbose_name_plural = _("từ khoá")

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Chờ duyệt")
    PUBLISHED = "published", _("Đã xuất bản")
    WITHDRAWN = "withdrawn", _("Đã gỡ")


class ArticleQuerySet(models.QuerySet):
    def visible_now(self) -> ArticleQuerySet:
        """What a citizen may read: published, and its publication time has come."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())


class Article(models.Model):
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="articles",
                             verbose_name=_("đơn vị"))
    categories = models.ManyToManyField(Category, related_name="articles", verbose_name=_("danh mục"))
    tags = models.ManyToManyField(Tag, related_name="articles", blank=True, verbose_name=_("từ khoá"))
    title = models.CharField(_("tiêu đề"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=200, allow_unicode=False)
    lede = models.TextField(_("sapo"), blank=True, help_text=_("Đoạn tóm tắt đầu bài, in đậm dưới tiêu đề"))
    body = models.TextField(_("nội dung"), blank=True)
    cover = models.ImageField(_("ảnh đại diện"), upload_to=image_path, blank=True, max_length=200)
    cover_alt = models.CharField(_("mô tả ảnh (cho người khiếm thị)"), max_length=255, blank=True)
    cover_caption = models.CharField(_("chú thích ảnh"), max_length=500, blank=True)
    source = models.CharField(_("nguồn tin"), max_length=255, blank=True,
                              help_text=_("Ví dụ: Ủy ban MTTQ quận Thanh Xuân"))
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("thời điểm xuất bản"), null=True, blank=True,
                                        help_text=_("Có thể đặt trước: bài chỉ hiện khi đến giờ"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="articles_written", verbose_name=_("người viết"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="articles_approved", verbose_name=_("người duyệt"))
    review_note = models.TextField(_("ý kiến biên tập"), blank=True)
    # Where a generated draft came from (e.g. "event:12"), so it is not generated twice.
    origin = models.CharField(max_length=60, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)
    # Folded (accent-free, đ → d) text for search; the title alone ranks title matches first.
    title_search = models.CharField(max_length=255, blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["title_search", "search_text", "updated_at", "origin"])

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_status_published"),
            models.Index(fields=["unit", "status", "published_at"], name="article_unit_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Status.values), name="article_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
                name="article_published_has_time",
                violation_error_message=_("Bài đã xuất bản phải có thời điểm xuất bản."),
            ),
            models.CheckConstraint(
                condition=Q(cover="") | ~Q(cover_alt=""),
                name="article_cover_has_alt",
                violation_error_message=_("Ảnh đại diện cần có mô tả (cho người khiếm thị)."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("news_public:article", kwargs={"pk": self.pk, "slug": self.slug or "bai-viet"})

    @property
    def origin_event_id(self) -> int | None:
        """The event a generated draft was written from (linked from the article's page)."""
        kind, _sep, pk = self.origin.partition(":")
        return int(pk) if kind == "event" and pk.isdigit() else None

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED and self.published_at is not None \
            and self.published_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.status == Status.PUBLISHED and self.published_at is not None and self.published_at > timezone.now()


class ArticleImage(models.Model):
    """An image uploaded for an article's body: resized, stored under a random name, with its alt text."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images", verbose_name=_("bài viết"))
    image = models.ImageField(_("ảnh"), upload_to=image_path, max_length=200, width_field="width",
                              height_field="height")
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    alt = models.CharField(_("mô tả ảnh (cho người khiếm thị)"), max_length=255)
    caption = models.CharField(_("chú thích ảnh"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("người tải lên"))
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("ảnh trong bài")
        verbose_name_plural = _("ảnh trong bài")
        constraints = [models.CheckConstraint(condition=~Q(alt=""), name="articleimage_alt_required",
                                              violation_error_message=_("Ảnh cần có mô tả (cho người khiếm thị)."))]

    def __str__(self) -> str:
        return self.alt


class PublicVersion(models.Model):
    """The version of the public pages: bumped in the same transaction as every change a reader can
    see, so a cached page keyed by it is never served after the change commits. It lives in the
    database (not in the cache) so that every worker process agrees on it, whatever the cache backend;
    the random token keeps a restored or re-created database from meeting pages cached before."""

    value = models.PositiveBigIntegerField(default=1)
    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("phiên bản trang công khai")
        verbose_name_plural = _("phiên bản trang công khai")

    def __str__(self) -> str:
        return f"{self.value}.{self.token}"
