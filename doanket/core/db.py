"""Public pages read from a PostgreSQL read replica; everything else uses the primary.

Enabled by production settings when `DATABASE_REPLICA_URL` is set (see docs/PRODUCTION.md):

- `PublicReadsFromReplicaMiddleware` marks GET/HEAD requests to the citizens' site (URL namespaces in
  `DATABASE_REPLICA_NAMESPACES`, the news portal by default) for the whole request, rendering included;
- `PrimaryReplicaRouter` sends the reads of a marked request to a replica alias of `DATABASE_REPLICAS`,
  and every write, every read of any other request (cadres' pages, the API, POSTs), and migrations to
  "default". A cadre therefore always reads what they just wrote; a citizen may see a change a moment
  late (the replica's lag), and the public pages' cache version is read from the same replica as the
  content, so a cached page is never newer than its data nor keyed on data the replica lacks.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

PRIMARY = "default"
_on_replica: ContextVar[bool] = ContextVar("doanket_read_replica", default=False)


@contextmanager
def reading_from_replica() -> Iterator[None]:
    """Reads inside this block may go to a replica (writes never do)."""
    token = _on_replica.set(True)
    try:
        yield
    finally:
        _on_replica.reset(token)


def replicas() -> list[str]:
    return [alias for alias in getattr(settings, "DATABASE_REPLICAS", []) if alias in connections.settings]


class PrimaryReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str:
        if _on_replica.get():
            aliases = replicas()
            if aliases:
                return random.choice(aliases)
        return PRIMARY

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replicas hold the primary's data

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY


class PublicReadsFromReplicaMiddleware:
    """GET and HEAD requests to the public namespaces run inside `reading_from_replica()`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD") and replicas() and self._public(request.path_info):
            with reading_from_replica():
                return self.get_response(request)
        return self.get_response(request)

    @staticmethod
    def _public(path: str) -> bool:
        try:
            match = resolve(path)
        except Resolver404:
            return False
        return match.namespace in getattr(settings, "DATABASE_REPLICA_NAMESPACES", ("news_public",))
