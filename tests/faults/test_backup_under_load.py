"""A backup taken while cadres keep writing (PostgreSQL): it restores into a new database with exactly the row
counts of its own snapshot — which the old manifest, counted after pg_dump, did not — while the writes go on."""

from __future__ import annotations

import os
import threading
import time

import pytest
from django.db import connection, connections

from doanket.core import backup
from doanket.people import services
from doanket.people.models import Person

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

LOAD_SECONDS = float(os.environ.get("DOANKET_BACKUP_LOAD_SECONDS", "5"))  # the run: 20


def test_a_backup_under_write_load_restores_with_the_counts_of_its_snapshot(tree, people, tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs the real PostgreSQL (SQLite's online backup copy is counted itself, see core tests)")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    stop = threading.Event()
    written: list[int] = []
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            i = 0
            while not stop.is_set():
                i += 1
                written.append(services.person_create(actor=None, unit=tree.khuong_mai,
                                                      full_name=f"Người Ghi Liên Tục {i}").pk)
        except BaseException as exc:  # reported by the test below
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=writer)
    thread.start()
    target = f"{connection.settings_dict['NAME']}_duoi_tai"
    try:
        deadline = time.monotonic() + 10
        while len(written) < 20:  # the load is on
            assert time.monotonic() < deadline and not errors, errors
            time.sleep(0.02)
        started = time.monotonic()
        archive = backup.make_backup(tmp_path / "saoluu")
        during = len(written)
        time.sleep(max(0.5, LOAD_SECONDS - (time.monotonic() - started)))
    finally:
        stop.set()
        thread.join(30)
    assert not errors, errors
    manifest = backup.read_manifest(archive)
    in_backup = manifest["tables"]["people_person"]
    stored = Person.objects.count()
    assert in_backup < stored and stored - in_backup >= len(written) - during  # writes went on past the snapshot

    try:
        restored = backup.restore_backup(archive, database=target, media=str(tmp_path / "media-moi"))
        assert restored["restored_to"]["database"] == target
        with backup._pg_connect(connection.settings_dict, target) as db, db.cursor() as cur:
            counts = backup._pg_counts(cur, backup.model_tables())
        assert counts == manifest["tables"]  # every table, history included, as in the snapshot
    finally:
        backup._pg_drop(connection.settings_dict, target)
