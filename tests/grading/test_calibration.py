"""Verdict calibration (issue 12): how a found wrong claim combines with what the answer covers."""

from __future__ import annotations

from gitops_tutor.curriculum.models import Concept, WrongClaim
from gitops_tutor.grading import Grader, GradeResult
from tests.grading.conftest import free_text

GRADER = Grader({})

SELFHEAL = free_text(
    Concept("reverts", "selfHeal reverts changes made in the cluster", ("reverts manual change*",), required=True),
    Concept("commit", "automated sync acts on new commits", ("new commit*",), weight=2.0),
    Concept("default", "selfHeal is off by default", ("off by default",)),
    claims=(WrongClaim("prune-drift", "Says prune is what reverts drift", ("prune .. drift",)),),
)


def grade(answer: str) -> GradeResult:
    return GRADER.grade(SELFHEAL, answer)  # type: ignore[arg-type]


def test_a_wrong_claim_with_a_concept_left_unsaid_fails() -> None:
    """Reversed answers keep the right words, so the claim is the one sign of the reversal: two faults fail."""
    answer = "selfHeal reverts manual changes and syncs every new commit, and prune undoes drift on its own."
    result = grade(answer)
    assert [c.status for c in result.concepts] == ["hit", "hit", "missed"]
    assert [c.id for c in result.wrong_claims] == ["prune-drift"]
    assert result.verdict == "fail"


def test_one_slip_in_a_complete_answer_costs_only_its_penalty() -> None:
    answer = (
        "selfHeal reverts manual changes, automated sync handles each new commit, and selfHeal is off by "
        "default; prune fixes drift too."
    )
    result = grade(answer)
    assert all(c.status == "hit" for c in result.concepts)
    assert result.wrong_claims
    assert result.score == 75  # 100 less the claim's default penalty of 25: no cap


def test_the_same_answer_without_the_claim_is_unchanged() -> None:
    """The cap needs a claim: the first answer without its wrong clause keeps its credit."""
    assert grade("selfHeal reverts manual changes and syncs every new commit.").verdict == "partial"


HOOK = free_text(
    Concept("pre", "a PreSync hook runs the migration", ("presync",), weight=3, required=True),
    Concept("fail", "a failed hook stops the sync", ("fail* .. stop*",), weight=3),
    Concept("policy", "delete policy", ("delete policy",), weight=2),
)


def test_a_two_sentence_partial_answer_with_context_keeps_its_credit() -> None:
    """Half the sentences crediting something is focus enough: the second sentence is context, not a claim."""
    answer = "Run it as a PreSync hook so it goes first. We had a release where the schema was late and it hurt."
    result = GRADER.grade(HOOK, answer)  # type: ignore[arg-type]
    assert [c.status for c in result.concepts] == ["hit", "missed", "missed"]
    assert result.verdict == "partial"


def test_a_side_slip_in_its_own_sentence_costs_its_penalty_not_a_fail() -> None:
    """QA (fresh-eyes-4): a complete answer whose only gap is an optional concept, plus one false aside in a
    sentence of its own, is not a reversal: the claim costs its penalty, the answer keeps partial credit."""
    answer = "selfHeal reverts manual changes and syncs every new commit. Also, prune is what undoes drift."
    result = grade(answer)
    assert [c.status for c in result.concepts] == ["hit", "hit", "missed"]
    assert [c.id for c in result.wrong_claims] == ["prune-drift"]
    assert result.verdict == "partial"
    # the same slip inside the credited sentence is the reversal the cap is for
    assert grade("selfHeal reverts manual changes and syncs every new commit, as prune undoes drift.").verdict == "fail"


ORDER = free_text(
    Concept("chain", "Kustomizations chained with dependsOn", ("dependson",), required=True),
    Concept("ready", "wait makes Ready mean healthy", ("wait .. ready",)),
    claims=(WrongClaim("alpha", "Claims dependsOn applies in alphabetical order", ("dependson .. alphabetical",)),),
)


def test_words_that_make_a_wrong_claim_do_not_also_state_the_idea() -> None:
    """QA fresh-eyes-4: the bare field name inside a wrong claim earned the concept a tick beside that claim."""
    result = GRADER.grade(ORDER, "dependsOn applies the Kustomizations in alphabetical order.")  # type: ignore[arg-type]
    assert [c.status for c in result.concepts] == ["missed", "missed"]
    assert [c.id for c in result.wrong_claims] == ["alpha"]
    right = GRADER.grade(ORDER, "Chain them with dependsOn and set wait so Ready means healthy.")  # type: ignore[arg-type]
    assert right.concepts[0].status == "hit"


TRIGGER = free_text(
    Concept("any", "any divergence triggers reconciliation", ("any divergence",), required=True),
    claims=(
        WrongClaim("commit-only", "Claims only a new commit triggers it", ("only a new commit",), penalty=45),
        WrongClaim("drift-waits", "Claims drift waits for a commit", ("only .. commit",), penalty=40),
    ),
)


def test_one_false_statement_is_charged_once() -> None:
    """QA fresh-eyes-4: one clause matched by several wrong claims was charged for each (-45 -40)."""
    result = GRADER.grade(TRIGGER, "Only a new commit triggers it.")  # type: ignore[arg-type]
    assert [(c.id, c.penalty) for c in result.wrong_claims] == [("commit-only", 45)]
    two = GRADER.grade(TRIGGER, "Only a new commit triggers it. Drift only waits for the next commit.")  # type: ignore[arg-type]
    assert {c.id for c in two.wrong_claims} == {"commit-only", "drift-waits"}  # two statements, two charges
