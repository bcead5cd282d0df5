"""Imports as long jobs: on the RQ queue's worker when DOANKET_QUEUE_URL configures one, in the request
otherwise. The job function is the same either way; only the waiting differs."""

from __future__ import annotations

import socket

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from doanket.core import jobs
from doanket.importexport import jobs as import_jobs
from doanket.importexport.columns import Kind
from doanket.people.models import Person

from .helpers import build_xlsx, headers

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
P = headers(Kind.PEOPLE)
REDIS = ("127.0.0.1", 6379)


def rows(*names: str, unit: str = "00343") -> bytes:
    return build_xlsx(P, [[None, n, None, None, None, None, None, unit, None, None] for n in names])


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_job_imports_as_its_sender_and_deletes_the_upload(people, users, media):
    stored = import_jobs.store_upload(rows("Lê Văn An", "Lê Văn Bình"))
    assert default_storage.exists(stored) and stored.startswith("private/imports/")
    outcome = import_jobs.import_job(users.district.pk, Kind.PEOPLE.value, stored, "vi")
    assert outcome == {"ok": True, "kind": Kind.PEOPLE.value, "created": 2, "updated": 0, "unchanged": 0}, outcome
    assert not default_storage.exists(stored)
    assert Person.history.filter(full_name="Lê Văn An", history_user=users.district).count() == 1


def test_rejected_file_is_reported_as_data_and_nothing_written(people, users, media):
    stored = import_jobs.store_upload(rows("Lê Văn An", "Lê Văn Bình", unit="77777"))
    outcome = import_jobs.import_job(users.district.pk, Kind.PEOPLE.value, stored, "en")
    assert outcome["ok"] is False and outcome["error_count"] == 2
    assert {e["row"] for e in outcome["errors"]} == {2, 3} and all(e["message"] for e in outcome["errors"])
    assert not Person.objects.filter(full_name__startswith="Lê Văn").exists()
    assert not default_storage.exists(stored)


def test_without_a_queue_the_import_runs_in_the_request(client, people, users, settings):
    settings.RQ_QUEUES = {}
    client.force_login(users.district)
    response = client.post(reverse("importexport:import"),
                           {"kind": "nguoi", "file": SimpleUploadedFile("a.xlsx", rows("Lê Văn An"), content_type=XLSX)})
    assert response.status_code == 302 and response["Location"] == reverse("importexport:index")
    assert Person.objects.filter(full_name="Lê Văn An").exists()
    assert client.get(reverse("importexport:job", args=["khong-co"])).status_code == 404


class FakeQueue:
    """Stands for RQ and a worker: jobs wait until `work()` runs them."""

    def __init__(self) -> None:
        self.jobs: dict[str, dict] = {}

    def start(self, func, *args, owner_id, description=""):
        job_id = f"job{len(self.jobs) + 1}"
        self.jobs[job_id] = {"call": (func, args), "owner": owner_id, "state": jobs.JobState(job_id, "queued")}
        return self.jobs[job_id]["state"]

    def fetch(self, job_id, owner_id):
        job = self.jobs.get(job_id)
        return job["state"] if job and job["owner"] == owner_id else None

    def work(self):
        for job in self.jobs.values():
            func, args = job["call"]
            job["state"] = jobs.JobState(job["state"].id, "finished", func(*args))


def test_with_a_queue_the_page_waits_for_the_worker(client, people, users, media, settings, monkeypatch):
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:6379/14"}}
    queue = FakeQueue()
    monkeypatch.setattr(jobs, "start", queue.start)
    monkeypatch.setattr(jobs, "fetch", queue.fetch)
    client.force_login(users.district)
    response = client.post(reverse("importexport:import"), {
        "kind": "nguoi", "file": SimpleUploadedFile("ds.xlsx", rows("Lê Văn An"), content_type=XLSX)})
    page = reverse("importexport:job", args=["job1"])
    assert response.status_code == 302 and response["Location"] == page
    waiting = client.get(page)
    assert waiting.status_code == 200 and "ds.xlsx" in waiting.content.decode() and 'hx-trigger="every 2s"' in \
        waiting.content.decode()
    assert not Person.objects.filter(full_name="Lê Văn An").exists()
    client.force_login(users.ward)
    assert client.get(page).status_code == 404  # someone else's job
    client.force_login(users.district)
    queue.work()
    poll = client.get(page, headers={"HX-Request": "true"})
    assert poll.status_code == 204 and poll["HX-Redirect"] == page
    done = client.get(page, follow=True)
    assert "1 thêm mới" in done.content.decode()
    assert Person.objects.filter(full_name="Lê Văn An").exists()


def _redis_up() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=0.3):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_up(), reason="no Redis at 127.0.0.1:6379")
def test_through_rq_itself(client, people, users, media, settings):
    """RQ with a synchronous queue (the job runs at enqueue time, as a worker would): result and owner kept in Redis."""
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:6379/14", "ASYNC": False}}
    client.force_login(users.district)
    response = client.post(reverse("importexport:import"), {
        "kind": "nguoi", "file": SimpleUploadedFile("ds.xlsx", rows("Lê Văn Cường"), content_type=XLSX)})
    assert response.status_code == 302 and "/viec/" in response["Location"]
    token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    state = jobs.fetch(token, users.district.pk)
    assert state is not None and state.status == "finished" and state.result["created"] == 1
    assert jobs.fetch(token, users.ward.pk) is None
    assert "1 thêm mới" in client.get(response["Location"], follow=True).content.decode()
    assert Person.objects.filter(full_name="Lê Văn Cường").exists()
