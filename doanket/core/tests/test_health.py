"""/healthz (liveness) and /readyz (database, cache, queue, storage) for the load balancer and systemd."""

from __future__ import annotations

import json
import socket

import pytest
from django.test import Client


def test_liveness_answers_without_touching_the_database():
    """No django_db mark: a query would fail this test."""
    response = Client().get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readiness_checks_each_dependency(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    response = Client().get("/readyz")
    body = json.loads(response.content)
    assert response.status_code == 200 and body["status"] == "ok"
    assert {name for name, check in body["checks"].items() if check["ok"]} == {"database", "cache", "queue", "storage"}
    assert "not configured" in body["checks"]["queue"]["detail"]
    assert not any((tmp_path / "media").rglob("*.txt"))  # the storage probe cleaned up


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.django_db
def test_readiness_is_degraded_not_down_when_the_cache_or_queue_is_unreachable(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CACHES = {"default": {"BACKEND": "doanket.core.cache.RedisCache",
                                   "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0"}}
    settings.RQ_QUEUES = {"default": {"URL": f"redis://127.0.0.1:{_closed_port()}/1"}}
    response = Client().get("/readyz")
    body = json.loads(response.content)
    assert response.status_code == 200 and body["status"] == "degraded"
    assert body["checks"]["cache"] == {"ok": False, "error": "ConnectionError", "ms": body["checks"]["cache"]["ms"]}
    assert not body["checks"]["queue"]["ok"] and body["checks"]["database"]["ok"]
    assert "127.0.0.1" not in response.content.decode()  # kinds of failure only, no addresses


@pytest.mark.django_db
def test_readiness_is_503_when_the_storage_cannot_be_written(settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings.MEDIA_ROOT = blocker  # a file where the folder should be: nothing can be written under it
    response = Client().get("/readyz")
    body = json.loads(response.content)
    assert response.status_code == 503 and body["status"] == "down" and not body["checks"]["storage"]["ok"]
