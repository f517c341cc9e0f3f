"""The disk, the truth (issue 16, F7 and F11): a full or failing disk is never called damage; damaged
pages are found on open and can be salvaged; dated copies are kept every 30 minutes of use, pruned.
"""

from __future__ import annotations

import os
import random
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from gitops_tutor.cli.main import cli
from gitops_tutor.progress import ProgressStore, StoreError, opening
from tests.progress.helpers import FakeClock, question, result


def fill(db_path: Path, clock: FakeClock, count: int) -> None:
    with ProgressStore.open(db_path, clock=clock, fuzz=False) as store, store.batch():
        for n in range(count):
            qid = f"q{n % 50}"
            store.record_attempt(question(qid), "x" * 300, result(qid, n % 100), mode="practice")


def periodic_copies(db_path: Path) -> list[str]:
    return sorted(p.name for p in (db_path.parent / "backups").glob("*-periodic.db"))


def test_a_copy_every_30_minutes_of_use_and_only_a_few_kept(db_path: Path, clock: FakeClock) -> None:
    fill(db_path, clock, 3)
    ProgressStore.open(db_path, clock=clock).close()
    assert len(periodic_copies(db_path)) == 1
    clock.advance(minutes=10)
    ProgressStore.open(db_path, clock=clock).close()
    assert len(periodic_copies(db_path)) == 1
    for _ in range(10):
        clock.advance(minutes=31)
        ProgressStore.open(db_path, clock=clock).close()
    assert len(periodic_copies(db_path)) == opening.KEEP_BACKUPS
    with ProgressStore.open(db_path, clock=clock) as store:
        store.backup("before-import")
    assert len(periodic_copies(db_path)) == opening.KEEP_BACKUPS  # an import's copy does not push them out


def test_a_full_or_failing_disk_on_open_is_not_called_damage(
    db_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(db_path, clock, 3)

    def failing_disk(conn: sqlite3.Connection, path: Path) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(opening, "read_schema_state", failing_disk)
    with pytest.raises(StoreError) as refused:
        ProgressStore.open(db_path, clock=clock)
    assert "disk" in str(refused.value) and "damaged" not in str(refused.value)


def test_a_pipe_in_place_of_the_database_is_named_as_such(tmp_path: Path, clock: FakeClock) -> None:
    fifo = tmp_path / "progress.db"
    os.mkfifo(fifo)
    with pytest.raises(StoreError, match="not a regular file"):
        ProgressStore.open(fifo, clock=clock)


def damage_data_pages(db_path: Path) -> None:
    """Garbage over two pages in the middle of the file that hold attempt rows (the report's F11 case).

    The pages are found by their content (each attempt's answer is 300 x's), not by offset: 8 KB at
    the file's midpoint sometimes landed on index or free pages, so every attempt stayed readable and
    the test failed on CI. The garbage is the same on every run: random bytes from os.urandom
    sometimes left a page readable enough to pass."""
    with sqlite3.connect(db_path) as conn:
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    data = db_path.read_bytes()
    attempt_pages = [
        number
        for number in range(len(data) // page_size)
        if b"x" * 300 in data[number * page_size : (number + 1) * page_size]
    ]
    assert len(attempt_pages) > 100, "the filled database should spread attempts over many pages"
    middle = len(attempt_pages) // 2
    garbage = random.Random(20261130).randbytes(page_size * 2)
    with db_path.open("r+b") as handle:
        for n, page in enumerate(attempt_pages[middle : middle + 2]):
            handle.seek(page * page_size)
            handle.write(garbage[n * page_size : (n + 1) * page_size])


def test_damaged_pages_are_found_on_open_and_recover_salvages_the_rest(db_path: Path, clock: FakeClock) -> None:
    fill(db_path, clock, 3000)
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage_data_pages(db_path)
    with pytest.raises(StoreError, match="recover"):
        ProgressStore.open(db_path, clock=clock)
    env = {"GITOPS_TUTOR_DB": str(db_path)}
    outcome = CliRunner().invoke(cli, ["recover", "--yes"], env=env, catch_exceptions=False)
    assert outcome.exit_code == 0, outcome.output
    assert "Recovered" in outcome.output and "damaged file is kept" in outcome.output
    assert list(db_path.parent.glob("progress.db.damaged-*"))
    with ProgressStore.open(db_path, clock=clock) as store:
        kept = store.attempt_count()
        assert 2000 < kept < 3000, kept
        assert store.card_state("q1") is not None
        assert store.rows("SELECT sum(attempts) AS n FROM study_days")[0]["n"] == kept


def test_a_large_database_is_checked_once_a_day_a_small_one_on_every_open(
    db_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(db_path, clock, 3)
    checks: list[Path] = []
    real_check = opening.check_integrity
    monkeypatch.setattr(opening, "check_integrity", lambda path: (checks.append(path), real_check(path)))
    ProgressStore.open(db_path, clock=clock).close()
    ProgressStore.open(db_path, clock=clock).close()
    assert len(checks) == 2  # small: every open
    monkeypatch.setattr(opening, "ALWAYS_CHECK_BYTES", 0)  # as if it were a 100,000-attempt file
    ProgressStore.open(db_path, clock=clock).close()
    assert len(checks) == 3  # never checked as a large file: checked, and the time recorded
    clock.advance(hours=1)
    ProgressStore.open(db_path, clock=clock).close()
    assert len(checks) == 3  # checked an hour ago
    clock.advance(hours=24)
    ProgressStore.open(db_path, clock=clock).close()
    assert len(checks) == 4
    with ProgressStore.open(db_path, clock=clock) as store:
        assert store.rows("SELECT key FROM settings WHERE key = '_integrity_checked_at'")
        from gitops_tutor.progress.transfer import export_data

        assert not any(key.startswith("_") for key in export_data(store)["settings"])
