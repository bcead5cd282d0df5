"""Uploads leave no debris: a file is whole under its name or absent, and goes away with a rolled-back row."""

from __future__ import annotations

import datetime as dt
import errno

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from doanket.core.storage import SafeFileSystemStorage, StorageFull
from doanket.events import services as events
from doanket.events.models import EventType, Material

PDF = b"%PDF-1.4\n" + b"noi dung tai lieu hoi nghi\n" * 200

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def files_under(root) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def event(tree, users):
    tz = timezone.get_default_timezone()
    return events.event_create(actor=users.district, title="Hội nghị tập huấn", event_type=EventType.objects.first(),
                               organiser=tree.district, starts_at=dt.datetime(2030, 9, 20, 14, tzinfo=tz),
                               ends_at=dt.datetime(2030, 9, 20, 17, tzinfo=tz))


def upload(name: str = "tai-lieu.pdf", data: bytes = PDF) -> File:
    return ContentFile(data, name=name)


def test_the_storage_in_use_is_the_safe_one():
    assert isinstance(default_storage, SafeFileSystemStorage)


def test_a_committed_upload_stays_whole_under_its_name(event, users, _media):
    material = events.material_upload(actor=users.district, event=event, upload=upload())
    assert files_under(_media) == [material.file.name]
    assert (_media / material.file.name).read_bytes() == PDF


def test_an_upload_whose_transaction_rolls_back_is_removed(event, users, _media):
    class Later(Exception):
        pass

    with pytest.raises(Later), transaction.atomic():  # the service's work is part of a larger one that fails
        material = events.material_upload(actor=users.district, event=event, upload=upload())
        assert (_media / material.file.name).exists()  # readable inside the transaction
        raise Later
    assert not Material.objects.exists()
    assert files_under(_media) == []


def test_an_upload_in_a_savepoint_rolled_back_is_removed_and_the_rest_kept(event, users, _media):
    with transaction.atomic():
        kept = events.material_upload(actor=users.district, event=event, upload=upload("giu-lai.pdf"))
        try:
            with transaction.atomic():
                events.material_upload(actor=users.district, event=event, upload=upload("bo-di.pdf"))
                raise ValueError
        except ValueError:
            pass
    assert files_under(_media) == [kept.file.name]


class FailingMidway(ContentFile):
    """A disk that fills up after the first chunk."""

    def chunks(self, chunk_size=None):
        yield self.read(100)
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_write_that_fails_midway_leaves_nothing_and_says_so_in_vietnamese(event, users, _media):
    with pytest.raises(ValidationError) as caught:
        events.material_upload(actor=users.district, event=event, upload=FailingMidway(PDF, name="tai-lieu.pdf"))
    assert isinstance(caught.value, StorageFull)
    assert "Máy chủ hết chỗ lưu tệp" in " ".join(caught.value.messages)
    assert files_under(_media) == []  # no truncated file, no temporary file
    assert not Material.objects.exists()


def test_a_name_taken_meanwhile_gets_another_name_and_never_replaces_the_file(_media):
    first = default_storage.save("tai-lieu/bien-ban.pdf", ContentFile(b"%PDF-1 cu"))
    second = default_storage.save("tai-lieu/bien-ban.pdf", ContentFile(b"%PDF-1 moi"))
    assert first != second
    assert (_media / first).read_bytes() == b"%PDF-1 cu" and (_media / second).read_bytes() == b"%PDF-1 moi"
    assert len(files_under(_media)) == 2
