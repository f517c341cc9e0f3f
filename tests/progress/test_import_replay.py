"""An import's fast replay gives the cards a row-by-row history gives (issue 16, import at scale).

``transfer.replay_history`` skips the per-answer ``Review`` and ``CardState`` that
``scheduling.replay`` builds. Nothing stored may change because of that: the same cards (fsrs
state, due dates, summary counts) and the same daily totals as recording each answer in turn.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from gitops_tutor.progress import ProgressStore
from gitops_tutor.progress.scheduling import make_scheduler, replay, review_from_row
from gitops_tutor.progress.transfer import HISTORY_SQL, export_data, import_data, replay_history
from tests.progress.helpers import FakeClock, question, result

SCORES = (0, 10, 45, 50, 60, 85, 90, 100)
RATINGS = ("again", "hard", "good", "easy")


def record_history(store: ProgressStore, clock: FakeClock, attempts: int, questions: int, seed: int) -> None:
    """Attempts in time order over a few weeks: same-time pairs, quick retries, long gaps, all four ratings."""
    rng = random.Random(seed)
    with store.batch():
        for _ in range(attempts):
            clock.advance(minutes=rng.choice((0, 0, 1, 7, 60, 600, 1440, 4000)))
            qid = f"q{rng.randrange(questions)}"
            score = rng.choice(SCORES)
            store.record_attempt(
                question(qid, content_hash=f"h{rng.randrange(2)}"),
                f"answer {qid}",
                result(qid, score),
                rating=rng.choice(RATINGS),
            )


def table(store: ProgressStore, name: str, key: str) -> list[dict[str, Any]]:
    return store.rows(f"SELECT * FROM {name} ORDER BY {key}")


def test_an_import_stores_the_cards_and_days_of_a_row_by_row_history(tmp_path: Path, clock: FakeClock) -> None:
    original = ProgressStore.open(tmp_path / "a.db", clock=clock, fuzz=False)
    record_history(original, clock, attempts=3000, questions=60, seed=16)
    copy = ProgressStore.open(tmp_path / "b.db", clock=clock, fuzz=False)
    summary = import_data(copy, export_data(original), "history.json")
    assert summary.attempts_added == 3000 and summary.questions_rescheduled == 60
    assert table(copy, "cards", "question_id") == table(original, "cards", "question_id")
    assert table(copy, "study_days", "day") == table(original, "study_days", "day")


@pytest.mark.parametrize("seed", [1, 2])
def test_the_fast_replay_draws_the_same_fuzz_as_replay(
    tmp_path: Path, clock: FakeClock, store: ProgressStore, seed: int
) -> None:
    """With fuzzing on, both must ask fsrs the same things in the same order (the same random draws)."""
    record_history(store, clock, attempts=800, questions=8, seed=seed)
    scheduler = make_scheduler(fuzz=True)
    for qid in sorted(store.seen_question_ids()):
        rows = store.rows(HISTORY_SQL, [qid])
        random.seed(seed)
        expected = replay(scheduler, qid, [review_from_row(row) for row in rows])
        random.seed(seed)
        assert replay_history(scheduler, qid, [tuple(row.values()) for row in rows]) == expected


def test_replaying_no_history_gives_no_card() -> None:
    assert replay_history(make_scheduler(fuzz=False), "q1", []) is None
