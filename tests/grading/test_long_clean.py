"""A long, clean answer that the rubric credits in good part passes (freetext.LONG_CLEAN_NOTE): what the
grader could not credit is there in plain words. Short answers, answers with a wrong claim or a denial,
and answers that never touch an unsaid required idea keep their partial."""

from __future__ import annotations

from gitops_tutor.curriculum.models import Concept, WrongClaim
from gitops_tutor.grading import Grader, GradeResult
from tests.grading.conftest import free_text

GRADER = Grader({})

ROLLBACK = free_text(
    Concept("git-revert", "Revert the commit in Git", ("git revert", "revert* .. commit"), weight=3, required=True),
    Concept(
        "controller-applies",
        "The controller then syncs the old version back",
        ("controller .. sync* .. back", "reconcil* .. previous release"),
        weight=2,
        required=True,
    ),
    Concept("no-kubectl", "Not kubectl rollout undo, which Git would undo", ("rollout undo",), weight=1),
    claims=(WrongClaim("edit-live", "Claims editing the live Deployment is the fix", ("edit .. live deployment",)),),
)

LONG_START = (
    "First I would find the commit that brought the broken image tag and do a git revert of that commit, "
    "pushed through the normal pull request so the history shows exactly what happened and who approved it. "
    "We keep the whole team on the same path for this because it is the path we practise every week. "
)
LONG_REST = (
    "After the merge the rest happens on its own: the thing living inside the cluster notices the repository "
    "moved, pulls it again, and the previous pods come back within a couple of minutes. "
    "I would watch the pods come back healthy, check the error rate on the dashboard, and only then tell the "
    "incident channel that we are stable again, and write down what we learned for the review."
)
LONG = LONG_START + LONG_REST


def grade(answer: str) -> GradeResult:
    return GRADER.grade(ROLLBACK, answer)  # type: ignore[arg-type]


def test_a_long_clean_answer_that_touches_the_unsaid_idea_passes() -> None:
    result = grade(LONG)
    assert len(LONG.split()) >= 80
    assert [c.status for c in result.concepts][0] == "hit"
    assert result.verdict == "pass"


def test_the_same_start_alone_is_partial() -> None:
    assert grade(LONG_START).verdict == "partial"


def test_a_wrong_claim_keeps_it_from_passing() -> None:
    answer = LONG + " Before that I would also edit the live Deployment to be quick about it."
    assert grade(answer).verdict != "pass"


def test_a_long_answer_that_never_touches_the_required_idea_stays_partial() -> None:
    """Long, clean, but nothing of 'the controller syncs it back': an interviewer would ask for it."""
    filler = (
        "We keep the whole team on the same path for this because it is the path we practise every week, "
        "and every step is written in the runbook that new people read in their first week on call. "
    )
    answer = LONG_START + filler * 2
    assert len(answer.split()) >= 80
    assert grade(answer).verdict == "partial"
