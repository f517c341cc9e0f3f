"""Databases a learner cannot use as they are: from a newer app, damaged, or missing a table.

The store's own tests cover refusal through the API; these cover what the commands
print (one line on stderr, exit 1) and that the file is left exactly as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from gitops_tutor.progress import ProgressStore, StoreError
from gitops_tutor.progress.migrations import schema_version
from tests.faults.conftest import assert_one_clean_line, digest, run_cli
from tests.progress.helpers import question, result

PAGE = 4096


def history(db: Path, attempts: int = 40) -> None:
    """A real store file with some answers, checkpointed so the main file holds everything."""
    with ProgressStore.open(db) as store, store.batch():
        for n in range(attempts):
            store.record_attempt(
                question(f"q{n % 9}"), "an answer " * 30, result(f"q{n % 9}", n % 101), mode="practice"
            )


def newer(db: Path) -> None:
    history(db)
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {schema_version() + 1}")
    conn.close()


def damaged(db: Path) -> None:
    """Every page after the schema page overwritten: whatever a command reads, it meets the damage."""
    history(db, 300)
    size = db.stat().st_size
    with db.open("r+b") as handle:
        handle.seek(PAGE)
        handle.write(b"\xa5" * (size - PAGE))


def without(table: str) -> Callable[[Path], None]:
    def make(db: Path) -> None:
        history(db)
        with sqlite3.connect(db) as conn:
            conn.execute(f"DROP TABLE [{table}]")
        conn.close()

    return make


BROKEN = {
    "newer": (newer, "newer version"),
    "damaged": (damaged, "damaged"),
    "no-settings-table": (without("settings"), "settings"),
}


@pytest.mark.parametrize("command", [["stats"], ["stats", "--json"], ["export"], ["export", "--format", "md"]])
@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_command_on_an_unusable_database_says_one_line_and_changes_nothing(
    tmp_path: Path, kind: str, command: list[str]
) -> None:
    db = tmp_path / "progress.db"
    make, words = BROKEN[kind]
    make(db)
    before = digest(db)
    outcome = run_cli(db, *command)
    assert outcome.returncode == 1, outcome.stdout[-500:]
    assert outcome.stdout == ""
    assert_one_clean_line(outcome.stderr)
    assert str(db) in outcome.stderr and words in outcome.stderr
    assert digest(db) == before
    assert not (tmp_path / "backups").exists()


@pytest.mark.parametrize("table", ["attempts", "cards", "study_days", "interviews", "interview_answers"])
def test_a_database_missing_a_table_is_refused_on_open(tmp_path: Path, table: str) -> None:
    db = tmp_path / "progress.db"
    without(table)(db)
    before = digest(db)
    with pytest.raises(StoreError, match=table) as error:
        ProgressStore.open(db).close()
    assert "\n" not in str(error.value)
    assert digest(db) == before
