"""A full disk during an upload: a Vietnamese message on the page, no row, no truncated or temporary file
left, and uploads work again as soon as there is room — on a real small file system (a 64 KiB tmpfs the test
mounts as MEDIA_ROOT; skipped where mounting is not allowed)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from doanket.events import services as events
from doanket.events.models import EventType, Material

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def small_disk(tmp_path, settings):
    mount = tmp_path / "media"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],  # noqa: S603, S607
                          capture_output=True, timeout=10)
    if made.returncode:
        pytest.skip(f"cannot mount a small tmpfs here: {made.stderr.decode().strip()}")
    settings.MEDIA_ROOT = mount
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, timeout=10)  # noqa: S603, S607


def files_on(root) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_an_upload_larger_than_the_free_space_is_refused_cleanly_and_the_next_one_works(small_disk, tree, users):
    tz = timezone.get_default_timezone()
    event = events.event_create(actor=users.district, title="Hội nghị tập huấn", event_type=EventType.objects.first(),
                                organiser=tree.district, starts_at=dt.datetime(2030, 9, 20, 14, tzinfo=tz),
                                ends_at=dt.datetime(2030, 9, 20, 17, tzinfo=tz))
    cadre = Client(raise_request_exception=False)
    cadre.force_login(users.district)
    url = reverse("events:material_upload", args=[event.pk])
    big = b"%PDF-1.4\n" + os.urandom(200 * 1024)  # three times the disk
    response = cadre.post(url, {"title": "Tài liệu lớn",
                                "file": SimpleUploadedFile("tai-lieu-lon.pdf", big, "application/pdf")}, follow=True)
    assert response.status_code == 200  # back on the event's page, with the message
    assert "Máy chủ hết chỗ lưu tệp" in response.content.decode()
    assert not Material.objects.exists()
    assert files_on(small_disk) == []  # nothing truncated, nothing temporary

    small = b"%PDF-1.4\n" + b"bien ban\n" * 100
    response = cadre.post(url, {"title": "Biên bản",
                                "file": SimpleUploadedFile("bien-ban.pdf", small, "application/pdf")}, follow=True)
    assert response.status_code == 200 and "Đã tải lên" in response.content.decode()
    material = Material.objects.get()
    assert files_on(small_disk) == [material.file.name]
    assert (small_disk / material.file.name).read_bytes() == small
