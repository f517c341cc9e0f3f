"""The answers issue 12 and the 2026-11-30 reviews named (tests/grading/named.yaml) keep a fair verdict."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.grading import Grader

NAMED = yaml.safe_load(Path(__file__).with_name("named.yaml").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", NAMED, ids=[f"{c['question']}-{i}" for i, c in enumerate(NAMED)])
def test_named_answer_gets_a_fair_verdict(case: dict, shipped: Curriculum, shipped_grader: Grader) -> None:
    result = shipped_grader.grade(shipped.questions[case["question"]], case["answer"])
    summary = [f"{c.id}:{c.status}" for c in result.concepts] + [w.id for w in result.wrong_claims]
    assert result.verdict == case["verdict"], f"{case['source']}: score {result.score}: {summary}"


def test_contrastive_mentions_cost_nothing(shipped: Curriculum, shipped_grader: Grader) -> None:
    """R1-R8: naming a wrong option to reject it ("would be too late", "some think ...") is no wrong claim."""
    for case in NAMED:
        if case["verdict"] == "pass":
            result = shipped_grader.grade(shipped.questions[case["question"]], case["answer"])
            assert result.wrong_claims == (), case["question"]
