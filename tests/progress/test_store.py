"""The store API: attempts, cards, queues, lessons and settings on a temporary database."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from gitops_tutor.progress import ProgressStore, QueueItem
from gitops_tutor.progress.migrations import schema_version
from tests.progress.helpers import FakeClock, curriculum, lesson, question, result


def test_open_creates_a_wal_database_at_the_current_schema(store: ProgressStore, db_path: Path) -> None:
    assert db_path.is_file()
    assert store.db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.schema_version == schema_version() == store.known_schema_version
    assert {"attempts", "cards", "lesson_progress", "settings", "interviews", "interview_answers"} <= set(
        store.db.table_names()
    )


def test_record_attempt_keeps_every_field(store: ProgressStore, clock: FakeClock) -> None:
    q = question("q1", content_hash="abc")
    started = clock.now
    ended = clock.advance(seconds=42)
    attempt_id = store.record_attempt(
        q, "Argo CD", result("q1", 90), rating="good", mode="practice", started_at=started, ended_at=ended
    )
    [attempt] = store.attempts()
    assert attempt.id == attempt_id
    assert (attempt.question_id, attempt.content_hash, attempt.answer) == ("q1", "abc", "Argo CD")
    assert (attempt.score, attempt.verdict, attempt.rating, attempt.mode) == (90, "pass", "good", "practice")
    assert (attempt.started_at, attempt.ended_at) == (started, ended)
    assert attempt.result["score"] == 90
    assert len(attempt.uid) == 32


def test_choice_answers_are_stored_as_json_indexes(store: ProgressStore) -> None:
    store.record_attempt(question("q1"), [2, 0], result("q1", 100), rating="good", mode="review")
    assert store.attempts("q1")[0].answer == "[2, 0]"


def test_the_learner_rating_overrides_the_grader(store: ProgressStore, clock: FakeClock) -> None:
    store.record_attempt(question("q1"), "x", result("q1", 95), rating="again", mode="practice")
    card = store.card_state("q1")
    assert card is not None
    assert card.lapses == 1
    assert store.attempts()[0].rating == "again"
    assert card.card.due == clock.now + timedelta(minutes=1)


def test_rating_defaults_to_the_grader_suggestion(store: ProgressStore) -> None:
    store.record_attempt(question("q1"), "x", result("q1", 20))
    assert store.attempts()[0].rating == "again"


@pytest.mark.parametrize(("kwargs", "message"), [({"mode": "exam"}, "mode"), ({"rating": "great"}, "rating")])
def test_bad_mode_or_rating_is_refused_and_nothing_saved(store: ProgressStore, kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        store.record_attempt(question("q1"), "x", result("q1", 50), **kwargs)
    assert store.attempts() == []


def test_good_answers_move_a_card_out_by_days(store: ProgressStore, clock: FakeClock) -> None:
    q = question("q1")
    store.record_attempt(q, "x", result("q1", 90), rating="good", mode="practice")
    first = store.card_state("q1")
    assert first is not None and first.card.due == clock.now + timedelta(minutes=10)
    clock.advance(minutes=10)
    store.record_attempt(q, "x", result("q1", 90), rating="good", mode="review")
    second = store.card_state("q1")
    assert second is not None
    assert second.card.due - clock.now >= timedelta(days=1)
    assert second.reviews == 2 and second.passes == 2


def test_queue_lists_new_questions_in_lesson_order_up_to_the_limit(store: ProgressStore) -> None:
    cur = curriculum(
        [question("b1", "later"), question("a1", "first"), question("a2", "first")],
        [lesson("later", 2), lesson("first", 1)],
    )
    queue = store.review_queue(cur, new_limit=2)
    assert queue == [QueueItem("a1", None, True), QueueItem("a2", None, True)]


def test_new_questions_per_day_setting_and_daily_allowance(store: ProgressStore, clock: FakeClock) -> None:
    cur = curriculum([question(f"q{i}") for i in range(5)])
    store.set_setting("new_per_day", 3)
    assert [item.question_id for item in store.review_queue(cur)] == ["q0", "q1", "q2"]
    store.record_attempt(cur.questions["q0"], "x", result("q0", 90), rating="easy", mode="practice")
    store.record_attempt(cur.questions["q1"], "x", result("q1", 90), rating="easy", mode="practice")
    assert [item.question_id for item in store.review_queue(cur) if item.is_new] == ["q2"]
    clock.advance(days=1)
    assert [item.question_id for item in store.review_queue(cur) if item.is_new] == ["q2", "q3", "q4"]


def test_default_new_limit_is_fifteen(store: ProgressStore) -> None:
    cur = curriculum([question(f"q{i:02}") for i in range(20)])
    assert len(store.review_queue(cur)) == 15


def test_due_questions_come_first_most_overdue_first(store: ProgressStore, clock: FakeClock) -> None:
    cur = curriculum([question("old"), question("recent"), question("fresh")])
    store.record_attempt(cur.questions["old"], "x", result("old", 10), rating="again", mode="practice")
    clock.advance(minutes=5)
    store.record_attempt(cur.questions["recent"], "x", result("recent", 10), rating="again", mode="practice")
    clock.advance(minutes=5)
    queue = store.review_queue(cur)
    assert [(i.question_id, i.is_new) for i in queue] == [("old", False), ("recent", False), ("fresh", True)]
    assert queue[0].due is not None and queue[1].due is not None and queue[0].due < queue[1].due
    assert store.due_count(cur) == 2
    assert store.due_count(cur, now=clock.now - timedelta(minutes=20)) == 0


def test_a_question_whose_content_changed_is_marked(store: ProgressStore, clock: FakeClock) -> None:
    store.record_attempt(question("q1", content_hash="v1"), "x", result("q1", 10), rating="again", mode="practice")
    clock.advance(hours=1)
    assert store.review_queue(curriculum([question("q1", content_hash="v1")]))[0].changed is False
    assert store.review_queue(curriculum([question("q1", content_hash="v2")]))[0].changed is True


def test_a_removed_question_keeps_its_history_but_leaves_the_queues(store: ProgressStore, clock: FakeClock) -> None:
    store.record_attempt(question("gone"), "x", result("gone", 10), rating="again", mode="practice")
    clock.advance(hours=1)
    cur = curriculum([question("kept")])
    assert [i.question_id for i in store.review_queue(cur)] == ["kept"]
    assert store.due_count(cur) == 0
    assert [a.question_id for a in store.attempts()] == ["gone"]
    assert store.stats(cur).totals.attempts == 1


def test_lesson_progress_completion_and_last_position(store: ProgressStore, clock: FakeClock) -> None:
    assert store.last_position() is None
    store.mark_section_read("l1", "One")
    clock.advance(minutes=3)
    store.mark_section_read("l2", "Intro")
    clock.advance(minutes=3)
    store.mark_section_read("l1", "Two")
    progress = store.lesson_progress("l1")
    assert progress.sections_read == frozenset({"One", "Two"})
    assert progress.completed is False
    assert progress.last_read_at == clock.now
    assert store.last_position() == ("l1", "Two")
    store.complete_lesson("l1")
    store.complete_lesson("l1")
    assert store.lesson_progress("l1").completed is True
    assert store.lesson_progress("nothing-read").sections_read == frozenset()


def test_settings_round_trip_with_their_types(store: ProgressStore) -> None:
    assert store.get_setting("theme", "dark") == "dark"
    store.set_setting("new_per_day", 7)
    store.set_setting("packs", ["a", "b"])
    store.set_setting("new_per_day", 8)
    assert store.get_setting("new_per_day") == 8
    assert store.get_setting("packs") == ["a", "b"]


def test_store_reopens_with_its_data(db_path: Path, clock: FakeClock) -> None:
    with ProgressStore.open(db_path, clock=clock) as first:
        first.record_attempt(question("q1"), "x", result("q1", 70), rating="good", mode="practice")
    with ProgressStore.open(db_path, clock=clock) as second:
        assert len(second.attempts()) == 1
        assert second.card_state("q1") is not None


def test_a_batch_is_one_transaction(store: ProgressStore) -> None:
    with pytest.raises(RuntimeError), store.batch():
        store.record_attempt(question("q1"), "x", result("q1", 70), rating="good", mode="practice")
        raise RuntimeError("interrupted")
    assert store.attempts() == []
    with store.batch():
        for i in range(3):
            store.record_attempt(question(f"q{i}"), "x", result(f"q{i}", 70), rating="good", mode="practice")
    assert len(store.attempts()) == 3


def test_reset_wipes_progress_keeps_settings_and_a_backup(store: ProgressStore) -> None:
    store.record_attempt(question("q1"), "x", result("q1", 70), rating="good", mode="practice")
    store.mark_section_read("l1", "One")
    store.set_setting("new_per_day", 4)
    backup = store.reset()
    assert store.attempts() == [] and store.last_position() is None and store.card_state("q1") is None
    assert store.get_setting("new_per_day") == 4
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT count(*) FROM attempts").fetchone()[0] == 1
    assert backup.parent.name == "backups"
