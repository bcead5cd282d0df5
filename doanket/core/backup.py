"""Consistent backups of the database and uploaded files, and restores that cannot leave things half-done.

A backup is one .tar.gz holding `manifest.json`, the database and `media/` (uploaded files):

- SQLite: `db.sqlite3`, made with SQLite's online backup API (consistent while the site runs); the row
  counts are taken from that copy.
- PostgreSQL: `db.dump` (`pg_dump --format=custom`). A separate connection opens a read-only REPEATABLE
  READ transaction, exports its snapshot, counts the rows in it, and pg_dump dumps that same snapshot
  (`--snapshot`): the counts are those of the dump, whatever is written meanwhile. The database's own
  settings (`ALTER DATABASE … SET …`, which pg_dump leaves out) go into the manifest.
- The manifest holds the SHA-256 of the database file and of every uploaded file, so that an archive can be
  checked entirely before anything is touched.

A restore (1) extracts and verifies the whole archive (checksums, the list of files, SQLite's integrity
check and row counts, or pg_restore's reading of the dump), (2) restores the database into a *new* database
(PostgreSQL) or file (SQLite) and checks its row counts against the manifest, and the files into a new
folder beside the uploads folder, and only then (3) switches: the new database takes the live one's name
(the old one is kept, renamed `…_before_restore_<time>`), the new folder takes the uploads folder's place
(the old one kept as `…before-restore-<time>`). Any failure before the switch removes what the restore
made and leaves the running system as it was. With a named target (`database=…`, `media=…`) it restores
there and switches nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.db import connections

FORMAT = 2
# Settings whose value pg_db_role_setting keeps as a list already written for SQL (`"$user", public`).
LIST_SETTINGS = {"search_path", "temp_tablespaces", "local_preload_libraries", "session_preload_libraries"}


class BackupError(Exception):
    pass


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def model_tables() -> list[str]:
    """Every installed model's table (what a restore must give back), in a stable order."""
    return sorted({m._meta.db_table for m in apps.get_models(include_auto_created=True)})


def table_counts(alias: str = "default") -> dict[str, int]:
    """Rows per model table of a database Django is connected to."""
    conn = connections[alias]
    with conn.cursor() as cur:
        existing = set(conn.introspection.table_names(cur))
        counts = {}
        for table in model_tables():
            if table in existing:
                cur.execute(f"SELECT COUNT(*) FROM {conn.ops.quote_name(table)}")  # noqa: S608 — model tables
                counts[table] = cur.fetchone()[0]
    return counts


def _sqlite_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        existing = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        counts = {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]  # noqa: S608 — model tables
                  for t in model_tables() if t in existing}
    db.close()
    return counts


# -- PostgreSQL helpers --------------------------------------------------------------------------------------

