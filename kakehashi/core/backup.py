"""Backups of the database and the private uploads, and their verified restore
(`make backup`, `make restore`; docs/operations.md, "Backups").

A backup is a folder ``<VAR_DIR>/backups/<UTC time>/`` holding

- ``database.dump`` (PostgreSQL, ``pg_dump -Fc``) or ``database.sqlite3`` (the embedded
  SQLite, copied page by page through SQLite's backup API, safe while the site runs);
- ``media.tar.gz``: everything under MEDIA_ROOT;
- ``manifest.json``: the sha256 of those two files, and for every table its row count and a
  sha256 of its rows (in primary-key order), for every upload its size and sha256.

On PostgreSQL the table figures are taken in the very snapshot that pg_dump dumps (an
exported snapshot of a repeatable-read transaction), on SQLite from the copy itself: the
manifest describes exactly what the dump holds, even while people keep working.

A restore first checks the two files against the manifest (nothing is touched when one
differs), replaces the database and the uploads, then recomputes every figure and fails,
naming each table and file that differs. The keys (FIELD_ENCRYPTION_KEYS, CNIC_LOOKUP_KEY)
are not in a backup: keep them apart, in the secret store; the restored CNICs decrypt only
with the keys of the day they were written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections, transaction

from kakehashi.core.database import planner_statistics_refresh

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
FORMAT_VERSION = 1


class BackupError(Exception):
    """A backup cannot be made or restored (a tool failed, a file is missing or altered)."""


class BackupMismatch(BackupError):
    """The restored data differ from what the manifest recorded."""

    def __init__(self, differences: list[str]):
        self.differences = differences
        super().__init__("The restore does not match the backup: " + "; ".join(differences))


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _plain(value: Any) -> str:
    if isinstance(value, memoryview):
        value = bytes(value)
    if isinstance(value, bytes):
        return "x:" + value.hex()
    return str(value)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _table_figures(cursor: Any, tables: list[str], order: dict[str, list[str]]) -> dict:
    """Row count and sha256 of the rows of each table, read through a DB-API cursor."""
    figures = {}
    for table in sorted(tables):
        keys = order.get(table) or []
        by = ", ".join(_quote(k) for k in keys) if keys else "1"
        # Table and column names come from the database's own catalogue.
        cursor.execute(f"SELECT * FROM {_quote(table)} ORDER BY {by}")
        digest = hashlib.sha256()
        rows = 0
        while batch := cursor.fetchmany(2000):
            for row in batch:
                digest.update(json.dumps(list(row), default=_plain).encode())
                digest.update(b"\n")
                rows += 1
        figures[table] = {"rows": rows, "sha256": digest.hexdigest()}
    return figures


def _sqlite_figures(path: Path) -> dict:
    """The table figures of an SQLite file, read with plain sqlite3 (no Django converters,
    so a backup and its restore are read the same way)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        cursor = db.cursor()
        tables = [
            name
            for (name,) in cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).fetchall()
        ]
        order = {}
        for table in tables:
            info = cursor.execute(f"PRAGMA table_info({_quote(table)})").fetchall()
            pk = [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]]
            order[table] = pk or [row[1] for row in info]
        return _table_figures(cursor, tables, order)
    finally:
        db.close()


