"""Drawing questions: filters, seeds, CGOA weights, and a preference for fresh and weak questions."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest

from gitops_tutor.curriculum.models import ChoiceQuestion, Curriculum, Lesson, Option, WhichToolQuestion
from gitops_tutor.interview.config import PRESETS, InterviewConfig, build_config
from gitops_tutor.interview.draw import (
    QuestionHistory,
    apportion,
    draw_questions,
    draw_weight,
    history_from_attempts,
)
from gitops_tutor.interview.errors import InterviewError
from tests.interview.conftest import CGOA_DOMAINS, with_cgoa_domains

NOW = datetime(2026, 11, 28, 8, 0, tzinfo=timezone.utc)


def which_tool(qid: str, domain: str, lesson: str = "l1", difficulty: int = 1) -> WhichToolQuestion:
    return WhichToolQuestion(
        id=qid,
        lesson=lesson,
        type="which-tool",
        prompt=f"{qid}?",
        difficulty=difficulty,
        tags=(),
        domain=domain,
        explanation="e",
        content_hash=qid,
        answer="argo",
        why="w",
    )


def choice(qid: str, domain: str) -> ChoiceQuestion:
    options = (Option("yes", True, "w"), Option("no", False, "w"))
    return ChoiceQuestion(
        id=qid,
        lesson="l2",
        type="single-choice",
        prompt=f"{qid}?",
        difficulty=2,
        tags=(),
        domain=domain,
        explanation="e",
        content_hash=qid,
        options=options,
    )


def bank(per_domain: int = 10) -> Curriculum:
    """Open and choice questions in every CGOA domain, across two lessons."""
    questions: dict[str, WhichToolQuestion | ChoiceQuestion] = {}
    for domain in CGOA_DOMAINS:
        for n in range(per_domain):
            q = which_tool(f"{domain}-open-{n}", domain, difficulty=1 + n % 3)
            questions[q.id] = q
            c = choice(f"{domain}-choice-{n}", domain)
            questions[c.id] = c
    lessons = {
        lid: Lesson(lid, lid.upper(), i, "s", (), (), "", "principles", ()) for i, lid in enumerate(("l1", "l2"))
    }
    return with_cgoa_domains(Curriculum(lessons=lessons, questions=questions, comparison=None, aliases={}, domains={}))


def test_the_same_seed_draws_the_same_questions() -> None:
    config = InterviewConfig(questions=8, seed=42)
    first = [q.id for q in draw_questions(bank(), config, {}, NOW)]
    again = [q.id for q in draw_questions(bank(), config, {}, NOW)]
    other = [q.id for q in draw_questions(bank(), InterviewConfig(questions=8, seed=43), {}, NOW)]
    assert first == again
    assert first != other
    assert len(set(first)) == 8


def test_open_presets_prefer_open_questions_and_warm_up_easy_first() -> None:
    drawn = draw_questions(bank(), InterviewConfig(questions=8, seed=1), {}, NOW)
    assert {q.type for q in drawn} == {"which-tool"}
    assert [q.difficulty for q in drawn] == sorted(q.difficulty for q in drawn)


def test_other_types_fill_in_when_open_questions_run_out() -> None:
    config = InterviewConfig(questions=4, seed=1, domains=("tooling",), difficulty=1)
    drawn = draw_questions(bank(per_domain=3), config, {}, NOW)
    assert len(drawn) == 1  # only one difficulty-1 question in tooling, and no choice one at that level
    config = InterviewConfig(questions=5, seed=1, domains=("tooling",))
    drawn = draw_questions(bank(per_domain=3), config, {}, NOW)
    assert Counter(q.type for q in drawn) == {"which-tool": 3, "single-choice": 2}


def test_filters_by_lesson_domain_and_difficulty() -> None:
    config = InterviewConfig(questions=50, seed=3, lessons=("l2",), domains=("patterns", "tooling"))
    drawn = draw_questions(bank(), config, {}, NOW)
    assert {(q.lesson, q.domain) for q in drawn} == {("l2", "patterns"), ("l2", "tooling")}
    hard = draw_questions(bank(), InterviewConfig(questions=50, seed=3, difficulty=3), {}, NOW)
    assert {q.difficulty for q in hard} == {3}


def test_unknown_filters_and_empty_draws_are_clear_errors() -> None:
    with pytest.raises(InterviewError, match="unknown lesson 'nope'"):
        draw_questions(bank(), InterviewConfig(lessons=("nope",)), {}, NOW)
    with pytest.raises(InterviewError, match="unknown domain 'nope'"):
        draw_questions(bank(), InterviewConfig(domains=("nope",)), {}, NOW)
    with pytest.raises(InterviewError, match="no questions match"):
        draw_questions(bank(), InterviewConfig(lessons=("l2",), difficulty=1), {}, NOW)  # l2 has only level 2


def test_cgoa_preset_follows_the_domain_weights_with_choice_questions() -> None:
    config = build_config("cgoa", seed=7)
    drawn = draw_questions(bank(), config, {}, NOW)
    assert len(drawn) == 20
    per_domain = Counter(q.domain for q in drawn)
    assert per_domain == {"principles": 6, "terminology": 4, "patterns": 4, "related-practices": 3, "tooling": 3}
    assert "single-choice" in {q.type for q in drawn}


def test_cgoa_shortfall_in_one_domain_goes_to_the_others() -> None:
    cur = bank(per_domain=10)
    questions = {k: v for k, v in cur.questions.items() if v.domain != "principles" or k == "principles-open-0"}
    cur = Curriculum(cur.lessons, questions, None, {}, cur.domains)
    drawn = draw_questions(cur, build_config("cgoa", seed=7), {}, NOW)
    assert len(drawn) == 20
    assert Counter(q.domain for q in drawn)["principles"] == 1


def test_apportion_uses_largest_remainders() -> None:
    assert apportion(8, CGOA_DOMAINS) == {
        "terminology": 2,
        "principles": 2,
        "related-practices": 1,
        "patterns": 2,
        "tooling": 1,
    }
    assert sum(apportion(60, CGOA_DOMAINS).values()) == 60
    assert apportion(0, {"a": 1.0}) == {"a": 0}


def test_weights_favour_unseen_stale_and_weak_questions() -> None:
    fresh_perfect = QuestionHistory(NOW, 100.0)
    stale_perfect = QuestionHistory(NOW - timedelta(days=30), 100.0)
    fresh_failed = QuestionHistory(NOW, 0.0)
    stale_failed = QuestionHistory(NOW - timedelta(days=30), 0.0)
    weights = [draw_weight(h, NOW) for h in (fresh_perfect, stale_perfect, fresh_failed, None, stale_failed)]
    assert weights == sorted(weights)
    assert weights[0] == 0.5 and weights[-1] == 4.0


def test_weak_spots_are_drawn_far_more_often_than_mastered_questions() -> None:
    cur = bank(per_domain=2)
    open_ids = [q.id for q in cur.questions.values() if q.type == "which-tool"]
    weak = open_ids[0]
    history = {qid: QuestionHistory(NOW, 100.0) for qid in open_ids}
    history[weak] = QuestionHistory(NOW, 10.0)
    picks = Counter(
        q.id for seed in range(200) for q in draw_questions(cur, InterviewConfig(questions=1, seed=seed), history, NOW)
    )
    assert picks[weak] > 3 * max(count for qid, count in picks.items() if qid != weak)


class _Attempt:
    def __init__(self, question_id: str, score: int, minutes_ago: int) -> None:
        self.question_id = question_id
        self.score = score
        self.ended_at = NOW - timedelta(minutes=minutes_ago)


def test_history_keeps_the_last_time_seen_and_the_last_three_scores() -> None:
    attempts = [_Attempt("q", 0, 50), _Attempt("q", 90, 40), _Attempt("q", 60, 30), _Attempt("q", 30, 20)]
    history = history_from_attempts(attempts)
    assert history["q"] == QuestionHistory(NOW - timedelta(minutes=20), 60.0)


def test_presets_and_overrides() -> None:
    assert (PRESETS["quick"].minutes, PRESETS["quick"].questions) == (10, 4)
    assert (PRESETS["standard"].minutes, PRESETS["standard"].questions) == (30, 8)
    config = build_config("quick", minutes=15, lessons=("l1",), seed=5)
    assert (config.minutes, config.questions, config.lessons, config.seed) == (15, 4, ("l1",), 5)
    assert InterviewConfig.from_dict(config.to_dict()) == config
    for bad in ({"minutes": 0}, {"questions": 0}, {"difficulty": 4}):
        with pytest.raises(InterviewError):
            build_config("standard", **bad)  # type: ignore[arg-type]
    with pytest.raises(InterviewError, match="unknown preset"):
        build_config("marathon")
