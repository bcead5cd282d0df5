"""Caching of the public pages, keyed by a version every visible change bumps.

A cached page's key holds (version, time of the newest article whose publication time has come,
language, full path). The services bump the version inside the transaction of the change, so once
an editor's publish/edit/withdraw commits, no reader gets a page rendered before it. An article
scheduled for later appears when its time comes: that moves the second part of the key. Reading
the key costs one indexed query; a hit costs nothing else.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import threading
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, InterfaceError, OperationalError, connections, router, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
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
    # This process sees the change at once, even with a recheck interval (see public_version).
    transaction.on_commit(_forget_version)


# The version is read on every public request (the cache hit path), so it is one precompiled SQL statement
# rather than a queryset built each time: ~0.1 ms instead of ~0.9 ms of ORM work per request.
_VERSION_SQL = (
    "SELECT v.{value}, v.{token}, (SELECT a.{published_at} FROM {article} a WHERE a.{status} = %s "
    "AND a.{published_at} <= %s ORDER BY a.{published_at} DESC LIMIT 1) FROM {version} v WHERE v.{pk} = 1"
)
_memo = threading.local()


def _forget_version() -> None:
    _memo.until = 0.0


def _read_version() -> tuple[int, str, Any] | None:
    alias = router.db_for_read(PublicVersion)
    conn = connections[alias]
    q = conn.ops.quote_name
    sql = _VERSION_SQL.format(value=q("value"), token=q("token"), published_at=q("published_at"),
                              article=q(Article._meta.db_table), status=q("status"),
                              version=q(PublicVersion._meta.db_table), pk=q(PublicVersion._meta.pk.column))
    now = Article._meta.get_field("published_at").get_db_prep_value(timezone.now(), conn)
    with conn.cursor() as cursor:
        cursor.execute(sql, [Status.PUBLISHED.value, now])
        return cursor.fetchone()


# The last version read from the database, for when the database cannot be reached (see `public_version`):
# in this process (version, time.monotonic() of the read), and in the shared cache for the other processes
# (version, time.time() of the read), refreshed there at most every LAST_GOOD_SHARE_SECONDS.
_last_good: tuple[str, float] | None = None
_last_shared = 0.0
LAST_GOOD_KEY = "news:version:last-good"
LAST_GOOD_SHARE_SECONDS = 10.0


def _stale_bound() -> float:
    return float(getattr(settings, "NEWS_STALE_SECONDS", 600))


def _remember(version: str) -> None:
    global _last_good, _last_shared
    now = time.monotonic()
    shared = _last_good is not None and _last_good[0] == version and now - _last_shared < LAST_GOOD_SHARE_SECONDS
    _last_good = (version, now)
    if not shared:
        _last_shared = now
        cache.set(LAST_GOOD_KEY, (version, time.time()), int(_stale_bound()) + 60)


def _last_good_version() -> str | None:
    """The version last read from the database, if read within the stale bound (NEWS_STALE_SECONDS)."""
    bound = _stale_bound()
    if _last_good is not None and time.monotonic() - _last_good[1] <= bound:
        return _last_good[0]
    shared = cache.get(LAST_GOOD_KEY)  # read by another process (a worker started after the outage began)
    if shared is not None and time.time() - shared[1] <= bound:
        return str(shared[0])
    return None


def public_version() -> str:
    """The current version of the public pages (one query).

    With NEWS_VERSION_RECHECK_SECONDS > 0 (production), each process reuses the version it read for
    that long: a change made in another process reaches readers after at most that delay (browsers
    and proxies already keep a page NEWS_BROWSER_CACHE_SECONDS). 0 reads it on every request.

    When the database cannot be reached, the version last read (by this process, or by another one
    through the cache) is used for NEWS_STALE_SECONDS after that read, so the pages already in the
    cache go on being served — as they were when the database went away. Past that bound, or for a
    page not in the cache, the database error goes up (a 503 page, see doanket/core/views.py)."""
    recheck = float(getattr(settings, "NEWS_VERSION_RECHECK_SECONDS", 0) or 0)
    if recheck:
        now = time.monotonic()
        if getattr(_memo, "until", 0.0) > now:
            return _memo.version
    try:
        row = _read_version()
        if row is None:
            _row()
            row = _read_version()
            assert row is not None
    except (OperationalError, InterfaceError):
        stale = _last_good_version()
        if stale is None:
            raise
        if recheck:  # and try the database again only after the recheck interval
            _memo.version, _memo.until = stale, time.monotonic() + recheck
        return stale
    value, token, newest_due = row
    if isinstance(newest_due, dt.datetime):
        newest_due = newest_due.timestamp()
    version = f"{value}.{token}.{newest_due or 0}"
    _remember(version)
    if recheck:
        _memo.version, _memo.until = version, time.monotonic() + recheck
    return version


def _timeout() -> int:
    return int(getattr(settings, "NEWS_PUBLIC_CACHE_SECONDS", 600))


def cached_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a public GET page from the cache while the public version is unchanged.

    Only successful pages are cached (a 404 costs little and must never outlive a publication), and
    only pages that set no cookie, so nothing personal is ever shared between readers."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            # TRACE, OPTIONS, POST… used to reach the view and answer the page: public pages are read-only.
            return HttpResponseNotAllowed(["GET", "HEAD"])
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
