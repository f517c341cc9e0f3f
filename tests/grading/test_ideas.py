"""Concepts matched as ideas: key terms that meet in one sentence, in any order, typos and all."""

from __future__ import annotations

from gitops_tutor.curriculum.models import Concept
from gitops_tutor.grading import Grader
from tests.grading.conftest import free_text

GRADER = Grader({"live state": ("actual state", "cluster state"), "git": ("version control",)})
QUESTION = free_text(
    Concept("compare", "sync compares Git with the live state", ("sync* & git & live state",), required=True)
)


def verdict(answer: str) -> str:
    return GRADER.grade(QUESTION, answer).verdict


def test_terms_meet_in_any_order_and_in_the_lexicon_s_words() -> None:
    assert verdict("Sync status tells you whether git matches the live state.") == "pass"
    assert verdict("The actual state is checked against Git, and that is what the sync status reports.") == "pass"
    assert verdict("Compare version control with the cluster state: that is syncing.") == "pass"


def test_typos_are_tolerated_per_term() -> None:
    question = free_text(Concept("heal", "reconciliation fixes drift", ("reconciliation & drift",), required=True))
    assert GRADER.grade(question, "drift is fixed by reconcilation").verdict == "pass"
    assert GRADER.grade(question, "drift is fixed by reconfiguration").verdict == "fail"


def test_terms_must_share_a_sentence() -> None:
    assert verdict("Sync is a button. Git holds files. The live state is in etcd.") == "fail"
    assert verdict("- sync status\n- git\n- live state") == "fail"


def test_a_negated_term_negates_the_idea() -> None:
    result = GRADER.grade(QUESTION, "Sync has nothing to do with git or the live state.")
    assert result.concepts[0].status == "negated"
    assert result.verdict == "fail"


def test_evidence_points_at_each_term() -> None:
    answer = "Sync tells you if git matches the live state."
    spans = GRADER.grade(QUESTION, answer).concepts[0].evidence
    assert [answer[s:e] for s, e in spans] == ["Sync", "git", "live state"]


def test_a_phrasing_said_with_its_direction_turned_round_is_negated() -> None:
    waves = free_text(Concept("order", "lowest wave first", ("lowest wave first", "wait* .. healthy"), required=True))
    result = GRADER.grade(waves, "It applies the highest wave first and moves down.")
    assert result.concepts[0].status == "negated" and result.verdict == "fail"
    assert GRADER.grade(waves, "It applies the lowest wave first, then the highest.").verdict == "pass"
    defaults = free_text(Concept("off", "off by default", ("off by default",), required=True))
    assert GRADER.grade(defaults, "Drift detection is on by default.").concepts[0].status == "negated"
    assert GRADER.grade(defaults, "Drift detection is on by default? No, off by default.").verdict == "pass"
