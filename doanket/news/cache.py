"""Caching of the public pages, keyed by a version every visible change bumps.

A cached page's key holds (version, time of the newest article whose publication time has come,
language, full path). The services bump the version inside the transaction of the change, so once
an editor's publish/edit/withdraw commits, no reader gets a page rendered before it. An article
scheduled for later appears when its time comes: that moves the second part of the key. Reading
the key costs one indexed query; a hit costs nothing else.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Subquery
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from .models import Article, PublicVersion, Status

KEY_PREFIX = "news:page:"


def _row() -> PublicVersion:
    row = PublicVersion.objects.filter(pk=1).first()
    if row is None:
        try:
            with transaction.atomic():
                row = PublicVersion.objects.create(pk=1, value=1, token=secrets.token_hex(8))
        except IntegrityError:  # created meanwhile by another request
            row = PublicVersion.objects.get(pk=1)
    return row


def bump_public_version() -> None:
    """Call inside the service's transaction of any change a reader could see."""
    _row()
    PublicVersion.objects.filter(pk=1).update(value=F("value") + 1)


def public_version() -> str:
    """The current version of the public pages (one query)."""
    due = Article.objects.filter(status=Status.PUBLISHED, published_at__lte=timezone.now()) \
        .order_by("-published_at").values("published_at")[:1]
    row = PublicVersion.objects.filter(pk=1).annotate(due=Subquery(due)).values_list("value", "token", "due").first()
    if row is None:
        _row()
        return public_version()
    value, token, newest_due = row
    return f"{value}.{token}.{newest_due.timestamp() if newest_due else 0}"


def _timeout() -> int:
    return int(getattr(settings, "NEWS_PUBLIC_CACHE_SECONDS", 600))


def cached_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a public GET page from the cache while the public version is unchanged.

    Only successful pages are cached (a 404 costs little and must never outlive a publication), and
    only pages that set no cookie, so nothing personal is ever shared between readers."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        raw = f"{public_version()}|{translation.get_language()}|{request.get_full_path()}"
        key = KEY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()
            if response.status_code == 200 and not response.streaming and not response.cookies:
                cache.set(key, (response.content, response["Content-Type"]), _timeout())
        if response.status_code == 200:
            # Browsers and proxies may keep a page only a few seconds: an editor's change shows at once.
            patch_cache_control(response, public=True, max_age=int(getattr(settings, "NEWS_BROWSER_CACHE_SECONDS", 5)))
            patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper
