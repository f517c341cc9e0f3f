"""The blind tuning half (tests/grading/blind/tuning*.yaml, waves 1-4) stays above its measured floor.

Only the tuning half is asserted: the test half is for the honest figure in the README and is
read by bench/grading.py alone, in aggregate. Floors are the agreement measured when this test
was written, rounded down, so a change that loses ground on answers nobody wrote for the rubric
fails here even when every regression case still passes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.grading import Grader
from tests.grading.regression import load_blind

TUNING = sorted(Path(__file__).with_name("blind").glob("tuning*.yaml"))
# Wave 4 (518 answers in new voices: speech, analogies, non-native English) joined the tuning half
# at 18:14 and brought the figures down: waves 1-3 alone measure 78.7% / 60.0% / 0 worst, wave 4
# 69.7% / 25.7% / 20 (grader-3's final figures; 67.6% / 25.7% / 22 when the wave arrived).
FLOOR_ALL = 0.74  # measured 2026-11-30 (grader-3): 74.2% of 1,043
FLOOR_LOW_OVERLAP = 0.42  # measured: 43.0% of 149
MAX_WORST = 29  # wrong or negated answers that pass: 29 of 446 when wave 5 joined (18 in wave 4, 11 in wave 5)


@pytest.fixture(scope="module")
def verdicts(shipped: Curriculum, shipped_grader: Grader) -> list[tuple[str, bool, bool]]:
    if not TUNING:
        pytest.skip("blind tuning half not present")
    out = []
    for case in (case for path in TUNING for case in load_blind(path)):
        if case.question_id in shipped.questions:
            verdict = shipped_grader.grade(shipped.questions[case.question_id], case.answer).verdict
            worst = verdict == "pass" and case.kind in ("wrong", "negated")
            out.append((case.kind, case.agrees(verdict), worst))
    return out


def test_tuning_half_agreement_stays_above_its_floor(verdicts: list[tuple[str, bool, bool]]) -> None:
    assert sum(ok for _, ok, _ in verdicts) / len(verdicts) >= FLOOR_ALL
    low = [ok for kind, ok, _ in verdicts if kind == "low-overlap"]
    assert sum(low) / len(low) >= FLOOR_LOW_OVERLAP


def test_tuning_half_worst_errors_do_not_grow(verdicts: list[tuple[str, bool, bool]]) -> None:
    assert sum(worst for _, _, worst in verdicts) <= MAX_WORST