def _sqlite_live_figures() -> dict:
    """The figures of the live SQLite database, read from a fresh copy of it (the same way
    as the backup's, whether the database is a file or, in tests, in memory)."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "database.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(copy)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return _sqlite_figures(copy)


def _postgres_figures(cursor: Any) -> dict:
    tables = connection.introspection.table_names(cursor)
    order = {}
    for table in tables:
        pk = connection.introspection.get_primary_key_columns(cursor, table) or []
        if not pk:
            pk = [c.name for c in connection.introspection.get_table_description(cursor, table)]
        order[table] = pk
    return _table_figures(cursor, tables, order)


def _media_figures(root: Path) -> dict:
    files = {}
    if root.exists():
        for folder, _subfolders, names in os.walk(root):
            for name in names:
                path = Path(folder) / name
                if path.is_file() and not path.is_symlink():
                    files[path.relative_to(root).as_posix()] = {
                        "bytes": path.stat().st_size,
                        "sha256": _sha256_file(path),
                    }
    return dict(sorted(files.items()))


def _vendor() -> str:
    if connection.vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"No backup for a {connection.vendor} database.")
    return connection.vendor


def _pg_args_env() -> tuple[list[str], dict[str, str]]:
    s = connection.settings_dict
    args = []
    if s.get("HOST"):
        args += ["--host", str(s["HOST"])]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", str(s["USER"])]
    env = {**os.environ}
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    return [*args, "--dbname", str(s["NAME"])], env


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} is not installed (apt-get install postgresql-client)."
        ) from None
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-2000:]}")


def backups_root() -> Path:
    return Path(settings.VAR_DIR) / "backups"


def backup_create(root: Path | None = None) -> Path:
    """Back up the database and the uploads into a new folder under `root`; its path."""
    vendor = _vendor()
    root = root or backups_root()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder = root / stamp
    folder.mkdir(parents=True, mode=0o700)
    if vendor == "postgresql":
        database_file = folder / "database.dump"
        args, env = _pg_args_env()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            tables = _postgres_figures(cursor)
            # pg_dump reads the same snapshot while this transaction holds it open.
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    "--file",
                    str(database_file),
                    *args,
                ],
                env,
            )
    else:
        database_file = folder / "database.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(database_file)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        tables = _sqlite_figures(database_file)
    media_root = Path(settings.MEDIA_ROOT)
    files = _media_figures(media_root)
    with tarfile.open(folder / MEDIA_ARCHIVE, "w:gz") as archive:
        for name in files:
            archive.add(media_root / name, arcname=name, recursive=False)
    manifest = {
        "format": FORMAT_VERSION,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "engine": vendor,
        "database": {"file": database_file.name, "sha256": _sha256_file(database_file)},
        "media": {"file": MEDIA_ARCHIVE, "sha256": _sha256_file(folder / MEDIA_ARCHIVE)},
        "tables": tables,
        "files": files,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    for path in folder.iterdir():
        path.chmod(0o600)
    return folder


def backup_latest(root: Path | None = None) -> Path | None:
    root = root or backups_root()
    found = sorted(p for p in root.glob("*") if (p / MANIFEST).is_file()) if root.exists() else []
    return found[-1] if found else None


def manifest_read(folder: Path) -> dict:
    """The manifest of a backup, once its two files are checked against it."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"No readable {MANIFEST} in {folder}: {error}") from None
    for part in ("database", "media"):
        path = folder / manifest[part]["file"]
        if not path.is_file():
            raise BackupError(f"{path} is missing.")
        if _sha256_file(path) != manifest[part]["sha256"]:
            raise BackupError(f"{path} is not the file the manifest describes (sha256 differs).")
    return manifest


@contextlib.contextmanager
def _replaced_folder(target: Path) -> Iterator[Path]:
    """A fresh folder beside `target` that takes its place when the block succeeds."""
    fresh = target.with_name(target.name + ".restoring")
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True, mode=settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS)
    try:
        yield fresh
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    old = target.with_name(target.name + ".before-restore")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _differences(expected: dict, found: dict, kind: str) -> list[str]:
    out = []
    for name, figure in expected.items():
        got = found.get(name)
        if got is None:
            out.append(f"{kind} {name} is missing")
        elif got != figure:
            out.append(f"{kind} {name}: expected {figure}, found {got}")
    return out


def backup_restore(folder: Path) -> dict:
    """Replace the database and the uploads with the backup in `folder`, then check every
    table and file against its manifest (BackupMismatch when one differs). The manifest."""
    vendor = _vendor()
    manifest = manifest_read(folder)
    if manifest["engine"] != vendor:
        raise BackupError(f"This is a {manifest['engine']} backup; the database is {vendor}.")
    database_file = folder / manifest["database"]["file"]
    connections.close_all()
    if vendor == "postgresql":
        args, env = _pg_args_env()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                *args,
                str(database_file),
            ],
            env,
        )
        planner_statistics_refresh()  # pg_restore brings the rows, not the statistics
        with connection.cursor() as cursor:
            tables = _postgres_figures(cursor)
    else:
        source = sqlite3.connect(f"file:{database_file}?mode=ro", uri=True)
        try:
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
        tables = _sqlite_live_figures()
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with _replaced_folder(media_root) as fresh:
        with tarfile.open(folder / manifest["media"]["file"], "r:gz") as archive:
            archive.extractall(fresh, filter="data")
        for dirpath, subfolders, names in os.walk(fresh):
            for name in subfolders:
                os.chmod(Path(dirpath) / name, settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS)
            for name in names:
                os.chmod(Path(dirpath) / name, settings.FILE_UPLOAD_PERMISSIONS)
    differences = _differences(manifest["tables"], tables, "table")
    differences += _differences(manifest["files"], _media_figures(media_root), "file")
    if differences:
        raise BackupMismatch(differences)
    return manifest
