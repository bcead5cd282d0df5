"""Template helpers of the public portal."""

from __future__ import annotations

from django import template
from django.utils import timezone

from .. import selectors

register = template.Library()


@register.simple_tag
def public_categories():
    """The news categories for the portal's menu ("danh mục tin tức")."""
    return selectors.categories_all()


@register.filter
def stamp(value) -> str:
    """The article's date-time stamp, 24-hour, in Vietnam's time: "23/09/2022 16:15"."""
    if not value:
        return ""
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")


@register.filter
def iso(value) -> str:
    return timezone.localtime(value).isoformat() if value else ""


@register.filter
def get_count(counts: dict, key: str) -> int:
    return counts.get(key, 0)
