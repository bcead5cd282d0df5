"""A real RQ queue for tests of long jobs: the local Redis (tests skip when it is not reachable) and a
burst worker run in this process, so that the jobs see the test's database."""

from __future__ import annotations

import signal
import socket

import pytest

REDIS = ("127.0.0.1", 6379)
URL = "redis://127.0.0.1:6379/13"


def redis_up() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=0.3):
            return True
    except OSError:
        return False


needs_redis = pytest.mark.skipif(not redis_up(), reason="no Redis at 127.0.0.1:6379")


def use_queue(settings) -> None:
    """Configure the queue as production does with DOANKET_QUEUE_URL."""
    settings.RQ_QUEUES = {"default": {"URL": URL}}


def work() -> bool:
    """Run the queued jobs in this process, as `manage.py rqworker --burst default` would; True if any ran."""
    import django_rq
    from rq import SimpleWorker

    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        worker = SimpleWorker([django_rq.get_queue("default")], connection=django_rq.get_connection("default"))
        return worker.work(burst=True, logging_level="WARNING")
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
