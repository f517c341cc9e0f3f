"""past_interviews(): the finished interviews the Stats screen lists, in one query, oldest first."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from gitops_tutor.interview import past_interviews
from gitops_tutor.interview.config import InterviewConfig
from gitops_tutor.interview.service import InterviewService
from gitops_tutor.progress import ProgressStore
from tests.interview.conftest import FakeClock

QUICK = InterviewConfig(minutes=10, questions=2, seed=3, preset="quick")


def finish_one(service: InterviewService, clock: FakeClock, config: InterviewConfig, answer: str) -> int:
    session = service.start(config)
    for _ in range(len(session.items)):
        session.set_answer(answer)
        session.submit()
    report = service.complete(session)
    clock.advance(3600)
    return report.score


def test_finished_interviews_come_oldest_first_with_preset_score_and_band(
    service: InterviewService, store: ProgressStore, clock: FakeClock
) -> None:
    first = finish_one(service, clock, QUICK, "no idea")
    second = finish_one(service, clock, replace(QUICK, preset="custom", seed=4), "It reconciles desired and live.")
    running = service.start(QUICK)  # never finished: not listed
    discarded = service.start(QUICK)
    service.discard(discarded.id)

    past = past_interviews(store)

    assert [p.preset for p in past] == ["quick", "custom"]
    assert [p.score for p in past] == [first, second]
    assert past[0].started_at < past[1].started_at
    assert all(p.band in ("ready", "almost", "not yet") for p in past)
    assert all(p.questions >= 2 for p in past)
    assert running.id not in {p.id for p in past}


def test_limit_keeps_the_most_recent_still_oldest_first(
    service: InterviewService, store: ProgressStore, clock: FakeClock
) -> None:
    for seed in (1, 2, 3):
        finish_one(service, clock, replace(QUICK, seed=seed), "x")
    everything = past_interviews(store)
    assert past_interviews(store, limit=2) == everything[1:]


def test_it_runs_one_query_however_many_interviews(
    service: InterviewService, store: ProgressStore, clock: FakeClock
) -> None:
    for seed in (1, 2, 3, 4):
        finish_one(service, clock, replace(QUICK, seed=seed), "x")
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        past_interviews(store)
    finally:
        store.db.conn.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1


def test_a_damaged_row_is_skipped_not_raised(service: InterviewService, store: ProgressStore, clock: FakeClock) -> None:
    finish_one(service, clock, QUICK, "x")
    conn: sqlite3.Connection = store.db.conn
    conn.execute(
        "INSERT INTO interviews (id, created_at, updated_at, status, config_json, score, band) "
        "VALUES ('bad', 'not a date', 'x', 'finished', '[]', 50, 'almost')"
    )
    conn.commit()
    assert [p.id for p in past_interviews(store)] != [] and "bad" not in {p.id for p in past_interviews(store)}
