"""Backup and restore on the database in use (SQLite or PostgreSQL) and the uploads: counts are those of the
dump's own snapshot, a restore verifies the whole archive before touching anything, can go to a named target,
and a refused restore leaves the running system as it was."""

from __future__ import annotations

import io
import sqlite3
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from doanket.core import backup
from doanket.core.backup import read_manifest, table_counts
from doanket.people import services
from doanket.people.models import Person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path) -> Path:
    root = tmp_path / "media"
    (root / "tai-lieu").mkdir(parents=True)
    (root / "tai-lieu" / "bien-ban.pdf").write_bytes(b"%PDF-1.4 thu nghiem")
    settings.MEDIA_ROOT = str(root)
    return root


@pytest.fixture
def pg_cleanup():
    """Databases a PostgreSQL test made (restore targets, databases kept by a switch) are dropped after it."""
    made: list[str] = []
    yield made
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        with backup._pg_connect(db, "postgres") as admin:
            names = [r[0] for r in admin.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", [db["NAME"] + "\\_%"]).fetchall()]
        for name in [*made, *names]:
            backup._pg_drop(db, name)


def target_for(tmp_path: Path, name: str) -> str:
    """A restore target: a new PostgreSQL database name, or a new SQLite file."""
    if connection.vendor == "postgresql":
        return f"{connection.settings_dict['NAME']}_{name}"
    return str(tmp_path / f"{name}.sqlite3")


def counts_of(target: str) -> dict[str, int]:
    if connection.vendor == "postgresql":
        with backup._pg_connect(connection.settings_dict, target) as db, db.cursor() as cur:
            return backup._pg_counts(cur, backup.model_tables())
    return backup._sqlite_counts(Path(target))


def names_in(target: str) -> set[str]:
    if connection.vendor == "postgresql":
        with backup._pg_connect(connection.settings_dict, target) as db:
            return {r[0] for r in db.execute("SELECT full_name FROM people_person").fetchall()}
    with sqlite3.connect(target) as db:
        names = {r[0] for r in db.execute("SELECT full_name FROM people_person")}
    db.close()
    return names


def test_backup_then_restore_gives_back_the_same_data_and_files(tree, people, tmp_path, media, pg_cleanup):
    before = table_counts()
    call_command("backup", output=str(tmp_path / "saoluu"), verbosity=0)
    archive = next((tmp_path / "saoluu").glob("doanket-*.tar.gz"))
    assert read_manifest(archive)["tables"] == before
    assert not list((tmp_path / "saoluu").glob("*.part"))

    # Damage: a person deleted, another added, the upload lost.
    services.person_delete(actor=None, person=people.km)
    services.person_create(actor=None, unit=tree.district, full_name="Người Mới Sau Sao Lưu")
    (media / "tai-lieu" / "bien-ban.pdf").unlink()

    call_command("restore", str(archive), yes=True, verbosity=0)
    assert table_counts() == before
    assert Person.objects.filter(full_name="Nguyễn Thị Đức Hạnh").exists()
    assert not Person.objects.filter(full_name="Người Mới Sau Sao Lưu").exists()
    assert (media / "tai-lieu" / "bien-ban.pdf").read_bytes() == b"%PDF-1.4 thu nghiem"
    # The uploads folder as it was before the restore is kept beside it.
    kept = list(media.parent.glob("media.before-restore-*"))
    assert len(kept) == 1 and not (kept[0] / "tai-lieu" / "bien-ban.pdf").exists()


def test_counts_are_those_of_the_dump_even_when_people_write_during_the_backup(tree, people, tmp_path, media,
                                                                             monkeypatch, pg_cleanup):
    """A row committed after the snapshot (SQLite: after the copy) is neither in the dump nor in its counts."""
    if connection.vendor == "postgresql":
        original, hook = backup._run_pg_dump, "_run_pg_dump"
    else:
        original, hook = backup._sqlite_copy, "_sqlite_copy"

    def with_a_write_meanwhile(*args, **kwargs):
        if hook == "_sqlite_copy":
            original(*args, **kwargs)
            services.person_create(actor=None, unit=tree.district, full_name="Người Ghi Trong Lúc Sao Lưu")
        else:
            services.person_create(actor=None, unit=tree.district, full_name="Người Ghi Trong Lúc Sao Lưu")
            original(*args, **kwargs)

    monkeypatch.setattr(backup, hook, with_a_write_meanwhile)
    before = table_counts()
    archive = backup.make_backup(tmp_path / "saoluu")
    manifest = read_manifest(archive)
    assert manifest["tables"] == before  # the snapshot's counts, not the live ones
    assert table_counts()["people_person"] == before["people_person"] + 1

    target = target_for(tmp_path, "khoi_phuc")
    pg_cleanup.append(target)
    call_command("restore", str(archive), database=target, media=str(tmp_path / "media-khoi-phuc"), verbosity=0)
    assert counts_of(target) == manifest["tables"]
    assert "Người Ghi Trong Lúc Sao Lưu" not in names_in(target)
    assert "Nguyễn Thị Đức Hạnh" in names_in(target)
    assert (tmp_path / "media-khoi-phuc" / "tai-lieu" / "bien-ban.pdf").read_bytes() == b"%PDF-1.4 thu nghiem"
    # The running system was not touched.
    assert Person.objects.filter(full_name="Người Ghi Trong Lúc Sao Lưu").exists()
    assert (media / "tai-lieu" / "bien-ban.pdf").exists()


def rewrite(archive: Path, out: Path, damage) -> Path:
    with tarfile.open(archive) as src, tarfile.open(out, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member)
            content = data.read() if data is not None else None
            content = damage(member.name, content)
            if content is None and data is not None:
                continue  # dropped from the archive
            if content is not None:
                member.size = len(content)
                dst.addfile(member, io.BytesIO(content))
            else:
                dst.addfile(member)
    return out


def flip_middle_byte(data: bytes) -> bytes:
    content = bytearray(data)
    content[len(content) // 2] ^= 0xFF
    return bytes(content)


@pytest.mark.parametrize(("case", "damage", "message"), [
    ("database", lambda name, data: flip_middle_byte(data) if name.startswith("db.") else data, "checksum"),
    ("upload", lambda name, data: flip_middle_byte(data) if name.endswith(".pdf") else data, "checksum"),
    ("missing upload", lambda name, data: None if name.endswith(".pdf") else data, "differ"),
    ("manifest", lambda name, data: b"{not json" if name == "manifest.json" else data, "manifest"),
])
def test_a_damaged_archive_is_refused_before_anything_is_touched(case, damage, message, tree, people, tmp_path,
                                                                 media, pg_cleanup):
    archive = backup.make_backup(tmp_path / "saoluu")
    broken = rewrite(archive, tmp_path / "broken.tar.gz", damage)
    services.person_create(actor=None, unit=tree.district, full_name="Người Sau Sao Lưu")
    live = table_counts()
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(broken), yes=True, verbosity=0)
    assert table_counts() == live  # the running database as it was
    assert Person.objects.filter(full_name="Người Sau Sao Lưu").exists()
    assert (media / "tai-lieu" / "bien-ban.pdf").read_bytes() == b"%PDF-1.4 thu nghiem"
    assert sorted(p.name for p in media.parent.iterdir() if p.name.startswith((".media", "media"))) == ["media"]


def test_a_truncated_archive_is_refused(tree, tmp_path, media):
    archive = backup.make_backup(tmp_path / "saoluu")
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(CommandError, match=r"damaged|not a readable"):
        call_command("restore", str(cut), yes=True, verbosity=0)
    assert (media / "tai-lieu" / "bien-ban.pdf").exists()


def test_a_restore_target_that_exists_is_refused(tree, tmp_path, media, pg_cleanup):
    archive = backup.make_backup(tmp_path / "saoluu")
    (tmp_path / "da-co").mkdir()
    with pytest.raises(CommandError, match="already exists"):
        call_command("restore", str(archive), media=str(tmp_path / "da-co"), verbosity=0)


def test_the_database_settings_are_carried_to_the_restored_database(tree, tmp_path, media, pg_cleanup):
    """`ALTER DATABASE … SET …` lives outside pg_dump's output: the manifest carries it."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's per-database settings")
    db = connection.settings_dict
    from psycopg import sql

    with backup._pg_connect(db, "postgres") as admin:
        for statement in ("ALTER DATABASE {} SET work_mem = '12MB'", "ALTER DATABASE {} SET jit = off",
                          "ALTER DATABASE {} SET search_path = \"$user\", public"):
            admin.execute(sql.SQL(statement).format(sql.Identifier(db["NAME"])))
    try:
        archive = backup.make_backup(tmp_path / "saoluu")
    finally:
        with backup._pg_connect(db, "postgres") as admin:
            admin.execute(sql.SQL("ALTER DATABASE {} RESET ALL").format(sql.Identifier(db["NAME"])))
    target = target_for(tmp_path, "cai_dat")
    pg_cleanup.append(target)
    call_command("restore", str(archive), database=target, verbosity=0)
    with backup._pg_connect(db, target) as restored:
        assert restored.execute("SHOW work_mem").fetchone()[0] == "12MB"
        assert restored.execute("SHOW jit").fetchone()[0] == "off"
        assert restored.execute("SHOW search_path").fetchone()[0] == '"$user", public'
