"""What happens when things go wrong: newer, damaged, foreign or unwritable files, crashes, two writers."""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from gitops_tutor.progress import ProgressStore, StoreError, opening
from gitops_tutor.progress.migrations import migrations, schema_version
from gitops_tutor.progress.scheduling import new_card
from tests.progress.helpers import FakeClock, curriculum, question, result

REPO = Path(__file__).resolve().parents[2]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_store_with_one_attempt(db_path: Path, clock: FakeClock) -> None:
    with ProgressStore.open(db_path, clock=clock) as store:
        store.record_attempt(question("q1"), "x", result("q1", 80), rating="good", mode="practice")


def test_migrating_from_the_first_schema_keeps_data_and_makes_a_backup(db_path: Path, clock: FakeClock) -> None:
    db_path.parent.mkdir(parents=True)
    first = Database(db_path)
    migrations.apply(first, stop_before="m002_indexes")
    first.execute("PRAGMA user_version = 1")
    first.execute(
        "INSERT INTO attempts (uid, question_id, content_hash, answer, score, verdict, rating, mode, started_at, "
        "ended_at, day) VALUES ('u1', 'q1', 'h', 'x', 70, 'partial', 'hard', 'practice', "
        "'2026-03-01T09:00:00.000000+00:00', '2026-03-01T09:00:10.000000+00:00', '2026-03-01')"
    )
    first.execute(
        "INSERT INTO cards (question_id, card_json, due, state, reviews, lapses, passes, last_score, recent_scores, "
        "content_hash, first_seen, last_attempt_at) VALUES ('q1', ?, '2026-03-01T09:10:10.000000+00:00', 1, 2, 0, "
        "0, 60, '[40, 60]', 'h', '2026-03-01T09:00:10.000000+00:00', '2026-03-01T09:00:10.000000+00:00')",
        [new_card("q1", clock.now).card.to_json()],
    )
    first.conn.commit()
    first.close()
    with ProgressStore.open(db_path, clock=clock) as store:
        assert store.schema_version == schema_version()
        assert [a.uid for a in store.attempts()] == ["u1"]
        assert "attempts_by_day" in {index.name for index in store.db["attempts"].indexes}
        stats = store.stats(curriculum([question("q1")]))
        assert stats.activity == {"2026-03-01": 1} and stats.totals.average_score == 70
        assert stats.lessons[0].recent_score == 50
        store.record_attempt(question("q1"), "y", result("q1", 100), rating="good", mode="practice")
        card = store.card_state("q1")
        assert card is not None and card.reviews == 3
    [backup] = list((db_path.parent / "backups").glob("*.db"))
    assert "before-m002_indexes" in backup.name
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT uid FROM attempts").fetchall() == [("u1",)]
        assert "attempts_by_day" not in {row[1] for row in copy.execute("PRAGMA index_list(attempts)")}


def test_opening_an_up_to_date_database_makes_no_migration_backup(db_path: Path, clock: FakeClock) -> None:
    make_store_with_one_attempt(db_path, clock)
    ProgressStore.open(db_path, clock=clock).close()
    names = [p.name for p in (db_path.parent / "backups").glob("*.db")]
    assert names and all(name.endswith("-periodic.db") for name in names)


@pytest.mark.parametrize("how", ["unknown migration", "user_version"])
def test_a_database_from_a_newer_app_is_refused_and_untouched(db_path: Path, clock: FakeClock, how: str) -> None:
    make_store_with_one_attempt(db_path, clock)
    with sqlite3.connect(db_path) as conn:
        if how == "unknown migration":
            conn.execute(
                "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                "VALUES ('gitops_tutor', 'm999_from_the_future', '2030-01-01')"
            )
        conn.execute(f"PRAGMA user_version = {schema_version() + (how == 'user_version')}")
    conn.close()
    before = digest(db_path)
    with pytest.raises(StoreError, match="newer version") as error:
        ProgressStore.open(db_path, clock=clock)
    assert str(db_path) in str(error.value) and "not changed" in str(error.value)
    assert digest(db_path) == before
    assert not (db_path.parent / "backups").exists()


