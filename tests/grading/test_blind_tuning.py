"""The blind tuning half (tests/grading/blind/tuning*.yaml, waves 1-10) stays above its measured floor.

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
# at 18:14 and wave 5 (518 more, new voices again) at 19:35. Per wave, measured by grader-4 after
# the issue-12 trap-author rules: waves 1-3 79.8% / 61.3% / 0 worst, wave 4 70.5% / 25.7% / 18,
# wave 5 73.7% / 45.9% / 10 (74.4% / 44.4% / 29 over all five when wave 5 arrived).
# Wave 6 (518 more: on-call SREs, Jenkins/Terraform/Puppet people, non-native English, thinking aloud,
# phone typing) joined at 20:25 (73.9% / 39% low-overlap / 13 worst on its own). After the blind
# self-play rubric pass (selfplay-1..4, 20:30-22:30), all six waves: 76.8% / 48.8% / 36 worst.
# Wave 7 (518 more: tutorial-taught juniors, audit-minded platform engineers, operators answering with
# commands, answers by contrast, AWS/Azure people, mentors, hedging students, app developers, security
# engineers) joined at 23:15 the next session: 71.6% / 43% low-overlap / 13 worst on its own.
# With the curriculum-wide misconceptions (myths, 23:40) and grader-5's rules (issue 12, 00:21, same
# minute, same content): 79.5% -> 79.8% / 55.8% -> 55.8% / 5 -> 5 worst; per wave after: wave 1 84.1%,
# wave 4 80.5%, wave 5 80.3%, wave 6 78.6%, wave 7 75.3%.
# Wave 8 (518 more: non-native English and on-call SREs, analogies and data/ML platform engineers, bootcamp
# graduates and Jenkins/Spinnaker veterans, tech leads and Helm-heavy engineers, clarify-first candidates and
# OpenShift/Rancher users) joined at 01:55 on 2026-12-01: 75.3% / 39% low-overlap / 10 worst on its own, on
# the code of the session's start. With the lead's wrong-claim cap (freetext.py, WRONG_CLAIM_CAP_NOTE) all
# eight waves measured 80.8% / 53.7% / 15 worst.
# 03:14 (grader-6, after the lead's calibration, the myths helper's misconceptions and grader-6's negation
# rules; grader-6's rules alone, same content: 85.0% -> 85.8%, low-overlap 56.4% -> 57.1%, worst 3 -> 3).
# Wave 9 (SREs and non-native English, Jenkins/Ansible veterans and managers, thinking aloud and phone
# typing, teachers with analogies and kubectl admins, push-CD skeptics and data/ML engineers) joined at
# 04:09 on 2026-12-01: 79.9% / 59.5% low-overlap / 11 worst on its own. With the lead's plain-words
# credit (freetext.py IMPLIED_NOTE) nine waves measured 84.9% -> 85.9%, low-overlap 56.3% -> 62.0%.
# 05:45: the rubric pass of rubrics-A/B/C on all nine tuning halves, lexicon-miner-3's classes, the lead's
# long-clean rule (LONG_CLEAN_NOTE) and fact-check-6's fixes: 97.3% / 98.1% / 0 worst. In-sample: the
# rubrics were tuned on these very answers (the README reads the test halves beside it).
# Wave 10 (bank platform engineers and juniors, consultants and OpenShift/Rancher users, terse staff engineers
# and whiteboard narrators, security and startup engineers, web-scale SREs and certification students) joined at
# 07:09 on 2026-12-01: 83.2% / 82.4% low-overlap / 8 worst on its own, before anyone tuned on it; ten waves
# together 95.5% of 4,151 / 96.1% of 593 / 8 worst. Floors follow that until this round's work is measured.
FLOOR_ALL = 0.955  # measured 2026-12-01 07:20, ten waves: 95.5% of 4,151
FLOOR_LOW_OVERLAP = 0.96  # measured: 96.1% of 593
# grader-7 (05:35): reversed answers met by rules (roles, negation) and curriculum-wide misconceptions; 0 on
# 69125c0's rubrics with that work alone (from 14), 0 with every helper's rubric work too.
MAX_WORST = 8  # wrong or negated answers that pass: 0 of 1,038 in waves 1-9 (05:35), 8 of 148 in wave 10 (07:20)


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
