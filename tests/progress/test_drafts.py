"""Unsubmitted study answers are kept (input is sacred): saved exactly, put back, dropped when answered."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from gitops_tutor.cli.main import cli
from gitops_tutor.progress import ProgressStore
from tests.progress.helpers import FakeClock, question, result

EXACT = "  Argo CD's\tselfHeal → reverts\r\nlive edits 🙂 \x1b[31m\n\n"  # odd whitespace, a tab, CRLF, emoji, ESC


def test_a_draft_is_kept_exactly_as_typed_and_the_newest_text_wins(store: ProgressStore, clock: FakeClock) -> None:
    store.save_draft("q1", "first words")
    clock.advance(minutes=1)
    store.save_draft("q1", EXACT)
    draft = store.draft_for("q1")
    assert draft is not None and draft.answer == EXACT and draft.saved_at == clock()
    assert store.draft_for("q2") is None


def test_a_blank_box_drops_the_draft_instead_of_keeping_whitespace(store: ProgressStore) -> None:
    store.save_draft("q1", "something")
    store.save_draft("q1", " \n\t ")
    assert store.draft_for("q1") is None


def test_recording_a_study_attempt_drops_its_draft_and_only_its_own(store: ProgressStore) -> None:
    store.save_draft("q1", "typed in practice")
    store.save_draft("q2", "another")
    store.record_attempt(question("q1"), "typed in practice", result("q1", 90), mode="review")
    assert store.draft_for("q1") is None
    assert store.draft_for("q2") is not None


def test_an_interview_attempt_leaves_a_study_draft_alone(store: ProgressStore) -> None:
    """The interview keeps its own answers; the draft typed in practice is still the learner's."""
    store.save_draft("q1", "typed in practice")
    store.record_attempt(question("q1"), "interview answer", result("q1", 90), mode="interview")
    assert store.draft_for("q1") is not None


def test_drafts_survive_reopening_the_file(db_path: Path, clock: FakeClock) -> None:
    with ProgressStore.open(db_path, clock=clock) as store:
        store.save_draft("q1", EXACT)
    with ProgressStore.open(db_path, clock=clock) as store:
        draft = store.draft_for("q1")
    assert draft is not None and draft.answer == EXACT


def test_reset_clears_drafts_and_recover_keeps_them(db_path: Path, clock: FakeClock) -> None:
    with ProgressStore.open(db_path, clock=clock) as store:
        store.save_draft("q1", "kept through a salvage")
    env = {"GITOPS_TUTOR_DB": str(db_path)}
    outcome = CliRunner().invoke(cli, ["recover", "--yes"], env=env, catch_exceptions=False)
    assert outcome.exit_code == 0, outcome.output
    with ProgressStore.open(db_path, clock=clock) as store:
        draft = store.draft_for("q1")
        assert draft is not None and draft.answer == "kept through a salvage"
        store.reset()
        assert store.draft_for("q1") is None


def test_the_table_exists_after_migrating_an_older_file(db_path: Path, clock: FakeClock) -> None:
    ProgressStore.open(db_path, clock=clock).close()
    with sqlite3.connect(db_path) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "answer_drafts" in tables
