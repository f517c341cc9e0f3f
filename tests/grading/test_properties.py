"""Properties that must hold for any input: no exception, offsets inside the answer, determinism."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from gitops_tutor.curriculum.models import Concept, Curriculum, WrongClaim
from gitops_tutor.grading import Grader
from tests.grading.conftest import free_text

QUESTION = free_text(
    Concept("a", "reconcile", ("reconcil*", "desired .. state"), weight=2, required=True, negated_by=("one shot",)),
    Concept("b", "argo pulls", ("argo .. pull*",)),
    claims=(WrongClaim("w", "push", ("ci .. kubectl apply",)),),
)
GRADER = Grader({"argo cd": ("argocd", "argo"), "continuous integration": ("ci",)})
WORDS = st.sampled_from(
    ["reconcile", "Argo", "CD", "pulls", "not", "never", "desired", "state", ",", ".", "CI", "kubectl", "apply",
     "instead", "of", "one", "shot", "\n", "-", "don't", "’s", "é", "\x00", "  "]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=40).map(" ".join) | st.text(max_size=400))
def test_any_text_grades_without_error_and_evidence_stays_inside(answer: str) -> None:
    result = GRADER.grade(QUESTION, answer)
    assert 0 <= result.score <= 100
    assert result.verdict in ("pass", "partial", "fail")
    spans = [span for c in result.concepts for span in c.evidence] + [
        s for w in result.wrong_claims for s in w.evidence
    ]
    assert all(0 <= start < end <= len(answer) for start, end in spans)
    assert GRADER.grade(QUESTION, answer) == result


def test_shipped_model_answers_grade_without_error(shipped: Curriculum, shipped_grader: Grader) -> None:
    for question in shipped.questions.values():
        model = getattr(question, "model_answer", None)
        if model is not None:
            assert shipped_grader.grade(question, model).score >= 0


def test_grading_imports_neither_textual_nor_sqlite() -> None:
    code = (
        "import sys, gitops_tutor.grading, gitops_tutor.grading.samples;"
        "bad = [m for m in ('textual', 'sqlite3', 'sqlite_utils') if m in sys.modules];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""
