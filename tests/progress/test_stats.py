"""Streaks, leeches, weak topics, mastery and trends, all on a hand-moved clock."""

from __future__ import annotations

import json
from datetime import date, timedelta

from gitops_tutor.progress import ProgressStore
from gitops_tutor.progress.stats import streak
from tests.progress.helpers import FakeClock, curriculum, question, result


def answer(store: ProgressStore, qid: str, score: int, rating: str | None = None, **q: str) -> None:
    store.record_attempt(question(qid, **q), "x", result(qid, score), rating=rating, mode="practice")


def test_streak_counts_consecutive_days_up_to_today() -> None:
    today = date(2026, 3, 10)
    days = {"2026-03-10", "2026-03-09", "2026-03-08", "2026-03-06"}
    assert streak(days, today) == 3


def test_streak_survives_until_today_ends_but_not_a_missed_day() -> None:
    days = {"2026-03-09", "2026-03-08"}
    assert streak(days, date(2026, 3, 10)) == 2
    assert streak(days, date(2026, 3, 11)) == 0
    assert streak(set(), date(2026, 3, 11)) == 0


def test_streak_from_recorded_attempts(store: ProgressStore, clock: FakeClock) -> None:
    cur = curriculum([question("q1")])
    for _ in range(3):
        answer(store, "q1", 80)
        clock.advance(days=1)
    assert store.stats(cur).streak == 3
    clock.advance(days=1)
    assert store.stats(cur).streak == 0


def test_a_question_failed_four_times_is_a_leech_and_a_weak_spot(store: ProgressStore, clock: FakeClock) -> None:
    cur = curriculum([question("hard"), question("easy")])
    for _ in range(3):
        answer(store, "hard", 10)
        answer(store, "easy", 95)
        clock.advance(hours=1)
    assert store.stats(cur).leeches == ()
    answer(store, "hard", 90, rating="again")
    stats = store.stats(cur)
    assert [(leech.question_id, leech.failures) for leech in stats.leeches] == [("hard", 4)]
    assert ("question", "hard") in {(spot.kind, spot.id) for spot in stats.weak_spots}
    leech_spot = next(spot for spot in stats.weak_spots if spot.kind == "question")
    assert leech_spot.title == "Prompt of hard?"  # P1: learners see the question, not its id


def test_weak_topics_are_the_lowest_recent_scores_per_lesson_and_domain(store: ProgressStore) -> None:
    qs = [
        question("a1", lesson="argo", domain="tools"),
        question("a2", lesson="argo", domain="tools"),
        question("p1", lesson="principles", domain="basics"),
        question("p2", lesson="principles", domain="basics"),
    ]
    cur = curriculum(qs)
    answer(store, "a1", 30)
    answer(store, "a2", 50)
    answer(store, "p1", 100)
    stats = store.stats(cur)
    by_lesson = {m.id: m for m in stats.lessons}
    assert (by_lesson["argo"].recent_score, by_lesson["argo"].mastery, by_lesson["argo"].seen) == (40, 40, 2)
    assert (by_lesson["principles"].recent_score, by_lesson["principles"].mastery) == (100, 50)
    assert {m.id: m.recent_score for m in stats.domains} == {"basics": 100, "tools": 40}
    assert [(s.kind, s.id) for s in stats.weak_spots] == [("lesson", "argo"), ("domain", "tools")]


def test_recent_score_uses_the_last_five_answers(store: ProgressStore, clock: FakeClock) -> None:
    cur = curriculum([question("q1")])
    for score in (0, 0, 100, 100, 100, 100, 100):
        answer(store, "q1", score)
        clock.advance(hours=1)
    assert store.stats(cur).lessons[0].recent_score == 100


def test_totals_trend_activity_and_due_counts(store: ProgressStore, clock: FakeClock) -> None:
    cur = curriculum([question("q1"), question("q2"), question("q3")])
    answer(store, "q1", 100)
    answer(store, "q2", 40)
    clock.advance(days=1)
    answer(store, "q1", 90)
    stats = store.stats(cur)
    assert stats.totals.attempts == 3
    assert stats.totals.questions_seen == 2 and stats.totals.questions_total == 3
    assert stats.totals.passes == 2
    assert stats.totals.average_score == round(230 / 3)
    assert stats.totals.study_days == 2
    assert stats.activity == {"2026-03-02": 2, "2026-03-03": 1}
    assert [(t.day, t.attempts, t.average_score) for t in stats.trend] == [
        ("2026-03-02", 2, 70),
        ("2026-03-03", 1, 90),
    ]
    assert (stats.due_now, stats.due_later_today) == (1, 0)  # q2 (hard) came due overnight; q1 moved out
    assert stats.new_available == 1
    answer(store, "q3", 10, rating="again")  # a learning step of minutes: due later today, not now
    stats = store.stats(cur)
    assert (stats.due_now, stats.due_later_today) == (1, 1)
    assert stats.due_now == store.due_count(cur) == sum(not item.is_new for item in store.review_queue(cur))
    soon = clock.now + timedelta(minutes=15)
    assert store.stats(cur, now=soon).due_now == 2 == store.due_count(cur, now=soon)


def test_trend_covers_only_the_last_two_weeks(store: ProgressStore, clock: FakeClock) -> None:
    cur = curriculum([question("q1")])
    answer(store, "q1", 50)
    clock.advance(days=20)
    answer(store, "q1", 90)
    assert [t.day for t in store.stats(cur).trend] == [(clock.now.date()).isoformat()]
    assert len(store.stats(cur).activity) == 2


def test_stats_of_an_empty_store(store: ProgressStore) -> None:
    cur = curriculum([question("q1")])
    stats = store.stats(cur, now=store.now() + timedelta(days=1))
    assert stats.totals.attempts == 0 and stats.totals.average_score is None
    assert stats.streak == 0 and stats.weak_spots == () and stats.trend == ()
    assert stats.lessons[0].mastery == 0 and stats.lessons[0].recent_score is None


def test_stats_to_dict_is_json_ready(store: ProgressStore) -> None:
    cur = curriculum([question("q1")])
    answer(store, "q1", 10, rating="again")
    data = store.stats(cur).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["totals"]["attempts"] == 1
    assert isinstance(data["lessons"], list)
