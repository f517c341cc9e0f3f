"""A full or read-only disk while saving: one clear line, nothing half-written, and a retry that works.

The store keeps nothing half-done (each save is one transaction), so the caller's
in-memory answer is all a retry needs; these tests prove the store side of that.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from gitops_tutor.progress import ProgressStore, StoreError
from tests.faults.conftest import GUARD_SECONDS, REPO, integrity
from tests.progress.helpers import question, result

BIG_ANSWER = "a long answer about reconciliation " * 600  # ~20 KB: needs pages the full file does not have
NO_LIMIT = 2**30


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ProgressStore]:
    opened = ProgressStore.open(tmp_path / "progress.db", fuzz=False)
    for n in range(3):
        opened.record_attempt(question("q1"), f"answer {n}", result("q1", 60), mode="practice")
    yield opened
    opened.close()


def fill_the_disk(store: ProgressStore) -> None:
    """SQLite's own size cap: the next write that needs a new page fails as SQLITE_FULL, like ENOSPC."""
    pages = store.db.conn.execute("PRAGMA page_count").fetchone()[0]
    store.db.conn.execute(f"PRAGMA max_page_count = {pages}")


def free_space(store: ProgressStore) -> None:
    store.db.conn.execute(f"PRAGMA max_page_count = {NO_LIMIT}")


def snapshot(store: ProgressStore) -> tuple[object, ...]:
    card = store.card_state("q1")
    return store.attempt_count(), card.reviews if card else None, store.value("SELECT sum(attempts) FROM study_days")


def test_a_full_disk_is_one_line_nothing_half_saved_and_the_retry_works(store: ProgressStore) -> None:
    before = snapshot(store)
    fill_the_disk(store)
    with pytest.raises(StoreError) as error:
        store.record_attempt(question("q1"), BIG_ANSWER, result("q1", 90), mode="practice")
    message = str(error.value)
    assert "disk is full" in message and str(store.path) in message and "\n" not in message
    assert snapshot(store) == before
    free_space(store)
    attempt_id = store.record_attempt(question("q1"), BIG_ANSWER, result("q1", 90), mode="practice")
    assert attempt_id > 0 and store.attempts()[-1].answer == BIG_ANSWER
    assert snapshot(store) == (4, 4, 4)
    assert integrity(store.path) == [("ok",)]


def test_other_writes_on_a_full_disk_are_refused_cleanly_too(store: ProgressStore) -> None:
    fill_the_disk(store)
    with pytest.raises(StoreError, match="disk is full"):
        store.set_setting("notes", "x" * 50_000)
    with pytest.raises(StoreError, match="disk is full"), store.batch():
        for n in range(50):
            store.record_attempt(question(f"b{n}"), BIG_ANSWER, result(f"b{n}", 90), mode="practice")
    assert store.attempt_count() == 3 and store.get_setting("notes") is None
    free_space(store)
    store.set_setting("notes", "x" * 50_000)
    assert store.get_setting("notes") == "x" * 50_000


def test_a_database_that_became_read_only_is_one_line_and_the_retry_works(store: ProgressStore) -> None:
    """``query_only`` makes SQLite answer exactly as for a read-only file, even for root."""
    before = snapshot(store)
    store.db.conn.execute("PRAGMA query_only = ON")
    with pytest.raises(StoreError) as error:
        store.record_attempt(question("q1"), "kept in memory", result("q1", 90), mode="practice")
    message = str(error.value)
    assert "cannot write" in message and "writable" in message and "\n" not in message
    assert snapshot(store) == before
    store.db.conn.execute("PRAGMA query_only = OFF")
    store.record_attempt(question("q1"), "kept in memory", result("q1", 90), mode="practice")
    assert store.attempts()[-1].answer == "kept in memory"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores permission bits")
def test_a_read_only_database_file_for_real(tmp_path: Path) -> None:
    db = tmp_path / "progress.db"
    with ProgressStore.open(db) as store:
        store.record_attempt(question("q1"), "x", result("q1", 60), mode="practice")
    db.chmod(0o444)
    try:
        with pytest.raises(StoreError) as error, ProgressStore.open(db) as store:
            store.record_attempt(question("q1"), "y", result("q1", 60), mode="practice")
        assert str(db) in str(error.value) and "\n" not in str(error.value)
    finally:
        db.chmod(0o644)
    with ProgressStore.open(db) as store:
        assert [a.answer for a in store.attempts()] == ["x"]


def run_size_limited_writer(db: Path) -> dict[str, list[str]]:
    """The child hits RLIMIT_FSIZE (EFBIG, what a full quota gives) and reports what it saw."""
    outcome = subprocess.run(
        [sys.executable, "-m", "tests.faults.fsize_writer", str(db)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=GUARD_SECONDS,
    )
    assert outcome.returncode == 0 and "Traceback" not in outcome.stderr, outcome.stderr
    lines: dict[str, list[str]] = {}
    for line in outcome.stdout.splitlines():
        key, _, value = line.partition(" ")
        lines.setdefault(key, []).append(value)
    return lines


def test_a_file_size_limit_refuses_cleanly_keeps_everything_and_the_retry_works(tmp_path: Path) -> None:
    db = tmp_path / "progress.db"
    seen = run_size_limited_writer(db)
    [message] = seen["refused"]
    assert str(db) in message and "\\n" not in message
    [retried] = seen["retried"]
    assert integrity(db) == [("ok",)]
    with sqlite3.connect(db) as conn:
        ids = {row[0] for row in conn.execute("SELECT id FROM attempts")}
    conn.close()
    assert {int(i) for i in seen["committed"]} | {int(retried)} == ids


def test_a_file_size_limit_is_not_called_damage(tmp_path: Path) -> None:
    [message] = run_size_limited_writer(tmp_path / "progress.db")["refused"]
    assert "damaged" not in message and "move it aside" not in message