def _pg_args(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = ["--host", str(db.get("HOST") or "localhost"), "--port", str(db.get("PORT") or 5432),
            "--username", str(db.get("USER") or "postgres")]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _pg_connect(db: dict[str, Any], dbname: str | None = None, *, autocommit: bool = True) -> Any:
    import psycopg

    return psycopg.connect(dbname=dbname or db["NAME"], user=db.get("USER") or "postgres",
                           password=db.get("PASSWORD") or None, host=db.get("HOST") or "localhost",
                           port=db.get("PORT") or 5432, autocommit=autocommit, connect_timeout=10)


def _pg_counts(cur: Any, tables: list[str]) -> dict[str, int]:
    from psycopg import sql

    cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    existing = {r[0] for r in cur.fetchall()}
    counts = {}
    for table in tables:
        if table in existing:
            cur.execute(sql.SQL("SELECT COUNT(*) FROM {}").format(sql.Identifier(table)))
            counts[table] = cur.fetchone()[0]
    return counts


def _pg_database_settings(cur: Any) -> list[str]:
    cur.execute("SELECT unnest(s.setconfig) FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase "
                "WHERE d.datname = current_database() AND s.setrole = 0")
    return [r[0] for r in cur.fetchall()]


def _run_pg_dump(db: dict[str, Any], snapshot: str, out: Path) -> None:
    args, env = _pg_args(db)
    result = subprocess.run(["pg_dump", *args, "--format=custom", "--no-owner", f"--snapshot={snapshot}",  # noqa: S603, S607
                             "--file", str(out), db["NAME"]], env=env, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()[-2000:]}")


def _pg_backup(db: dict[str, Any], out: Path) -> tuple[dict[str, int], list[str]]:
    """Dump and count inside one snapshot; returns (counts, the database's own settings)."""
    with _pg_connect(db, autocommit=False) as conn, conn.cursor() as cur:
        cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cur.execute("SELECT pg_export_snapshot()")
        snapshot = cur.fetchone()[0]
        counts = _pg_counts(cur, model_tables())
        database_settings = _pg_database_settings(cur)
        _run_pg_dump(db, snapshot, out)  # the snapshot lives as long as this transaction
        conn.rollback()
    return counts, database_settings


def _sqlite_copy(alias: str, out: Path) -> None:
    conn = connections[alias]
    conn.ensure_connection()
    with sqlite3.connect(out) as dest:
        conn.connection.backup(dest)  # online backup: consistent while others write
    dest.close()


# -- making a backup -----------------------------------------------------------------------------------------

def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class _HashingReader:
    """Reads a file into the archive and hashes exactly what went in."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh, self.digest = fh, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.fh.read(size)
        self.digest.update(data)
        return data


def _add_media(tar: tarfile.TarFile, media: Path) -> dict[str, str]:
    sums: dict[str, str] = {}
    if not media.is_dir():
        return sums
    for path in sorted(p for p in media.rglob("*") if p.is_file() and not p.is_symlink()):
        rel = path.relative_to(media).as_posix()
        info = tar.gettarinfo(str(path), arcname=f"media/{rel}")
        with path.open("rb") as fh:
            reader = _HashingReader(fh)
            tar.addfile(info, reader)  # type: ignore[arg-type]  # tarfile reads exactly info.size bytes
        sums[rel] = reader.digest.hexdigest()
    return sums


def make_backup(target_dir: Path, *, alias: str = "default") -> Path:
    """Write a backup archive into `target_dir` and return its path (written whole, then renamed)."""
    db = connections[alias].settings_dict
    vendor = connections[alias].vendor
    target_dir.mkdir(parents=True, exist_ok=True)
    archive = target_dir / f"doanket-{_stamp()}.tar.gz"
    partial = archive.with_name(archive.name + ".part")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        database_settings: list[str] = []
        if vendor == "sqlite":
            db_file = tmp_path / "db.sqlite3"
            _sqlite_copy(alias, db_file)
            counts = _sqlite_counts(db_file)  # of the copy itself
        elif vendor == "postgresql":
            db_file = tmp_path / "db.dump"
            counts, database_settings = _pg_backup(db, db_file)
        else:
            raise BackupError(f"unsupported database: {vendor}")
        try:
            with tarfile.open(partial, "w:gz") as tar:
                tar.add(db_file, arcname=db_file.name)
                media_sums = _add_media(tar, Path(settings.MEDIA_ROOT))
                manifest = {
                    "format": FORMAT,
                    "created": dt.datetime.now(dt.UTC).isoformat(),
                    "vendor": vendor,
                    "database_file": db_file.name,
                    "database_sha256": _sha256_file(db_file),
                    "tables": counts,
                    "database_settings": database_settings,
                    "media": media_sums,
                }
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo("manifest.json")
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
            os.replace(partial, archive)
        finally:
            partial.unlink(missing_ok=True)
    return archive


# -- verifying and restoring ---------------------------------------------------------------------------------

def read_manifest(archive: Path) -> dict[str, Any]:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.extractfile("manifest.json")
            if member is None:
                raise BackupError("manifest.json missing")
            data = member.read()
    except (tarfile.TarError, OSError, KeyError, EOFError) as exc:
        raise BackupError(f"not a readable backup archive: {exc}") from exc
    try:
        return dict(json.loads(data))
    except ValueError as exc:
        raise BackupError(f"damaged manifest: {exc}") from exc


def verify_archive(archive: Path, into: Path) -> dict[str, Any]:  # noqa: C901 — every check of the archive in the order it must pass, each refusing with its own message
    """Extract the whole archive into `into` and check everything that can be checked without a database
    server. Raises BackupError on the first fault; touches nothing outside `into`."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(into, filter="data")  # refuses absolute paths and links out of the folder
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"damaged archive: {exc}") from exc
    manifest_file = into / "manifest.json"
    if not manifest_file.is_file():
        raise BackupError("manifest.json missing")
    try:
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
        db_file = into / manifest["database_file"]
        expected_db_sum = manifest["database_sha256"]
        tables = manifest["tables"]
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"damaged manifest: {exc}") from exc
    if not db_file.is_file() or _sha256_file(db_file) != expected_db_sum:
        raise BackupError("database file does not match its checksum")
    media_dir = into / "media"
    found = {p.relative_to(media_dir).as_posix() for p in media_dir.rglob("*") if p.is_file()} \
        if media_dir.is_dir() else set()
    listed = manifest.get("media")
    if listed is not None:  # format 2: every uploaded file has its checksum
        if found != set(listed):
            raise BackupError(f"uploaded files differ from the manifest: {sorted(found ^ set(listed))[:5]}")
        for rel, digest in listed.items():
            if _sha256_file(media_dir / rel) != digest:
                raise BackupError(f"uploaded file {rel} does not match its checksum")
    if manifest["vendor"] == "sqlite":
        with sqlite3.connect(db_file) as check:
            result = check.execute("PRAGMA integrity_check").fetchone()[0]
        check.close()
        if result != "ok":
            raise BackupError(f"database file is damaged: {result}")
        counts = _sqlite_counts(db_file)
        if counts != tables:
            raise BackupError(f"row counts differ from the manifest: {_differences(tables, counts)}")
    elif manifest["vendor"] == "postgresql":
        listing = subprocess.run(["pg_restore", "--list", str(db_file)], capture_output=True, text=True)  # noqa: S603, S607
        if listing.returncode:
            raise BackupError(f"pg_restore cannot read the dump: {listing.stderr.strip()[-1000:]}")
    return dict(manifest)