def test_a_file_that_is_not_sqlite_is_refused_untouched(db_path: Path, clock: FakeClock) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"this is my shopping list\n" * 100)
    with pytest.raises(StoreError) as error:
        ProgressStore.open(db_path, clock=clock)
    message = str(error.value)
    assert str(db_path) in message and "move it aside" in message and "backups" in message
    assert "\n" not in message
    assert db_path.read_bytes() == b"this is my shopping list\n" * 100


def test_a_damaged_database_is_refused_untouched(db_path: Path, clock: FakeClock) -> None:
    with ProgressStore.open(db_path, clock=clock) as store, store.batch():
        for n in range(300):
            store.record_attempt(question(f"q{n}"), "x" * 200, result(f"q{n}", 80), rating="good", mode="practice")
    page_size = 4096
    with db_path.open("r+b") as handle:
        handle.seek(page_size * 3)
        handle.write(b"\xff" * page_size * 4)
    before = digest(db_path)
    with pytest.raises(StoreError, match="damaged") as error, ProgressStore.open(db_path, clock=clock) as store:
        store.attempts()  # day to day, damage shows on the first read that touches it
    assert "move it aside" in str(error.value)
    assert digest(db_path) == before


def test_damage_is_checked_before_migrating(db_path: Path, clock: FakeClock) -> None:
    db_path.parent.mkdir(parents=True)
    first = Database(db_path)
    migrations.apply(first, stop_before="m002_indexes")
    with first.atomic():
        for n in range(300):
            first.execute(
                "INSERT INTO attempts (uid, question_id, content_hash, answer, score, verdict, rating, mode, "
                "started_at, ended_at, day) VALUES (?, 'q', 'h', ?, 1, 'fail', 'again', 'practice', 't', 't', 'd')",
                [f"u{n}", "x" * 200],
            )
    first.conn.commit()
    first.close()
    with db_path.open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xff" * 4096 * 4)
    before = digest(db_path)
    with pytest.raises(StoreError, match="damaged"):
        ProgressStore.open(db_path, clock=clock)
    assert digest(db_path) == before
    assert not (db_path.parent / "backups").exists()


def test_a_foreign_sqlite_database_is_refused_untouched(db_path: Path, clock: FakeClock) -> None:
    db_path.parent.mkdir(parents=True)
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()
    before = digest(db_path)
    with pytest.raises(StoreError, match="not a gitops-tutor database"):
        ProgressStore.open(db_path, clock=clock)
    assert digest(db_path) == before


def test_a_missing_folder_is_created(tmp_path: Path, clock: FakeClock) -> None:
    ProgressStore.open(tmp_path / "a" / "b" / "progress.db", clock=clock).close()
    assert (tmp_path / "a" / "b" / "progress.db").is_file()


def test_a_folder_that_is_a_file_is_a_clear_error(tmp_path: Path, clock: FakeClock) -> None:
    (tmp_path / "notes").write_text("x")
    with pytest.raises(StoreError, match="not a folder"):
        ProgressStore.open(tmp_path / "notes" / "progress.db", clock=clock)
    with pytest.raises(StoreError, match="cannot create the folder"):
        ProgressStore.open(tmp_path / "notes" / "sub" / "progress.db", clock=clock)


def test_a_folder_in_place_of_the_file_is_a_clear_error(tmp_path: Path, clock: FakeClock) -> None:
    (tmp_path / "progress.db").mkdir()
    with pytest.raises(StoreError, match="is a folder, not a database file"):
        ProgressStore.open(tmp_path / "progress.db", clock=clock)


