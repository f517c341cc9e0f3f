"""The grader's exam: every human-style answer in regression.yaml gets a fair interviewer's verdict."""

from __future__ import annotations

import pytest

from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.grading import Grader
from tests.grading.regression import Case, load_cases

CASES = load_cases()
SEED_IDS = sorted({case.question_id for case in CASES})


@pytest.mark.parametrize("case", CASES, ids=[f"{c.question_id}-{i}-{c.kind}" for i, c in enumerate(CASES)])
def test_regression_verdict(case: Case, shipped: Curriculum, shipped_grader: Grader) -> None:
    result = shipped_grader.grade(shipped.questions[case.question_id], case.answer)
    hits = [c.id for c in result.concepts if c.status == "hit"]
    assert result.verdict == case.verdict, f"score {result.score}, hit {hits}, flags {result.flags}"


def test_set_covers_ten_questions_with_eight_or_more_answers_each() -> None:
    assert len(SEED_IDS) == 10
    for question_id in SEED_IDS:
        kinds = [c.kind for c in CASES if c.question_id == question_id]
        assert len(kinds) >= 8, question_id
        assert {"paraphrase", "partial", "keyword-list", "off-topic", "empty"} <= set(kinds), question_id


def test_no_negated_swapped_or_keyword_list_answer_passes(shipped: Curriculum, shipped_grader: Grader) -> None:
    worst = [c for c in CASES if c.kind in ("negated", "swapped", "keyword-list")]
    passing = [
        c.label() for c in worst if shipped_grader.grade(shipped.questions[c.question_id], c.answer).verdict == "pass"
    ]
    assert passing == []


def test_seed_questions_are_tagged_and_have_three_samples(shipped: Curriculum) -> None:
    for question_id in SEED_IDS:
        question = shipped.questions[question_id]
        assert {"seed", "interview"} <= set(question.tags)
        assert len(question.samples) >= 3  # type: ignore[union-attr]