def _differences(expected: dict[str, int], found: dict[str, int]) -> dict[str, tuple[int | None, int | None]]:
    return {t: (expected.get(t), found.get(t)) for t in sorted(set(expected) | set(found))
            if expected.get(t) != found.get(t)}


@contextmanager
def _staging(near: Path) -> Iterator[Path]:
    """A scratch folder on the same file system as `near` (so that moving out of it is a rename)."""
    near.parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=f".{near.name}.restore-", dir=near.parent))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _quote_setting(name: str, value: str) -> Any:
    from psycopg import sql

    if name in LIST_SETTINGS:
        return sql.SQL(value)  # kept by PostgreSQL in SQL form already
    return sql.Literal(value)


def _pg_restore_into(db: dict[str, Any], dump: Path, name: str, manifest: dict[str, Any]) -> None:
    """Create database `name`, restore the dump into it, carry the database's settings, check the counts.
    The database is dropped again if any of this fails."""
    from psycopg import sql

    with _pg_connect(db, "postgres") as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            raise BackupError(f"database {name} already exists: choose a new name")
        admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(sql.Identifier(name)))
    try:
        args, env = _pg_args(db)
        result = subprocess.run(["pg_restore", *args, "--no-owner", "--exit-on-error", "--single-transaction",  # noqa: S603, S607
                                 "--dbname", name, str(dump)], env=env, capture_output=True, text=True)
        if result.returncode:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()[-2000:]}")
        with _pg_connect(db, "postgres") as admin:
            for entry in manifest.get("database_settings") or []:
                key, _, value = entry.partition("=")
                admin.execute(sql.SQL("ALTER DATABASE {} SET {} = {}").format(
                    sql.Identifier(name), sql.Identifier(key), _quote_setting(key, value)))
        with _pg_connect(db, name) as restored, restored.cursor() as cur:
            counts = _pg_counts(cur, sorted(manifest["tables"]))
        if counts != manifest["tables"]:
            raise BackupError(f"row counts differ from the manifest: {_differences(manifest['tables'], counts)}")
    except BaseException:
        _pg_drop(db, name)
        raise


def _pg_drop(db: dict[str, Any], name: str) -> None:
    from psycopg import sql

    with _pg_connect(db, "postgres") as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _pg_switch(db: dict[str, Any], new: str, live: str, kept: str) -> None:
    """The restored database takes the live one's name; the live one is kept under `kept`."""
    from psycopg import sql

    with _pg_connect(db, "postgres") as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                      "AND pid <> pg_backend_pid()", [live])
        admin.execute(sql.SQL("ALTER DATABASE {} RENAME TO {}").format(sql.Identifier(live), sql.Identifier(kept)))
        try:
            admin.execute(sql.SQL("ALTER DATABASE {} RENAME TO {}").format(sql.Identifier(new), sql.Identifier(live)))
        except Exception:
            admin.execute(sql.SQL("ALTER DATABASE {} RENAME TO {}").format(sql.Identifier(kept), sql.Identifier(live)))
            raise


