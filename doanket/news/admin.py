from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Article, Category, Tag


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    """Operators only; editors work in the desk (/quan-ly/tin-tuc/), whose services sanitise and audit."""

    list_display = ["title", "unit", "status", "published_at"]
    list_filter = ["status"]
    search_fields = ["search_text"]
    raw_id_fields = ["unit", "author", "approved_by"]
    readonly_fields = ["body", "search_text", "title_search"]
