"""Export and import: the JSON form round-trips, importing twice changes nothing, bad files change nothing."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from gitops_tutor.progress import ProgressStore, StoreError
from gitops_tutor.progress.transfer import export_data, export_markdown, import_data
from tests.progress.helpers import FakeClock, curriculum, question, result


def fill(store: ProgressStore, clock: FakeClock, prefix: str = "q") -> None:
    for n, score in enumerate((90, 30, 60, 10)):
        qid = f"{prefix}{n % 2}"
        store.record_attempt(question(qid), f"answer {n}", result(qid, score), mode="practice")
        clock.advance(hours=2)
    store.mark_section_read("l1", "One")
    store.complete_lesson("l1")
    store.set_setting("new_per_day", 9)
    when = clock().isoformat()
    store.db.conn.execute(
        "INSERT INTO interviews (id, created_at, updated_at, status) VALUES ('iv1', ?, ?, 'finished')", [when, when]
    )
    store.db.conn.execute(
        "INSERT INTO interview_answers (interview_id, position, question_id, answer) VALUES ('iv1', 0, 'q0', 'x')"
    )
    store.db.conn.commit()


def snapshot(store: ProgressStore) -> dict[str, Any]:
    data = export_data(store)
    data.pop("exported_at")
    data["cards"] = store.rows("SELECT question_id, due, reviews, lapses, passes, recent_scores FROM cards")
    return data


@pytest.fixture
def other(tmp_path: Path, clock: FakeClock) -> ProgressStore:
    return ProgressStore.open(tmp_path / "other" / "progress.db", clock=clock, fuzz=False)


def test_json_export_round_trips_into_an_empty_store(
    store: ProgressStore, other: ProgressStore, clock: FakeClock
) -> None:
    fill(store, clock)
    data = json.loads(json.dumps(export_data(store)))
    summary = import_data(other, data, "export.json")
    assert summary.attempts_added == 4 and summary.attempts_skipped == 0
    assert (summary.sections_added, summary.lessons_completed_added, summary.settings_added) == (1, 1, 1)
    assert (summary.interviews_added, summary.interview_answers_added) == (1, 1)
    assert snapshot(other) == snapshot(store)
    assert other.lesson_progress("l1").completed
    assert other.stats(curriculum([question("q0"), question("q1")])).leeches == ()


def test_importing_the_same_file_twice_changes_nothing(
    store: ProgressStore, other: ProgressStore, clock: FakeClock
) -> None:
    fill(store, clock)
    data = export_data(store)
    import_data(other, data, "export.json")
    before = snapshot(other)
    again = import_data(other, data, "export.json")
    assert not again.changed and again.attempts_skipped == 4 and again.questions_rescheduled == 0
    assert snapshot(other) == before


def test_importing_into_itself_changes_nothing(store: ProgressStore, clock: FakeClock) -> None:
    fill(store, clock)
    before = snapshot(store)
    assert not import_data(store, export_data(store), "self.json").changed
    assert snapshot(store) == before


def test_merging_two_histories_replays_the_combined_answers(
    store: ProgressStore, other: ProgressStore, clock: FakeClock
) -> None:
    store.record_attempt(question("q0"), "a", result("q0", 10), mode="practice")
    clock.advance(hours=1)
    other.record_attempt(question("q0"), "b", result("q0", 10), mode="practice")
    other.set_setting("new_per_day", 3)
    store.set_setting("new_per_day", 20)
    import_data(store, export_data(other), "laptop.json")
    card = store.card_state("q0")
    assert card is not None and card.reviews == 2 and card.lapses == 2
    assert store.get_setting("new_per_day") == 20
    assert [a.answer for a in store.attempts("q0")] == ["a", "b"]


BAD_FILES: list[tuple[Any, str]] = [
    ([], "not a gitops-tutor progress export"),
    ({"format": "something-else"}, "not a gitops-tutor progress export"),
    ({"format": "gitops-tutor-progress", "version": 99}, "version 99"),
    ({"format": "gitops-tutor-progress", "version": 1, "attempts": {}}, "'attempts' must be a list"),
]


@pytest.mark.parametrize(("data", "message"), BAD_FILES)
def test_a_file_that_is_not_an_export_is_refused(store: ProgressStore, data: Any, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        import_data(store, data, "bad.json")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("score", 140, "'score' must be an integer 0-100"),
        ("verdict", "great", "'verdict' must be one of"),
        ("ended_at", "yesterday", "'ended_at' must be an ISO 8601 time"),
        ("uid", None, "'uid' must be a non-empty id"),
    ],
)
def test_a_bad_attempt_is_named_and_nothing_is_imported(
    store: ProgressStore, other: ProgressStore, clock: FakeClock, field: str, value: Any, message: str
) -> None:
    fill(store, clock)
    data = copy.deepcopy(export_data(store))
    data["attempts"][2][field] = value
    with pytest.raises(StoreError, match=rf"bad.json: attempts\[2\]: {message}"):
        import_data(other, data, "bad.json")
    assert other.attempts() == []


def test_a_bad_row_late_in_the_file_rolls_back_everything(
    store: ProgressStore, other: ProgressStore, clock: FakeClock
) -> None:
    fill(store, clock)
    data = export_data(store)
    data["lesson_sections"].append({"lesson_id": "l9"})
    with pytest.raises(StoreError, match=r"lesson_sections\[1\]: missing 'section'"):
        import_data(other, data, "bad.json")
    assert other.attempts() == [] and other.card_state("q0") is None


def test_markdown_export_lists_lessons_and_every_attempt(store: ProgressStore, clock: FakeClock) -> None:
    fill(store, clock)
    text = export_markdown(store, curriculum([question("q0"), question("q1")]))
    assert text.startswith("# gitops-tutor progress")
    assert "- [x] Lesson l1: One" in text
    assert "### q0" in text and "> Prompt of q0?" in text
    assert text.count("| practice |") == 4
    assert "answer 3" in text


def test_markdown_export_of_an_empty_store(store: ProgressStore) -> None:
    text = export_markdown(store)
    assert "No lessons read yet." in text and "No attempts yet." in text
