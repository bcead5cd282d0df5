"""Long jobs (spreadsheet imports and exports, certificate batches) on a background worker when a
queue is configured, else right away.

With `DOANKET_QUEUE_URL` set (production settings; redis://…), `start()` puts the job on the RQ
queue "default" and returns at once with the job's id; a worker process (`manage.py rqworker
default`, on this machine or another) runs it, and `fetch()` tells its state and result. Without a
queue, `start()` runs the job in the request and returns it finished: the same function, the same
result, only the waiting differs.

A job is a plain module-level function taking and returning JSON-like values (ids, strings, lists,
dicts), never model instances or uploaded files: it may run in another process on another host.
Each job records the id of the user who started it; `fetch()` shows a job to that user only.

A job that makes a file (an export, a batch of certificates) stores it with `file_ready()` under
`private/exports/` of the default storage and returns its name; the job page's download view streams
it to the job's owner only (`stored_file()`). Nothing else serves `private/`. The files are kept as
long as the job's result (RESULT_SECONDS): each new file deletes the ones older than that.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.base import SessionBase
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import close_old_connections, connections, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

QUEUE = "default"
AFTER_RESPONSE_THREAD = "doanket-after-response"
RESULT_SECONDS = 24 * 3600  # a finished job's result is kept this long for its page
TIMEOUT_SECONDS = 3600
# Files made by jobs, for their owner only. Not under a public media path: serve only media/news/ to the web.
FILE_DIR = "private/exports"


@dataclass
class JobState:
    id: str  # "" when the job ran in the request
    status: str  # queued, started, finished, failed
    result: Any = None

    @property
    def done(self) -> bool:
        return self.status in ("finished", "failed")


def queue_configured() -> bool:
    # RQ_QUEUES exists only where a queue is configured (production settings), hence getattr.
    return QUEUE in (getattr(settings, "RQ_QUEUES", None) or {})


def start(func: Callable[..., Any], *args: Any, owner_id: int | None, description: str = "") -> JobState:
    """Run `func(*args)` on the queue's worker, or here and now when no queue is configured."""
    if not queue_configured():
        return JobState(id="", status="finished", result=func(*args))
    import django_rq

    job = django_rq.get_queue(QUEUE, commit_mode="auto").enqueue_call(
        func, args=args, timeout=TIMEOUT_SECONDS, result_ttl=RESULT_SECONDS, failure_ttl=RESULT_SECONDS,
        description=description[:200], meta={"owner": owner_id})
    return JobState(id=job.id, status=_status(job.get_status(refresh=False)))


def after_response(func: Callable[..., Any], *args: Any, description: str = "") -> None:
    """Run `func(*args)` once the current transaction commits, outside the request: on the queue's worker when
    one is configured, else in a background thread of this process. For work whose duration must not show in
    the answer (a password-reset mail sent only when the address is known: the page must take as long either
    way). The work is best effort: a failure is logged, the user already has their answer."""
    def dispatch() -> None:
        if queue_configured():
            start(func, *args, owner_id=None, description=description)
        else:
            threading.Thread(target=_run_in_thread, args=(func, args), name=AFTER_RESPONSE_THREAD,
                             daemon=True).start()

    transaction.on_commit(dispatch)


def _run_in_thread(func: Callable[..., Any], args: tuple[Any, ...]) -> None:
    close_old_connections()
    try:
        func(*args)
    except Exception:  # the request is answered: nobody else would hear of the failure
        logger.exception("after-response job %s failed", getattr(func, "__name__", func))
    finally:
        connections.close_all()


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


def active_user(user_id: int) -> Any:
    """The account a job runs as, or None when it was deleted or locked since the job was queued."""
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


# -- jobs that make a file --------------------------------------------------------------------------

def file_ready(data: bytes, filename: str, content_type: str) -> dict[str, Any]:
    """Store a job's file for its owner to download; the JSON-like result that names it."""
    purge_files()
    suffix = PurePosixPath(filename).suffix
    name = default_storage.save(f"{FILE_DIR}/{secrets.token_hex(16)}{suffix}", ContentFile(data))
    return {"ok": True, "file": name, "filename": filename, "content_type": content_type}


def file_refused(message: str) -> dict[str, Any]:
    """A file job that made no file, and why (in the language the job ran in)."""
    return {"ok": False, "message": str(message)}


def stored_file(state: JobState | None) -> dict[str, Any] | None:
    """The finished job's file result, when it has a file that is still stored."""
    result = state.result if state is not None and state.status == "finished" else None
    if not isinstance(result, dict) or not result.get("ok") or not isinstance(result.get("file"), str):
        return None
    name = result["file"]
    if not name.startswith(f"{FILE_DIR}/") or ".." in name or not default_storage.exists(name):
        return None
    return result


def purge_files(max_age: int = RESULT_SECONDS) -> int:
    """Delete the job files older than a job's result: no page leads to them any more."""
    try:
        _dirs, files = default_storage.listdir(FILE_DIR)
    except (FileNotFoundError, NotImplementedError):
        return 0
    cutoff = timezone.now() - dt.timedelta(seconds=max_age)
    removed = 0
    for file in files:
        name = f"{FILE_DIR}/{file}"
        try:
            old = default_storage.get_modified_time(name) < cutoff
        except (FileNotFoundError, NotImplementedError):
            continue
        if old:
            default_storage.delete(name)
            removed += 1
    return removed


def remember(session: SessionBase, job_id: str, *, name: str, back: str, nav: str) -> None:
    """What the job page says about a file job while it waits: the file's name, where to go back."""
    session[f"file-job-{job_id}"] = {"name": name, "back": back, "nav": nav}


def recalled(session: SessionBase, job_id: str) -> dict[str, str]:
    return session.get(f"file-job-{job_id}") or {}