def test_a_read_only_folder_is_a_clear_error(tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root ignores permission bits, so the permission check itself is made to answer "no"."""
    monkeypatch.setattr(opening.os, "access", lambda *_args: False)
    with pytest.raises(StoreError, match="read-only") as error:
        ProgressStore.open(tmp_path / "progress.db", clock=clock)
    assert str(tmp_path) in str(error.value)
    assert not (tmp_path / "progress.db").exists()


def test_a_read_only_mount_is_a_clear_error_even_for_root(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(opening.tempfile, "TemporaryFile", refuse)
    with pytest.raises(StoreError, match=r"is read-only \(Read-only file system\)"):
        ProgressStore.open(tmp_path / "progress.db", clock=clock)
    assert not (tmp_path / "progress.db").exists()


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores permission bits")
def test_a_read_only_folder_for_real(tmp_path: Path, clock: FakeClock) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(StoreError, match="read-only"):
            ProgressStore.open(folder / "progress.db", clock=clock)
    finally:
        folder.chmod(0o755)


def run_writer(db: Path, prefix: str, total: int, go_file: Path | None = None) -> subprocess.Popen[str]:
    args = [sys.executable, "-m", "tests.progress.writer", str(db), prefix, str(total)]
    if go_file is not None:
        args.append(str(go_file))
    return subprocess.Popen(args, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_processes_writing_at_once_lose_nothing(db_path: Path, tmp_path: Path) -> None:
    """Both start on a fresh file at the same moment, so they also race to create and migrate it."""
    go = tmp_path / "go"
    writers = [run_writer(db_path, name, 150, go) for name in ("left", "right")]
    go.touch()
    outputs = [w.communicate(timeout=120) for w in writers]
    for writer, (_out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
    ids = [int(line) for out, _err in outputs for line in out.split()]
    assert len(ids) == len(set(ids)) == 300
    with ProgressStore.open(db_path) as store:
        attempts = store.attempts()
        assert sorted(a.id for a in attempts) == sorted(ids)
        assert sum(card.reviews for card in map(store.card_state, store.seen_question_ids()) if card) == 300


class LockedAtFirst:
    """Answers the WAL switch with "database is locked" a few times, as SQLite does to the loser of a race
    to convert a fresh file (it returns at once there, without calling the busy handler)."""

    def __init__(self, refusals: int) -> None:
        self.refusals = refusals
        self.calls = 0

    def execute(self, sql: str) -> sqlite3.Cursor:
        self.calls += 1
        if self.calls <= self.refusals:
            raise sqlite3.OperationalError("database is locked")
        return sqlite3.connect(":memory:").execute("SELECT 'wal'")


def test_the_wal_switch_waits_out_a_racing_opener() -> None:
    conn = LockedAtFirst(refusals=3)
    assert opening.switch_to_wal(conn) == "wal"  # type: ignore[arg-type]
    assert conn.calls == 4


def test_the_wal_switch_gives_up_at_the_busy_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(opening, "BUSY_TIMEOUT_SECONDS", 0.05)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        opening.switch_to_wal(LockedAtFirst(refusals=10_000))  # type: ignore[arg-type]


def test_killing_a_writer_keeps_every_committed_attempt(db_path: Path) -> None:
    writer = run_writer(db_path, "crash", 0)
    assert writer.stdout is not None
    committed = []
    for line in writer.stdout:
        committed.append(int(line))
        if len(committed) >= 60:
            break
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    committed += [int(line) for line in writer.stdout.read().split()]
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    with ProgressStore.open(db_path) as store:
        present = {a.id for a in store.attempts()}
    assert set(committed) <= present


def test_a_database_locked_too_long_is_a_clear_error_and_nothing_is_half_written(
    db_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(opening, "BUSY_TIMEOUT_SECONDS", 0.2)
    store = ProgressStore.open(db_path, clock=clock)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError, match="locked by another program"):
            store.record_attempt(question("q1"), "x", result("q1", 80), rating="good", mode="practice")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    store.record_attempt(question("q1"), "x", result("q1", 80), rating="good", mode="practice")
    assert len(store.attempts()) == 1
    store.close()


def test_a_nonsense_new_per_day_setting_falls_back_to_the_default(store: ProgressStore) -> None:
    store.set_setting("new_per_day", "lots")
    assert store.new_per_day() == 15
    store.set_setting("new_per_day", 0)
    assert store.new_per_day() == 0
