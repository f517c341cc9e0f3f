"""Property tests: any text a learner can type grades cleanly and the same way every time."""

from __future__ import annotations

from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gitops_tutor.curriculum.loader import load
from gitops_tutor.curriculum.models import Curriculum, FreeTextQuestion, ManifestQuestion
from gitops_tutor.grading import Grader
from gitops_tutor.paths import shipped_content_dir

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

hostile_text = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400),
    st.sampled_from(
        [
            "",
            "   \n\t ",
            "\x1b[2J\x1b]0;pwned\x07 reconcile",
            "\u202egit revert\u202c",
            "مرحبا argo cd مزامنة",
            "🚀🔥 git revert 💥",
            "not " * 200,
            "git revert, kubectl rollout undo, selfHeal, sealed secrets, " * 40,
        ]
    ),
)


@cache
def curriculum() -> Curriculum:
    return load([], shipped=shipped_content_dir()).curriculum


@cache
def grader() -> Grader:
    return Grader(curriculum().aliases)


def text_questions() -> list[FreeTextQuestion | ManifestQuestion]:
    return sorted(
        (q for q in curriculum().questions.values() if isinstance(q, (FreeTextQuestion, ManifestQuestion))),
        key=lambda q: q.id,
    )


@SETTINGS
@given(st.data(), hostile_text)
def test_any_answer_grades_in_range_and_deterministically(data: st.DataObject, answer: str) -> None:
    question = data.draw(st.sampled_from(text_questions()))
    first = grader().grade(question, answer)
    again = Grader(curriculum().aliases).grade(question, answer)
    assert 0 <= first.score <= 100
    assert first.verdict in ("pass", "partial", "fail")
    assert first.to_dict() == again.to_dict()
    for concept in first.concepts:
        for start, end in concept.evidence:
            assert 0 <= start < end <= len(answer)


def test_a_one_megabyte_answer_is_handled() -> None:
    question = next(q for q in text_questions() if isinstance(q, FreeTextQuestion))
    answer = ("Git is the source of truth and the controller reconciles drift. " * 17000)[:1_000_000]
    result = grader().grade(question, answer)
    assert 0 <= result.score <= 100 and result.feedback
