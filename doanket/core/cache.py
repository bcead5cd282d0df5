"""Django's Redis cache, made an optimisation rather than a dependency.

Two things on top of Django's backend:

- **One redis-py client kept per connection pool.** Django builds a new `redis.Redis` object for every
  cache operation; on redis-py 8 that costs more than the round trip to Redis itself (~0.05 ms of Python
  per call), and the public pages' cache hit is little more than one such call. A client over a
  connection pool is safe to share between threads and survives a fork (the pool notices the new process
  and opens new connections).
- **Degrade, don't die.** When Redis is unreachable, times out or refuses writes (disk full: "MISCONF",
  a replica: "READONLY"), every operation answers as a cache miss (reads give the default, writes do
  nothing) instead of raising, so the public pages render from the database and the sessions
  (`cached_db`) are read from and written to the database alone. The process then leaves Redis alone
  for `DOANKET_CACHE_RETRY_SECONDS` and tries again with a write; it uses Redis again once a write goes
  through — no restart. A warning is logged when it goes and when it comes back (logger
  `doanket.cache`); `/readyz` reports it.

  Sessions are the one thing a stale cache could get wrong: while Redis refuses writes it still answers
  reads, so a session changed (a logout) in the database could be read back unchanged from Redis. Hence
  (1) the process that saw a write fail stops *reading* Redis too, (2) every process checks with a write
  at least every `DOANKET_CACHE_PROBE_SECONDS` (the bound on how long a process that only reads can go
  on trusting a Redis that refuses writes), and (3) on coming back, the process drops the cached
  sessions (they are all in the database), so nothing written during the outage is shadowed later.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("doanket.cache")

# What cached_db sessions put before the session key (django.contrib.sessions.backends.cached_db).
SESSION_KEY_PREFIX = "django.contrib.sessions.cached_db"
PROBE_KEY = "doanket:cache-probe"
# Redis is local or on the next machine: anything slower than this is an outage, not a slow answer.
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}

F = TypeVar("F", bound=Callable[..., Any])


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]  # not in django-stubs
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))  # type: ignore[attr-defined]
        return client


class Health:
    """What this process knows of one Redis (shared by the threads' cache objects)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.down_since: float | None = None  # time.monotonic() of the first failure
        self.reason = ""
        self.retry_at = 0.0
        self.next_probe = 0.0

    @property
    def available(self) -> bool:
        return self.down_since is None


_health: dict[str, Health] = {}
_health_lock = threading.Lock()


def health_of(location: str) -> Health:
    with _health_lock:
        return _health.setdefault(location, Health())


def _seconds(name: str, default: float) -> float:
    return float(getattr(settings, name, default))


def _guarded(default: Any) -> Callable[[F], F]:
    """Run the cache operation only while Redis is usable; any Redis error makes it a miss."""

    def decorate(method: F) -> F:
        @wraps(method)
        def wrapper(self: RedisCache, *args: Any, **kwargs: Any) -> Any:
            if not self.usable():
                return default
            try:
                return method(self, *args, **kwargs)
            except RedisError as exc:
                self.failed(exc)
                return default

        return wrapper  # type: ignore[return-value]

    return decorate


class RedisCache(DjangoRedisCache):
    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        params = {**params, "OPTIONS": {**DEFAULT_OPTIONS, **(params.get("OPTIONS") or {})}}
        super().__init__(server, params)
        self._class = RedisCacheClient
        self.health = health_of(str(server))

    # -- health -----------------------------------------------------------------------------------
    def usable(self) -> bool:
        h = self.health
        now = time.monotonic()
        if h.available and now < h.next_probe:
            return True
        if not h.available and now < h.retry_at:
            return False
        # Time to check with a write: one thread does it, the others go on as they were.
        if not h.lock.acquire(blocking=False):
            return h.available
        try:
            was_available = h.available
            try:
                self._writer().set(self.make_key(PROBE_KEY), b"1", ex=60)
                if not was_available:
                    self._drop_cached_sessions()
            except RedisError as exc:
                self._mark_down(exc, now)
                return False
            h.next_probe = now + _seconds("DOANKET_CACHE_PROBE_SECONDS", 5)
            if not was_available:
                assert h.down_since is not None
                logger.warning("Cache (Redis) is back after %.1f s; cached sessions dropped, served from the "
                               "database until cached again.", now - h.down_since)
                h.down_since, h.reason = None, ""
            return True
        finally:
            h.lock.release()

    def _writer(self) -> Any:
        return self._cache.get_client(write=True)  # type: ignore[attr-defined]  # not in django-stubs

    def failed(self, exc: Exception) -> None:
        with self.health.lock:
            self._mark_down(exc, time.monotonic())

    def _mark_down(self, exc: Exception, now: float) -> None:
        h = self.health
        retry = _seconds("DOANKET_CACHE_RETRY_SECONDS", 2)
        h.retry_at = now + retry
        if h.down_since is None:
            h.down_since, h.reason = now, f"{type(exc).__name__}: {exc}"[:300]
            logger.warning("Cache (Redis) unavailable (%s): serving without it (pages from the database, "
                           "sessions from the database); next try in %g s.", h.reason, retry)

    def _drop_cached_sessions(self) -> None:
        """Sessions written while Redis refused writes live only in the database: forget Redis's copies."""
        client = self._writer()
        pattern = self.make_key(SESSION_KEY_PREFIX) + "*"
        batch: list[Any] = []
        for key in client.scan_iter(match=pattern, count=1000):
            batch.append(key)
            if len(batch) >= 1000:
                client.delete(*batch)
                batch.clear()
        if batch:
            client.delete(*batch)

    # -- operations: a miss when Redis is not usable ------------------------------------------------
    @_guarded(False)
    def add(self, *args: Any, **kwargs: Any) -> Any:
        return super().add(*args, **kwargs)

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        if not self.usable():
            return default
        try:
            return super().get(key, default, version)
        except RedisError as exc:
            self.failed(exc)
            return default

    @_guarded(None)
    def set(self, *args: Any, **kwargs: Any) -> Any:
        return super().set(*args, **kwargs)

    @_guarded(False)
    def touch(self, *args: Any, **kwargs: Any) -> Any:
        return super().touch(*args, **kwargs)

    @_guarded(False)
    def delete(self, *args: Any, **kwargs: Any) -> Any:
        return super().delete(*args, **kwargs)

    def get_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._get_many(*args, **kwargs) or {}

    @_guarded(None)
    def _get_many(self, *args: Any, **kwargs: Any) -> Any:
        return super().get_many(*args, **kwargs)

    def set_many(self, data: Any, *args: Any, **kwargs: Any) -> Any:
        done = self._set_many(data, *args, **kwargs)
        return list(data) if done is None else done  # Django's convention: the keys that failed

    @_guarded(None)
    def _set_many(self, *args: Any, **kwargs: Any) -> Any:
        return super().set_many(*args, **kwargs)

    @_guarded(False)
    def has_key(self, *args: Any, **kwargs: Any) -> Any:
        return super().has_key(*args, **kwargs)

    @_guarded(None)
    def delete_many(self, *args: Any, **kwargs: Any) -> Any:
        return super().delete_many(*args, **kwargs)

    @_guarded(False)
    def clear(self) -> Any:
        return super().clear()
    # incr/decr are left raising: a counter (a rate limit) must choose for itself between failing open
    # and failing closed; nothing in the project counts in the cache today (see docs/PRODUCTION.md).
