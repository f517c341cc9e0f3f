"""A wrong claim's label is shown as "Wrong: <label>", so it must say what the answer claims (QA fresh-eyes-4)."""

from __future__ import annotations

from gitops_tutor.curriculum.models import Concept, WrongClaim
from gitops_tutor.curriculum.validate import check_questions
from tests.grading.conftest import free_text

IDEA = Concept("idea", "any versioned, immutable store", ("versioned store",), required=True)


def label_warnings(label: str) -> list[str]:
    question = free_text(IDEA, claims=(WrongClaim("git", label, ("git is required",)),))
    return [p.message for p in check_questions([question]) if p.code == "claim-label" and p.severity == "warning"]


def test_a_label_that_states_the_truth_is_warned_about() -> None:
    [message] = label_warnings("Git is not required")
    assert '"Wrong: Git is not required"' in message and "Claims, Says" in message


def test_a_label_that_says_what_the_answer_claims_passes() -> None:
    assert label_warnings("Claims Git is required (any versioned, immutable store works)") == []
    assert label_warnings("Treats Git as the only possible store") == []