# A long function on purpose: the restore's steps in order, each with its own rollback; split, the order would be hidden.
def restore_backup(archive: Path, *, alias: str = "default", database: str | None = None,  # noqa: C901
                   media: str | Path | None = None) -> dict[str, Any]:
    """Restore `archive`. Without `database`/`media`: into a new database and folder, then switch the live
    ones for them (kept under a `before_restore` name). With `database` (a PostgreSQL database name, or an
    SQLite file path) and/or `media` (a folder): restore there, leaving the live ones alone; a part without a
    target goes to a new place beside the live one. Returns the manifest, with "restored_to" filled in."""
    conn = connections[alias]
    vendor = conn.vendor
    db = conn.settings_dict
    live_media = Path(settings.MEDIA_ROOT)
    named = database is not None or media is not None
    stamp = _stamp()
    with _staging(live_media) as staging:
        manifest = verify_archive(archive, staging)  # 1. everything checked before anything is touched
        if manifest["vendor"] != vendor:
            raise BackupError(f"backup is of {manifest['vendor']}, this site runs {vendor}")
        media_dest = Path(media) if media is not None else (
            live_media.with_name(f"{live_media.name}.restore-{stamp}") if named else None)
        if media_dest is not None and media_dest.exists():
            raise BackupError(f"{media_dest} already exists: choose a new folder")
        restored_media = staging / "media"
        restored_media.mkdir(exist_ok=True)
        db_file = staging / manifest["database_file"]

        # 2. The database into a new database or file, checked.
        if vendor == "postgresql":
            new_db = database or f"{db['NAME']}_restore_{stamp.replace('-', '_')}"
            _pg_restore_into(db, db_file, new_db, manifest)
        else:
            new_file = Path(database) if database else Path(str(db["NAME"])).with_name(
                f"{Path(str(db['NAME'])).name}.restore-{stamp}")
            if database and new_file.exists():
                raise BackupError(f"{new_file} already exists: choose a new file")
            if database:
                shutil.copyfile(db_file, new_file)

        restored: dict[str, str] = {}
        if named:  # 3a. restored where asked, nothing switched
            if media_dest is not None:
                media_dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(restored_media), media_dest)
                restored["media"] = str(media_dest)
            if vendor == "postgresql":
                restored["database"] = new_db
            elif database:  # SQLite with only a media target: the database file stays in the archive
                restored["database"] = str(new_file)
            manifest["restored_to"] = restored
            return manifest

        # 3b. Switch: the files first (a rename each way), then the database; undo the files if that fails.
        kept_media = live_media.with_name(f"{live_media.name}.before-restore-{stamp}")
        had_media = live_media.exists()
        if had_media:
            os.rename(live_media, kept_media)
        os.rename(restored_media, live_media)
        try:
            if vendor == "postgresql":
                conn.close()
                kept_db = f"{db['NAME']}_before_restore_{stamp.replace('-', '_')}"
                _pg_switch(db, new_db, str(db["NAME"]), kept_db)
                restored["kept_database"] = kept_db
            else:
                conn.ensure_connection()
                if not conn.is_in_memory_db():  # type: ignore[attr-defined]  # keep the live database as it was
                    kept_file = Path(str(db["NAME"])).with_name(f"{Path(str(db['NAME'])).name}.before-restore-{stamp}")
                    with sqlite3.connect(kept_file) as kept:
                        conn.connection.backup(kept)
                    kept.close()
                    restored["kept_database"] = str(kept_file)
                with sqlite3.connect(db_file) as source:
                    source.backup(conn.connection)  # one step: the live file changes all at once or not at all
                source.close()
        except BaseException:
            os.rename(live_media, restored_media)
            if had_media:
                os.rename(kept_media, live_media)
            if vendor == "postgresql":
                with suppress(Exception):
                    _pg_drop(db, new_db)
            raise
        if had_media:
            restored["kept_media"] = str(kept_media)
        manifest["restored_to"] = restored
    return manifest
