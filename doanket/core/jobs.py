"""Long jobs (spreadsheet imports) on a background worker when a queue is configured, else right away.

With `DOANKET_QUEUE_URL` set (production settings; redis://…), `start()` puts the job on the RQ
queue "default" and returns at once with the job's id; a worker process (`manage.py rqworker
default`, on this machine or another) runs it, and `fetch()` tells its state and result. Without a
queue, `start()` runs the job in the request and returns it finished: the same function, the same
result, only the waiting differs.

A job is a plain module-level function taking and returning JSON-like values (ids, strings, lists,
dicts), never model instances or uploaded files: it may run in another process on another host.
Each job records the id of the user who started it; `fetch()` shows a job to that user only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

QUEUE = "default"
RESULT_SECONDS = 24 * 3600  # a finished job's result is kept this long for its page
TIMEOUT_SECONDS = 3600


@dataclass
class JobState:
    id: str  # "" when the job ran in the request
    status: str  # queued, started, finished, failed
    result: Any = None

    @property
    def done(self) -> bool:
        return self.status in ("finished", "failed")


def queue_configured() -> bool:
    return bool(getattr(settings, "RQ_QUEUES", None)) and QUEUE in settings.RQ_QUEUES


def start(func: Callable[..., Any], *args: Any, owner_id: int | None, description: str = "") -> JobState:
    """Run `func(*args)` on the queue's worker, or here and now when no queue is configured."""
    if not queue_configured():
        return JobState(id="", status="finished", result=func(*args))
    import django_rq

    job = django_rq.get_queue(QUEUE, commit_mode="auto").enqueue_call(
        func, args=args, timeout=TIMEOUT_SECONDS, result_ttl=RESULT_SECONDS, failure_ttl=RESULT_SECONDS,
        description=description[:200], meta={"owner": owner_id})
    return JobState(id=job.id, status=_status(job.get_status(refresh=False)))


def fetch(job_id: str, owner_id: int | None) -> JobState | None:
    """The job's state, or None when it does not exist (any more) or belongs to someone else."""
    if not queue_configured() or not job_id:
        return None
    import django_rq
    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    try:
        job = Job.fetch(job_id, connection=django_rq.get_connection(QUEUE))
    except (NoSuchJobError, ValueError):
        return None
    if job.meta.get("owner") != owner_id:
        return None
    status = _status(job.get_status())
    if status == "finished":
        return JobState(id=job.id, status="finished", result=job.return_value())
    if status in ("failed", "stopped", "canceled"):
        return JobState(id=job.id, status="failed")
    return JobState(id=job.id, status="started" if status == "started" else "queued")


def _status(value: Any) -> str:
    """RQ's JobStatus is a str-valued Enum; its str() is the member's name on Python 3.11."""
    return str(getattr(value, "value", value) or "queued")
