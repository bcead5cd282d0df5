"""Certificates of everyone present as a long job: on the RQ queue's worker when DOANKET_QUEUE_URL
configures one (the job page then offers the PDF to the user who asked, and to nobody else), in the
request otherwise. A single person's certificate always stays in the request."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doanket.core import jobs
from doanket.core.tests.queue import needs_redis, use_queue, work
from doanket.events import jobs as event_jobs
from doanket.events import services
from doanket.events.models import EventStatus

from .conftest import move

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(seed_event, people):
    """The seed training after the day, with Khương Mai's invitee present and a guest."""
    event = seed_event.event
    services.guest_add(actor=None, event=event, person=people.thao)
    services.event_check_in(actor=None, event=event, code=seed_event.km.code)
    return move(event, EventStatus.HELD)


def _token(location: str) -> str:
    assert "/viec/" in location, location
    return location.rstrip("/").rsplit("/", 1)[-1]


def _download(client, token: str):
    response = client.get(reverse("importexport:job_file", args=[token]))
    return response, (b"".join(response.streaming_content) if response.status_code == 200 else b"")


@needs_redis
def test_certificates_through_a_burst_worker_for_their_owner_only(client, held, seed_event, users, media, settings):
    use_queue(settings)
    client.force_login(users.district)
    response = client.get(reverse("events:certificates", args=[held.pk]))
    assert response.status_code == 302
    token, filename = _token(response["Location"]), f"giay-chung-nhan-su-kien-{held.pk}.pdf"
    assert filename in client.get(response["Location"]).content.decode()
    assert work()
    done = client.get(response["Location"]).content.decode()
    assert reverse("importexport:job_file", args=[token]) in done
    assert reverse("events:detail", args=[held.pk]) in done  # back to the event
    download, data = _download(client, token)
    assert data.startswith(b"%PDF")
    assert download["Content-Type"] == "application/pdf" and download["Cache-Control"] == "no-store"
    assert download["Content-Disposition"] == f'attachment; filename="{filename}"'
    state = jobs.fetch(token, users.district.pk)
    assert state is not None and state.result["file"].startswith("private/exports/")
    # The single certificate stays in the request.
    single = client.get(reverse("events:certificate", args=[seed_event.km.pk]))
    assert single.status_code == 200 and single.content.startswith(b"%PDF")
    client.force_login(users.ward)
    assert _download(client, token)[0].status_code == 404  # someone else's file
    assert client.get(response["Location"]).status_code == 404


@needs_redis
def test_with_a_queue_nobody_present_starts_no_job(client, seed_event, users, settings):
    use_queue(settings)
    event = move(seed_event.event, EventStatus.HELD)
    client.force_login(users.district)
    response = client.get(reverse("events:certificates", args=[event.pk]), follow=True)
    assert response.redirect_chain[-1][0].endswith("#documents")
    assert "Chưa có ai được điểm danh có mặt." in response.content.decode()


def test_without_a_queue_certificates_download_directly(client, held, users, settings):
    settings.RQ_QUEUES = {}
    client.force_login(users.district)
    pdf = client.get(reverse("events:certificates", args=[held.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"] == f'inline; filename="giay-chung-nhan-su-kien-{held.pk}.pdf"'


def test_the_job_makes_the_same_selection_as_the_page(held, seed_event, users, tree, make_event, media):
    made = event_jobs.certificates_job(users.district.pk, held.pk, "vi")
    assert made["ok"] and made["filename"] == f"giay-chung-nhan-su-kien-{held.pk}.pdf"
    assert made["file"].startswith("private/exports/") and made["content_type"] == "application/pdf"
    # Another ward's user does not see the event's Khương Mai invitee: nobody present for them.
    assert event_jobs.certificates_job(users.other_ward.pk, held.pk, "vi") == {
        "ok": False, "message": "Chưa có ai được điểm danh có mặt."}
    not_held = make_event(tree.district, title="Hội nghị chưa tổ chức")
    assert event_jobs.certificates_job(users.district.pk, not_held.pk, "en")["ok"] is False
    assert event_jobs.certificates_job(users.district.pk, 10**9, "vi")["ok"] is False
    users.district.is_active = False
    users.district.save()
    assert event_jobs.certificates_job(users.district.pk, held.pk, "vi")["ok"] is False
