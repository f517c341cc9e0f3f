"""Adversarial probes (tests/grading/probes.yaml): traps never pass, correct answers never fail.

The probes were written from each question's prompt and model answer alone: for every free-text
question, the key point denied in the rubric's own words ("negated") and the roles swapped or
the wrong mechanism asserted ("swapped"); for some, a correct answer in other words. A trap
that passes is the worst error the grader can make; the figures in the module constants are
what was measured when a rule change was kept, so a relaxation that lets more traps through
fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from gitops_tutor.curriculum.models import Curriculum, FreeTextQuestion
from gitops_tutor.grading import Grader

PROBES = Path(__file__).with_name("probes.yaml")
TRAPS = ("negated", "swapped")


def _probes() -> list[tuple[str, str, str]]:
    data = yaml.safe_load(PROBES.read_text(encoding="utf-8"))
    return [(qid, item["kind"], item["answer"]) for qid, items in data["probes"].items() for item in items]


@pytest.fixture(scope="module")
def verdicts(shipped: Curriculum, shipped_grader: Grader) -> list[tuple[str, str, str]]:
    out = []
    for qid, kind, answer in _probes():
        question = shipped.questions[qid]
        assert isinstance(question, FreeTextQuestion), qid
        out.append((qid, kind, shipped_grader.grade(question, answer).verdict))
    return out


def test_free_text_questions_have_both_traps(shipped: Curriculum) -> None:
    """Every probed question has a negated and a swapped trap, and (nearly) every free-text question
    is probed: a question added later without probes shows up here once they fall behind."""
    kinds: dict[str, set[str]] = {}
    for qid, kind, _ in _probes():
        kinds.setdefault(qid, set()).add(kind)
    assert [q for q, k in kinds.items() if not set(TRAPS) <= k] == []
    free = {q.id for q in shipped.questions.values() if isinstance(q, FreeTextQuestion)}
    assert len(free & set(kinds)) >= PROBED_SHARE * len(free), sorted(free - set(kinds))


PROBED_SHARE = 0.95  # 148 of 148 free-text questions when the probes were written


def test_no_trap_passes(verdicts: list[tuple[str, str, str]]) -> None:
    passing = sorted(f"{qid}/{kind}" for qid, kind, verdict in verdicts if kind in TRAPS and verdict == "pass")
    assert sorted(set(passing) - set(KNOWN_PASSING_TRAPS)) == []  # a trap that is fixed may leave the list


def test_no_correct_probe_fails(verdicts: list[tuple[str, str, str]]) -> None:
    failing = sorted(qid for qid, kind, verdict in verdicts if kind == "correct" and verdict == "fail")
    assert failing == []


# Traps that still pass: each is a concept said by a single word or phrase that the trap keeps while
# denying the idea elsewhere in the sentence; listed so that none is added unnoticed. The aim is [].
KNOWN_PASSING_TRAPS: list[str] = [
    "argocd-sso-dex-oidc/swapped",
    "argocd-tracking-annotation/swapped",
    "flux-operator-bootstrap-vs-instance/swapped",
    "pr-ft-suspend-during-incident/swapped",
    "progressive-why-on-top-of-gitops/swapped",
    "secrets-plain-secret-committed/swapped",
    "state-store-git-not-required/swapped",
    "terraform-in-ci-vs-gitops/swapped",
]
