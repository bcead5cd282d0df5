"""Consistent backups of the database and uploaded files, and their restore.

A backup is one .tar.gz holding `manifest.json` (when, which database, row counts per table,
checksums), the database (`db.sqlite3` made with SQLite's online backup API, so it is consistent
while the site runs, or `db.dump` from `pg_dump --format=custom`, a consistent snapshot) and
`media/` (uploaded files)."""

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
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, connections


class BackupError(Exception):
    pass


def table_counts() -> dict[str, int]:
    """Rows per table of every installed model: what a restore must give back."""
    counts = {}
    with connection.cursor() as cur:
        existing = set(connection.introspection.table_names(cur))
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table in existing and table not in counts:
                cur.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 — table names come from the models
                counts[table] = cur.fetchone()[0]
    return counts


def _pg_env(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = ["--host", str(db.get("HOST") or "localhost"), "--port", str(db.get("PORT") or 5432),
            "--username", str(db.get("USER") or "postgres")]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def make_backup(target_dir: Path, *, alias: str = "default") -> Path:
    """Write a backup archive into `target_dir` and return its path."""
    db = connections[alias].settings_dict
    vendor = connections[alias].vendor
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target_dir.mkdir(parents=True, exist_ok=True)
    archive = target_dir / f"doanket-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        if vendor == "sqlite":
            db_file = tmp_path / "db.sqlite3"
            connections[alias].ensure_connection()
            source = connections[alias].connection
            with sqlite3.connect(db_file) as dest:
                source.backup(dest)  # online backup: consistent while others write
            dest.close()
        elif vendor == "postgresql":
            db_file = tmp_path / "db.dump"
            args, env = _pg_env(db)
            subprocess.run(["pg_dump", *args, "--format=custom", "--no-owner", "--file", str(db_file), db["NAME"]],  # noqa: S603, S607
                           check=True, env=env, capture_output=True)
        else:
            raise BackupError(f"unsupported database: {vendor}")
        manifest = {
            "created": dt.datetime.now(dt.UTC).isoformat(),
            "vendor": vendor,
            "database_file": db_file.name,
            "database_sha256": _sha256(db_file),
            "tables": table_counts(),
        }
        with tarfile.open(archive, "w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            tar.add(db_file, arcname=db_file.name)
            media = Path(settings.MEDIA_ROOT)
            if media.is_dir():
                tar.add(media, arcname="media")
    return archive


def read_manifest(archive: Path) -> dict[str, Any]:
    with tarfile.open(archive, "r:gz") as tar:
        member = tar.extractfile("manifest.json")
        if member is None:
            raise BackupError("manifest.json missing")
        return json.loads(member.read())


def restore_backup(archive: Path, *, alias: str = "default") -> dict[str, Any]:
    """Replace the database and the uploaded files with those of `archive`. Returns its manifest."""
    manifest = read_manifest(archive)
    vendor = connections[alias].vendor
    if manifest["vendor"] != vendor:
        raise BackupError(f"backup is of {manifest['vendor']}, this site runs {vendor}")
    db = connections[alias].settings_dict
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive, "r:gz") as tar:
        tar.extractall(tmp, filter="data")  # refuses absolute paths and links out of the folder
        tmp_path = Path(tmp)
        db_file = tmp_path / manifest["database_file"]
        if _sha256(db_file) != manifest["database_sha256"]:
            raise BackupError("database file does not match its checksum")
        if vendor == "sqlite":
            connections[alias].ensure_connection()
            with sqlite3.connect(db_file) as source:
                source.backup(connections[alias].connection)
        else:
            connections[alias].close()
            args, env = _pg_env(db)
            subprocess.run(["pg_restore", *args, "--clean", "--if-exists", "--no-owner", "--single-transaction",  # noqa: S603, S607
                            "--dbname", db["NAME"], str(db_file)], check=True, env=env, capture_output=True)
        media_src = tmp_path / "media"
        media = Path(settings.MEDIA_ROOT)
        if media_src.is_dir():
            if media.exists():
                shutil.rmtree(media)
            shutil.copytree(media_src, media)
    return manifest
