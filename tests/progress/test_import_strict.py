"""Imports are as strict as the app's own writes, whole-file, and stream big files (issue 16, F9/F15).

Each case here was accepted before (or crashed with an internal error): a garbage interview state
that then crashed the app at every start, year 9999, version 0, naive or far-future times, a
score of 0 that passes, and deep or huge JSON. Each must refuse the whole file, name the row, and
leave the store as it was.
"""

from __future__ import annotations

import copy
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from gitops_tutor.progress import ProgressStore, StoreError
from gitops_tutor.progress.transfer import export_data, import_data, import_text
from tests.progress.helpers import FakeClock, question, result


@pytest.fixture
def exported(store: ProgressStore, clock: FakeClock) -> dict[str, Any]:
    for n, score in enumerate((90, 30)):
        store.record_attempt(question(f"q{n}"), f"answer {n}", result(f"q{n}", score), mode="practice")
        clock.advance(hours=1)
    return json.loads(json.dumps(export_data(store)))


@pytest.fixture
def other(tmp_path: Path, clock: FakeClock) -> ProgressStore:
    return ProgressStore.open(tmp_path / "other" / "progress.db", clock=clock, fuzz=False)


def interview_row(clock: FakeClock, state: Any) -> dict[str, Any]:
    when = clock().isoformat()
    return {"id": "iv-x", "created_at": when, "updated_at": when, "status": "running",
            "config_json": json.dumps({"minutes": 30, "questions": 2}), "state_json": json.dumps(state)}  # fmt: skip


def assert_refused(other: ProgressStore, data: dict[str, Any], message: str) -> None:
    with pytest.raises(StoreError, match=message):
        import_data(other, data, "x.json")
    assert other.attempts() == [] and other.rows("SELECT * FROM interviews") == []


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ({"items": "x"}, "'items' must be a non-empty list"),
        ({"items": [{"answer": "a"}]}, r"items\[0\]: missing 'question_id'"),
        ({"items": [{"question_id": "q0"}], "elapsed": "soon"}, "'elapsed' must be seconds"),
        ({"items": [{"question_id": "q0"}], "position": 5}, "'position' must be a position 0-0"),
    ],
)
def test_an_interview_the_app_could_not_resume_is_refused(
    other: ProgressStore, exported: dict[str, Any], clock: FakeClock, state: Any, message: str
) -> None:
    exported["interviews"] = [interview_row(clock, state)]
    assert_refused(other, exported, message)


def test_an_interview_state_that_is_not_json_is_refused(
    other: ProgressStore, exported: dict[str, Any], clock: FakeClock
) -> None:
    row = interview_row(clock, {})
    row["state_json"] = "{not json"
    exported["interviews"] = [row]
    assert_refused(other, exported, "'state_json' does not hold valid JSON")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("ended_at", "9999-12-31T23:59:59+14:00", "'ended_at' must be an ISO 8601 time"),
        ("ended_at", "0001-01-01T00:00:00+00:00", "'ended_at' must be an ISO 8601 time"),
        ("ended_at", "2099-01-01T00:00:00+00:00", "'ended_at' must be an ISO 8601 time"),
        ("started_at", "2026-01-01T10:00:00", "'started_at' must be an ISO 8601 time with its UTC offset"),
        ("score", 10**5000, "'score' must be an integer 0-100, got a number too long to show"),
    ],
    ids=["year-9999", "year-1", "year-2099", "naive", "5000-digits"],
)
def test_times_outside_2020_to_now_naive_times_and_huge_numbers_are_refused(
    other: ProgressStore, exported: dict[str, Any], field: str, value: Any, message: str
) -> None:
    exported["attempts"][1][field] = value
    assert_refused(other, exported, message)


def test_a_pass_with_score_zero_and_start_after_end_are_refused(other: ProgressStore, exported: dict[str, Any]) -> None:
    zero_pass = copy.deepcopy(exported)
    zero_pass["attempts"][0].update(score=0, verdict="pass")
    assert_refused(other, zero_pass, "a score of 0 cannot be a pass")
    backwards = copy.deepcopy(exported)
    backwards["attempts"][0]["started_at"] = "2026-02-02T00:00:00+00:00"
    backwards["attempts"][0]["ended_at"] = "2026-02-01T00:00:00+00:00"
    assert_refused(other, backwards, "'started_at' is after 'ended_at'")


@pytest.mark.parametrize("version", [0, -5, True, "1", 2])
def test_unknown_versions_are_refused(other: ProgressStore, exported: dict[str, Any], version: Any) -> None:
    exported["version"] = version
    assert_refused(other, exported, "export format version .* is not supported")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": "gitops-tutor-progress", "version": 1, "attempts": [' + "[" * 100_000, "nested too deeply"),
        ('{"format": "gitops-tutor-progress", "version": 1, "attempts": [' + "9" * 5000 + "]}", "not valid JSON"),
        ('{"format": "gitops-tutor-progress", "version": 1} trailing', "extra data"),
    ],
    ids=["100k-deep", "5000-digits", "trailing"],
)
def test_deep_or_huge_json_is_one_error_not_a_crash(other: ProgressStore, text: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        import_text(other, text, "x.json")
    assert other.attempts() == []


def test_the_streamed_text_import_matches_the_parsed_one(
    store: ProgressStore, other: ProgressStore, exported: dict[str, Any]
) -> None:
    summary = import_text(other, json.dumps(exported, indent=1), "x.json")
    assert summary.attempts_added == 2
    assert [a.uid for a in other.attempts()] == [a.uid for a in store.attempts()]


def test_a_large_import_is_read_item_by_item(other: ProgressStore, exported: dict[str, Any]) -> None:
    """20,000 attempts: peak Python memory stays a small multiple of the text, not of the parsed list."""
    template = exported["attempts"][0]
    exported["attempts"] = [{**template, "uid": f"u{n}", "answer": "x" * 200} for n in range(20_000)]
    text = json.dumps(exported)
    tracemalloc.start()
    try:
        summary = import_text(other, text, "big.json")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert summary.attempts_added == 20_000
    assert peak < 2 * len(text), (peak, len(text))
