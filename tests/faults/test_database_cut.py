"""The database going away in the middle of an import, on the real PostgreSQL: the import leaves nothing
half-written (one transaction), it can be run again, and the app's connection recovers by itself.

The cut is made the way a database restart or a network failure looks to the app: from a second
connection, every other session of the test database is terminated (pg_terminate_backend) — not by
stopping the server, which other developers share."""

from __future__ import annotations

import psycopg
import pytest
from django.db import DatabaseError, close_old_connections, connection

from doanket.importexport import services as import_services
from doanket.importexport.columns import Kind
from doanket.importexport.importers import people as people_importer
from doanket.importexport.tests.helpers import build_xlsx, headers
from doanket.people.models import Person

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs the real PostgreSQL (DATABASE_URL=postgres://…)")


def cut_connections() -> int:
    """End every other session of the current database; returns how many were ended."""
    db = connection.settings_dict
    with psycopg.connect(dbname=db["NAME"], user=db.get("USER") or "postgres", password=db.get("PASSWORD") or None,
                         host=db.get("HOST") or "127.0.0.1", port=db.get("PORT") or 5432, autocommit=True) as killer:
        rows = killer.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchall()
    return len(rows)


def backend_pid() -> int:
    """The server process behind the app's connection: a new one means a new session."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def workbook(unit_pk: int, n: int = 25) -> bytes:
    cols = headers(Kind.PEOPLE)
    rows = []
    for i in range(n):
        row = {c: None for c in cols} | {"Họ và tên": f"Người Nhập Số {i}", "Mã đơn vị quản lý": f"#{unit_pk}",
                                           "Điện thoại": f"09{i:08d}"}
        rows.append([row[c] for c in cols])
    return build_xlsx(cols, rows)


def test_cut_between_validation_and_write_leaves_nothing_and_the_rerun_succeeds(tree, users, monkeypatch):
    data = workbook(tree.khuong_mai.pk)
    before = Person.objects.count()
    original = people_importer.bulk_create_with_history
    cuts = []

    def write_after_a_cut(*args, **kwargs):
        cuts.append(cut_connections())  # the file was read and validated; the database goes away now
        return original(*args, **kwargs)

    monkeypatch.setattr(people_importer, "bulk_create_with_history", write_after_a_cut)
    with pytest.raises(DatabaseError):
        import_services.import_file(actor=users.district, kind=Kind.PEOPLE, data=data)
    assert cuts and cuts[0] >= 1

    # What every request does first (Django's request_started signal): drop a connection that failed.
    close_old_connections()
    assert Person.objects.count() == before  # nothing half-written
    assert not Person.objects.filter(full_name__startswith="Người Nhập Số").exists()

    monkeypatch.setattr(people_importer, "bulk_create_with_history", original)
    result = import_services.import_file(actor=users.district, kind=Kind.PEOPLE, data=data)
    assert result.created == 25 and Person.objects.count() == before + 25


def test_a_persistent_connection_that_the_database_dropped_is_replaced_at_the_next_request(users, settings):
    """With CONN_MAX_AGE > 0 a worker keeps its connection between requests; after a database restart that
    connection is dead. CONN_HEALTH_CHECKS (set in base settings) makes the next request notice it and
    reconnect, instead of failing once with a 500."""
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    saved = dict(connection.settings_dict)
    connection.settings_dict["CONN_MAX_AGE"] = 600
    connection.settings_dict["CONN_HEALTH_CHECKS"] = True
    try:
        close_old_connections()
        expected = Person.objects.count()  # the worker's persistent connection is open
        before = backend_pid()
        assert cut_connections() >= 1  # the database restarts
        close_old_connections()  # the next request starts
        # …and is served (a dead connection would raise here), on a new session: the dead one was replaced.
        assert Person.objects.count() == expected
        assert backend_pid() != before
    finally:
        connection.settings_dict.update(saved)
        connection.close()
