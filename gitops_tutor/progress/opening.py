"""Opening the progress database safely: checks first, then backup, then migrations.

The order matters. Everything that could refuse the file (not a database,
damaged, written by a newer app, not ours) is checked through a read-only
connection, so a refused file is left exactly as it was. Only then is the file
opened for writing, copied aside if migrations are pending, switched to WAL and
migrated inside one ``BEGIN IMMEDIATE`` transaction, so two copies of the app
starting at once queue up instead of both migrating.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from gitops_tutor.progress.errors import StoreError
from gitops_tutor.progress.migrations import MIGRATION_SET, known_migration_names, migrations, schema_version

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 15.0
BACKUP_FOLDER = "backups"
KEEP_BACKUPS = 6  # per kind of backup: periodic copies, and copies before imports, migrations and resets
PERIODIC_REASON = "periodic"
PERIODIC_EVERY = timedelta(minutes=30)  # Anki's default: a copy every 30 minutes of use
ALWAYS_CHECK_BYTES = 16 << 20  # quick_check reads every page: ~5 ms per MB, so small files are checked on every open
CHECK_EVERY = timedelta(hours=24)  # ... and larger ones at least once a day, and before every migration
CHECKED_AT_KEY = "_integrity_checked_at"
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"  # a copy's name: <stem>-<stamp>-<reason>[-<n>].db, in UTC
STAMP = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z")


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / BACKUP_FOLDER


def open_database(db_path: Path, now: datetime) -> sqlite3.Connection:
    """Check, back up if needed, configure and migrate; StoreError for anything a user can fix."""
    ensure_folder(db_path.parent)
    if db_path.is_dir():
        raise StoreError(f"{db_path} is a folder, not a database file; give --db a file name")
    if db_path.exists() and not db_path.is_file():
        raise StoreError(f"{db_path} is not a regular file (a pipe or a device?); give --db a database file")
    existing = db_path.is_file() and db_path.stat().st_size > 0
    applied = inspect_existing(db_path) if existing else []
    pending = [name for name in known_migration_names() if name not in applied]
    checked = applied and (pending or integrity_check_due(db_path, now))
    if checked:
        check_integrity(db_path)
    if applied and pending:
        backup_copy(db_path, now, f"before-{pending[0]}")
    elif applied:
        keep_periodic_backup(db_path, now)
    try:
        conn = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error as exc:
        raise write_error(db_path, exc) from exc
    try:
        configure(conn)
        if pending:
            migrate(conn, db_path)
        if checked and db_path.stat().st_size > ALWAYS_CHECK_BYTES:
            record_integrity_check(conn, now)  # small files are checked on every open: no write needed
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise write_error(db_path, exc) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def ensure_folder(folder: Path) -> None:
    """Create the data folder on first run; refuse clearly when it cannot be written."""
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder} is not a folder, so the progress database cannot be kept there; use --db")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"cannot create the folder {folder} for the progress database ({exc.strerror}); "
            "choose another file with --db or GITOPS_TUTOR_DB"
        ) from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(read_only_message(folder))
    try:  # os.access says yes to root even on a read-only mount; a real (invisible) file tells the truth
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise StoreError(read_only_message(folder, exc.strerror)) from exc


def read_only_message(folder: Path, reason: str | None = None) -> str:
    because = f" ({reason})" if reason else ""
    return (
        f"the folder {folder} is read-only{because}; gitops-tutor needs to write its progress database there: "
        "choose another file with --db or GITOPS_TUTOR_DB"
    )


# Every table the migrations create; a file that records all migrations but lacks one was
# damaged by hand or by another tool, and carrying on would show wrong numbers or half-write.
REQUIRED_TABLES = (
    "attempts",
    "cards",
    "study_days",
    "lesson_progress",
    "lesson_completion",
    "settings",
    "interviews",
    "interview_answers",
)


def write_error(db_path: Path, exc: sqlite3.Error) -> StoreError:
    text = str(exc)
    if "disk i/o error" in text.lower():
        return StoreError(
            f"{db_path}: could not write the progress database (disk I/O error: the disk may be full, over "
            "quota or failing); the last change was not saved, nothing else was lost; free some space and try again"
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StoreError(f"{db_path}: cannot write the progress database ({text}); " + read_only_hint(db_path))
    if "disk is full" in text:
        return StoreError(f"{db_path}: the disk is full; free some space and try again (the last change was not saved)")
    if isinstance(exc, sqlite3.OperationalError) and "locked" in text:
        return StoreError(f"{db_path}: the database stayed locked by another program for too long; try again")
    return corrupt_error(db_path, text)


def read_only_hint(db_path: Path) -> str:
    return f"check that {db_path} and its folder are writable, or choose another file with --db"


def corrupt_error(db_path: Path, detail: str) -> StoreError:
    return StoreError(
        f"{db_path} is damaged or not a gitops-tutor database ({detail}). It was left untouched: "
        "'gitops-tutor recover' copies every row still readable into a fresh database and keeps the damaged file, "
        f"or move it aside and gitops-tutor will start a fresh one; recent backups are in {backup_folder(db_path)}"
    )


def is_disk_trouble(exc: sqlite3.Error) -> bool:
    """A full disk or an I/O error says nothing about the file's contents; it must never be called damage."""
    text = str(exc).lower()
    return "disk i/o error" in text or "disk is full" in text or "unable to open" in text or "locked" in text


