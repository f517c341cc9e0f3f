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
    assert "1 unsubmitted draft into" in outcome.output and "answer_drafts" not in outcome.output
    assert "Every row could be read" in outcome.output and "The damaged file" not in outcome.output
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


def test_two_windows_on_one_question_keep_both_texts_and_a_submit_drops_only_its_own(
    store: ProgressStore, clock: FakeClock
) -> None:
    """QA 2026-12-01: with one draft per question, the second window overwrote the first, and the
    first window's submit deleted the second window's text."""
    store.save_draft("q1", "window one's answer", window="w1")
    clock.advance(seconds=1)
    store.save_draft("q1", "window two's answer", window="w2")
    newest = store.draft_for("q1")
    assert newest is not None and newest.answer == "window two's answer"
    store.record_attempt(question("q1"), "window one's answer", result("q1", 90), mode="practice")
    remaining = store.draft_for("q1")
    assert remaining is not None and remaining.window == "w2" and remaining.answer == "window two's answer"


def test_taking_over_a_draft_retires_it_unless_its_window_wrote_since(store: ProgressStore, clock: FakeClock) -> None:
    store.save_draft("q1", "left by a crashed window", window="w0")
    taken = store.draft_for("q1")
    assert taken is not None
    clock.advance(seconds=1)
    store.save_draft("q1", "left by a crashed window, carried on", window="w1", retire=taken.version)
    assert [row["window"] for row in store.rows("SELECT window FROM answer_drafts")] == ["w1"]

    store.save_draft("q2", "a live window's text", window="w0")
    read = store.draft_for("q2")
    assert read is not None
    clock.advance(seconds=1)
    store.save_draft("q2", "a live window's text, typed on", window="w0")  # it wrote after we read it
    store.save_draft("q2", "our copy", window="w1", retire=read.version)
    kept = {row["window"]: row["answer"] for row in store.rows("SELECT * FROM answer_drafts WHERE question_id = 'q2'")}
    assert kept == {"w0": "a live window's text, typed on", "w1": "our copy"}


def test_discarding_drops_this_windows_draft_and_the_one_it_took_over(store: ProgressStore) -> None:
    store.save_draft("q1", "old", window="w0")
    taken = store.draft_for("q1")
    assert taken is not None
    store.save_draft("q1", "other live window", window="w2")
    store.discard_draft("q1", window="w1", retire=taken.version)
    assert [row["window"] for row in store.rows("SELECT window FROM answer_drafts")] == ["w2"]


def test_export_says_drafts_stay_behind(db_path: Path, clock: FakeClock, tmp_path: Path) -> None:
    with ProgressStore.open(db_path, clock=clock) as store:
        store.save_draft("q1", "one", window="w1")
        store.save_draft("q2", "two", window="w1")
        store.record_attempt(question("q3"), "done", result("q3", 90), mode="practice")
    env = {"GITOPS_TUTOR_DB": str(db_path)}
    outcome = CliRunner().invoke(cli, ["export", "--out", str(tmp_path / "x.json")], env=env, catch_exceptions=False)
    assert outcome.exit_code == 0
    assert "Exported 1 attempt to" in outcome.stderr
    assert "2 unsubmitted drafts not exported" in outcome.stderr
