"""Salvage a damaged progress database: copy every row that can still be read into a fresh one.

"Move it aside and start fresh" strands a learner's history in a file nobody opens again. SQLite's
own answer is ``.recover``; the Python module has no such call, so we do the same thing at the row
level: each table is read one rowid at a time (a damaged page costs the rows on it, not the
table), the rows go into a database built by our own migrations, and the derived data (cards,
daily totals) is recomputed from the attempts. The damaged file is kept next to the new one.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from gitops_tutor.progress.errors import StoreError
from gitops_tutor.progress.opening import BUSY_TIMEOUT_SECONDS, SQLITE_HEADER

# The tables that hold facts; cards and study_days are derived from attempts and rebuilt.
FACT_TABLES = (
    "attempts",
    "lesson_progress",
    "lesson_completion",
    "settings",
    "interviews",
    "interview_answers",
    "disputes",
    "answer_drafts",  # what the learner typed and had not submitted is theirs too
)
SCAN_LIMIT = 10_000_000


@dataclass(frozen=True)
class SalvageReport:
    recovered: Path
    damaged_copy: Path
    rows_copied: dict[str, int]
    rows_lost: dict[str, int]

    @property
    def total_lost(self) -> int:
        return sum(self.rows_lost.values())


def salvage(db_path: Path, now: datetime) -> SalvageReport:
    """Rebuild ``db_path`` from its readable rows; the damaged original is renamed, never deleted."""
    from gitops_tutor.progress.transfer import rebuild_card

    if not db_path.is_file():
        raise StoreError(f"{db_path}: no such database file; nothing to recover")
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    fresh_path = db_path.with_name(f"{db_path.stem}-recovered-{stamp}{db_path.suffix}")
    copied, lost = copy_readable_rows(db_path, fresh_path, now)
    with plain_store(fresh_path, now) as fresh:
        question_ids = [row["question_id"] for row in fresh.rows("SELECT DISTINCT question_id FROM attempts")]
        with fresh.write() as conn:
            conn.execute("DELETE FROM study_days")
            conn.execute(
                "INSERT INTO study_days (day, attempts, score_sum, passes) "
                "SELECT day, count(*), sum(score), sum(verdict = 'pass') FROM attempts GROUP BY day"
            )
            for question_id in question_ids:
                rebuild_card(fresh, conn, question_id)
    damaged_copy = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    swap_in(db_path, fresh_path, damaged_copy)
    return SalvageReport(db_path, damaged_copy, copied, lost)


def plain_store(path: Path, now: datetime) -> Any:
    """The store over an already-migrated file, without the checks and periodic copy of ``open``."""
    from gitops_tutor.progress.scheduling import make_scheduler
    from gitops_tutor.progress.store import ProgressStore

    return ProgressStore(sqlite3.connect(str(path)), path, lambda: now, make_scheduler(False))


def copy_readable_rows(source_path: Path, fresh_path: Path, now: datetime) -> tuple[dict[str, int], dict[str, int]]:
    from gitops_tutor.progress.store import ProgressStore

    with source_path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise StoreError(f"{source_path} is not an SQLite database at all; there is nothing to recover from it")
    ProgressStore.open(fresh_path, clock=lambda: now).close()
    source = sqlite3.connect(source_path.resolve().as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    target = sqlite3.connect(str(fresh_path), timeout=BUSY_TIMEOUT_SECONDS)
    copied: dict[str, int] = {}
    lost: dict[str, int] = {}
    try:
        for table in FACT_TABLES:
            columns = shared_columns(source, target, table)
            copied[table], lost[table] = copy_table(source, target, table, columns) if columns else (0, 0)
        target.commit()
    finally:
        source.close()
        target.close()
    return copied, lost


def shared_columns(source: sqlite3.Connection, target: sqlite3.Connection, table: str) -> list[str]:
    try:
        have = [row[1] for row in source.execute(f"PRAGMA table_info([{table}])")]
    except sqlite3.DatabaseError:
        return []
    want = {row[1] for row in target.execute(f"PRAGMA table_info([{table}])")}
    return [column for column in have if column in want]


def copy_table(
    source: sqlite3.Connection, target: sqlite3.Connection, table: str, columns: list[str]
) -> tuple[int, int]:
    names = ", ".join(f"[{c}]" for c in columns)
    insert = f"INSERT OR IGNORE INTO [{table}] ({names}) VALUES ({', '.join('?' for _ in columns)})"
    copied = lost = 0
    for row in readable_rows(source, table, names):
        if row is None:
            lost += 1
            continue
        try:
            target.execute(insert, row)
            copied += 1
        except sqlite3.Error:
            lost += 1
    return copied, lost


def readable_rows(source: sqlite3.Connection, table: str, names: str) -> Iterator[tuple[Any, ...] | None]:
    """Rows by rowid, one query each, so a damaged page loses only its own rows; None for each lost one."""
    try:
        top = source.execute(f"SELECT max(rowid) FROM [{table}]").fetchone()[0] or 0
    except sqlite3.DatabaseError:
        top = SCAN_LIMIT if table == "attempts" else 100_000
    misses_in_a_row = 0
    for rowid in range(1, int(top) + 1):
        try:
            row = source.execute(f"SELECT {names} FROM [{table}] WHERE rowid = ?", [rowid]).fetchone()
        except sqlite3.DatabaseError:
            yield None
            continue
        if row is None:
            misses_in_a_row += 1
            if top >= SCAN_LIMIT and misses_in_a_row > 10_000:
                return  # max(rowid) was unreadable: stop after a long run of empty ids
            continue
        misses_in_a_row = 0
        yield tuple(row)


def swap_in(db_path: Path, fresh_path: Path, damaged_copy: Path) -> None:
    """The damaged file (and its WAL) step aside under a telling name; the rebuilt one takes its place."""
    for suffix in ("-wal", "-shm"):
        side = Path(f"{db_path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{damaged_copy}{suffix}"))
    os.replace(db_path, damaged_copy)
    os.replace(fresh_path, db_path)
