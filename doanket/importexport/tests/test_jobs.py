"""Imports and exports as long jobs: on the RQ queue's worker when DOANKET_QUEUE_URL configures one, in
the request otherwise. The job function is the same either way; only the waiting differs."""

from __future__ import annotations

import datetime as dt
import os
import socket

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from doanket.core import jobs
from doanket.core.tests.queue import needs_redis, use_queue, work
from doanket.importexport import jobs as import_jobs
from doanket.importexport.columns import Kind
from doanket.people.models import AccessAction, Person, PersonalDataAccess

from .helpers import as_dicts, build_xlsx, headers

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


# -- exports -----------------------------------------------------------------------------------------

def _token(location: str) -> str:
    assert "/viec/" in location, location
    return location.rstrip("/").rsplit("/", 1)[-1]


def _download(client, token: str):
    response = client.get(reverse("importexport:job_file", args=[token]))
    return response, (b"".join(response.streaming_content) if response.status_code == 200 else b"")


@needs_redis
def test_export_through_a_burst_worker_is_downloaded_by_its_owner_only(client, people, users, media, settings):
    use_queue(settings)
    client.force_login(users.district)
    link = f'href="{reverse("importexport:export", args=["nguoi"])}"'
    assert f"{link}>" in client.get(reverse("importexport:index")).content.decode()  # to a page: no "download"
    response = client.get(reverse("importexport:export", args=["nguoi"]))
    assert response.status_code == 302
    token, filename = _token(response["Location"]), f"xuat-nguoi-{dt.date.today():%Y%m%d}.xlsx"
    waiting = client.get(response["Location"]).content.decode()
    assert filename in waiting and 'hx-trigger="every 2s"' in waiting
    assert _download(client, token)[0].status_code == 404  # not made yet
    assert work()
    poll = client.get(response["Location"], headers={"HX-Request": "true"})
    assert poll.status_code == 204 and poll["HX-Redirect"] == response["Location"]
    done = client.get(response["Location"]).content.decode()
    assert reverse("importexport:job_file", args=[token]) in done and "Tải tệp về" in done
    download, data = _download(client, token)
    assert download["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert download["Cache-Control"] == "no-store" and download["Content-Type"] == import_jobs.XLSX_MIME
    rows = {r["Mã người"]: r for r in as_dicts(data)}
    assert rows[people.km.pk]["Họ và tên"] == "Nguyễn Thị Đức Hạnh" and rows[people.km.pk]["Điện thoại"] == "0987654321"
    # The worker logged the unmasked personal data as the user who asked, as the page does.
    log = PersonalDataAccess.objects.get(action=AccessAction.EXPORT)
    assert log.actor == users.district and log.detail == "nguoi" and log.record_count >= 1
    state = jobs.fetch(token, users.district.pk)
    assert state is not None
    stored = state.result["file"]
    assert stored.startswith("private/exports/") and default_storage.exists(stored)
    client.force_login(users.ward)
    assert _download(client, token)[0].status_code == 404  # someone else's file
    assert client.get(response["Location"]).status_code == 404


def test_without_a_queue_the_export_downloads_directly(client, people, users, settings):
    settings.RQ_QUEUES = {}
    client.force_login(users.district)
    link = f'href="{reverse("importexport:export", args=["nguoi"])}" download>'
    assert link in client.get(reverse("importexport:index")).content.decode()
    response = client.get(reverse("importexport:export", args=["nguoi"]))
    assert response.status_code == 200 and response["Content-Type"] == import_jobs.XLSX_MIME
    assert response["Content-Disposition"] == f'attachment; filename="xuat-nguoi-{dt.date.today():%Y%m%d}.xlsx"'
    assert "Nguyễn Thị Đức Hạnh" in {r["Họ và tên"] for r in as_dicts(response.content)}
    assert PersonalDataAccess.objects.filter(actor=users.district, action=AccessAction.EXPORT).count() == 1
    assert client.get(reverse("importexport:job_file", args=["khong-co"])).status_code == 404


def test_export_job_refuses_a_user_without_the_right(people, users, media):
    outcome = import_jobs.export_job(users.viewer.pk, Kind.PEOPLE.value, "en")
    assert outcome["ok"] is False and outcome["message"] and "file" not in outcome
    users.district.is_active = False
    users.district.save()
    assert import_jobs.export_job(users.district.pk, Kind.PEOPLE.value, "vi")["ok"] is False


def test_job_files_older_than_a_result_are_deleted(media):
    old = jobs.file_ready(b"old", "a.pdf", "application/pdf")["file"]
    past = (dt.datetime.now() - dt.timedelta(seconds=jobs.RESULT_SECONDS + 60)).timestamp()
    os.utime(default_storage.path(old), (past, past))
    new = jobs.file_ready(b"new", "b.pdf", "application/pdf")["file"]
    assert not default_storage.exists(old) and default_storage.exists(new)
    assert new.startswith("private/exports/") and new.endswith(".pdf")


def test_only_a_stored_file_of_a_finished_job_is_served(media):
    result = jobs.file_ready(b"x", "a.xlsx", import_jobs.XLSX_MIME)
    assert jobs.stored_file(jobs.JobState("j", "finished", result)) == result
    assert jobs.stored_file(jobs.JobState("j", "started")) is None
    assert jobs.stored_file(jobs.JobState("j", "finished", {**result, "file": "news/a.jpg"})) is None
    assert jobs.stored_file(jobs.JobState("j", "finished", {"ok": False, "message": "…"})) is None
    default_storage.delete(result["file"])
    assert jobs.stored_file(jobs.JobState("j", "finished", result)) is None  # kept no longer


def test_file_job_page_says_why_no_file_was_made(client, users, settings, monkeypatch):
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:6379/14"}}
    queue = FakeQueue()
    monkeypatch.setattr(jobs, "start", queue.start)
    monkeypatch.setattr(jobs, "fetch", queue.fetch)
    client.force_login(users.district)
    response = client.get(reverse("importexport:export", args=["don-vi"]))
    page = response["Location"]
    queue.jobs["job1"]["state"] = jobs.JobState("job1", "finished", jobs.file_refused("Không còn quyền."))
    body = client.get(page).content.decode()
    assert "Không còn quyền." in body and reverse("importexport:job_file", args=["job1"]) not in body
    assert client.get(reverse("importexport:job_file", args=["job1"])).status_code == 404
    queue.jobs["job1"]["state"] = jobs.JobState("job1", "failed")
    assert "Không tạo được tệp xuat-don-vi-" in client.get(page).content.decode()