def inspect_existing(db_path: Path) -> list[str]:
    """Migration names already applied, read without writing; refuses damaged, foreign or newer files."""
    with db_path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise corrupt_error(db_path, "not an SQLite file")
    try:
        conn = sqlite3.connect(db_path.resolve().as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error as exc:
        raise write_error(db_path, exc) from exc
    try:
        applied, user_version = read_schema_state(conn, db_path)
    except sqlite3.DatabaseError as exc:
        if is_disk_trouble(exc):
            raise write_error(db_path, exc) from exc
        raise corrupt_error(db_path, str(exc)) from exc
    finally:
        conn.close()
    refuse_newer(db_path, applied, user_version)
    return applied


def integrity_check_due(db_path: Path, now: datetime) -> bool:
    """Every open for a learner-sized file; once a day for a large one (100,000 attempts: ~250 ms)."""
    if db_path.stat().st_size <= ALWAYS_CHECK_BYTES:
        return True
    conn = sqlite3.connect(db_path.resolve().as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", [CHECKED_AT_KEY]).fetchone()
    except sqlite3.DatabaseError:
        return True
    finally:
        conn.close()
    try:
        last = datetime.fromisoformat(json.loads(row[0])) if row else None
    except (ValueError, TypeError):
        return True
    return last is None or now - last >= CHECK_EVERY


def record_integrity_check(conn: sqlite3.Connection, now: datetime) -> None:
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [CHECKED_AT_KEY, json.dumps(now.isoformat())],
    )
    conn.commit()


def check_integrity(db_path: Path) -> None:
    """SQLite's quick_check, read-only: damaged pages anywhere are found now, while the backups are
    still good, not months later when a read happens to touch them (SQLite's own advice for
    long-lived files). It reads every page once: milliseconds for a learner's database, about a
    quarter second at 100,000 attempts (bench/store.py), hence ``integrity_check_due``."""
    conn = sqlite3.connect(db_path.resolve().as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        check = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if is_disk_trouble(exc):
            raise write_error(db_path, exc) from exc
        raise corrupt_error(db_path, str(exc)) from exc
    finally:
        conn.close()
    if check != "ok":
        raise corrupt_error(db_path, f"integrity check: {check}")


def read_schema_state(conn: sqlite3.Connection, db_path: Path) -> tuple[list[str], int]:
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    user_version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if migrations.migrations_table not in tables:
        if tables:
            raise corrupt_error(db_path, "it holds tables but no gitops-tutor schema record")
        return [], user_version
    rows = conn.execute(
        f"SELECT name FROM [{migrations.migrations_table}] WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET]
    )
    applied = [row[0] for row in rows]
    if set(known_migration_names()) <= set(applied):
        missing = [table for table in REQUIRED_TABLES if table not in tables]
        if missing:
            raise corrupt_error(db_path, f"the table '{missing[0]}' is missing")
    return applied, user_version


def refuse_newer(db_path: Path, applied: list[str], user_version: int) -> None:
    known = set(known_migration_names())
    unknown = [name for name in applied if name not in known]
    if unknown or user_version > schema_version():
        found = max(user_version, len(applied))
        raise StoreError(
            f"{db_path} was written by a newer version of gitops-tutor (schema version {found}, this version "
            f"knows {schema_version()}); upgrade gitops-tutor to use it. The file was not changed."
        )


def configure(conn: sqlite3.Connection) -> None:
    """WAL lets a second copy of the app read while one writes; FULL sync keeps every commit after a crash.

    recursive_triggers is what sqlite-utils' ``Database`` turns on for a connection it wraps; the
    store wraps one only when it needs sqlite-utils, so it is set here for every connection alike."""
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    conn.execute("PRAGMA recursive_triggers = on")
    mode = switch_to_wal(conn)
    if str(mode).lower() != "wal":
        raise sqlite3.OperationalError(f"could not switch to WAL mode (got {mode})")
    conn.execute("PRAGMA synchronous = FULL")


def switch_to_wal(conn: sqlite3.Connection) -> str:
    """Switch the journal to WAL, waiting out another process that is doing the same.

    Changing the journal mode needs an exclusive lock, and SQLite answers "database is locked" at once,
    without calling the busy handler, when two connections race to convert a fresh file (both hold a
    shared lock and each waits for the other). So the wait is ours: retry with a short, growing pause
    until the same deadline the busy timeout gives every other statement.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    pause = 0.005
    while True:
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


def migrate(conn: sqlite3.Connection, db_path: Path) -> None:
    """Apply pending migrations under one write lock, re-checking the version once we hold it.

    sqlite-utils (which applies them) is imported only here: a new or older file pays for it once."""
    from sqlite_utils import Database

    db = Database(conn)
    conn.execute("BEGIN IMMEDIATE")
    try:
        applied, user_version = read_schema_state(conn, db_path)
        refuse_newer(db_path, applied, user_version)
        migrations.apply(db)
        conn.execute(f"PRAGMA user_version = {schema_version()}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def backup_copy(db_path: Path, now: datetime, reason: str) -> Path:
    """Copy the database (including committed WAL content) to the backups folder and return the copy's path."""
    folder = backup_folder(db_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the backup folder {folder} ({exc.strerror}); nothing was changed") from exc
    target = unique_backup_path(folder, db_path.stem, now, reason)
    source = sqlite3.connect(db_path.resolve().as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        destination = sqlite3.connect(str(target))
        try:
            source.backup(destination)
        finally:
            destination.close()
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise StoreError(f"{db_path}: could not make a backup copy in {folder} ({exc}); nothing was changed") from exc
    finally:
        source.close()
    prune_backups(folder, db_path.stem)
    return target


def keep_periodic_backup(db_path: Path, now: datetime) -> Path | None:
    """A dated copy when the newest periodic one is older than PERIODIC_EVERY (checked on open).

    A failed periodic copy (a full disk) must not stop the learner from studying, so it is skipped
    silently here; the next open tries again.
    """
    newest = newest_backup_time(backup_folder(db_path), db_path.stem, PERIODIC_REASON)
    if newest is not None and now - newest < PERIODIC_EVERY:
        return None
    try:
        return backup_copy(db_path, now, PERIODIC_REASON)
    except StoreError:
        return None


def newest_backup_time(folder: Path, stem: str, reason: str) -> datetime | None:
    """When the newest copy of a kind was taken, read from its name (file times lie after a copy)."""
    stamps = []
    for copy in folder.glob(f"{stem}-*-{reason}.db"):
        stamp = stamp_time(copy.name[len(stem) + 1 :].split("-", 1)[0])
        if stamp is not None:
            stamps.append(stamp)
    return max(stamps, default=None)


def stamp_time(stamp: str) -> datetime | None:
    """The UTC time in a copy's name (``STAMP_FORMAT``), or None if it is not one.

    Read with a regular expression, not ``datetime.strptime``: every open with a periodic copy
    present runs this, on the way to the app's Home, and the first strptime of a process imports
    ``_strptime`` and builds its locale tables: opening a store went from ~6.9 to ~3.9 ms of CPU
    without it (the app's process, where ``re`` and ``locale`` are already loaded)."""
    match = STAMP.fullmatch(stamp)
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(part) for part in match.groups())
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)
    except ValueError:
        return None


def backup_kind(path: Path, stem: str) -> str:
    """``periodic``, ``before-import``, ``before-m003_...``: what a copy was for, from its name."""
    rest = path.name[len(stem) + 1 : -len(".db")]
    kind = rest.split("-", 1)[1] if "-" in rest else rest
    parts = kind.rsplit("-", 1)
    return parts[0] if len(parts) == 2 and parts[1].isdigit() else kind


def unique_backup_path(folder: Path, stem: str, now: datetime, reason: str) -> Path:
    stamp = now.strftime(STAMP_FORMAT)
    target = folder / f"{stem}-{stamp}-{reason}.db"
    counter = 1
    while target.exists():
        target = folder / f"{stem}-{stamp}-{reason}-{counter}.db"
        counter += 1
    return target


def prune_backups(folder: Path, stem: str) -> None:
    """Keep the newest KEEP_BACKUPS copies of each kind, so backups never fill a disk unnoticed and a
    burst of imports cannot push out the periodic copies (or the other way round)."""
    by_kind: dict[str, list[Path]] = {}
    for copy in folder.glob(f"{stem}-*.db"):
        by_kind.setdefault(backup_kind(copy, stem), []).append(copy)
    for copies in by_kind.values():
        copies.sort(key=lambda p: p.name)  # names start with the UTC time, so name order is time order
        for old in copies[:-KEEP_BACKUPS]:
            old.unlink(missing_ok=True)
