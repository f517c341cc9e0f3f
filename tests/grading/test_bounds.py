"""Matching work is bounded whatever a rubric says (issue 16, item 3).

Speed itself is measured in bench/grading.py (its hostile-rubric line); here the work is
counted, so the property holds on any machine: every step the matcher takes is charged to
one budget per answer, and the budget is a constant far above what real answers use.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gitops_tutor.grading.patterns as patterns
from gitops_tutor.curriculum.models import Concept, WrongClaim
from gitops_tutor.grading import Grader
from gitops_tutor.grading.patterns import STEP_BUDGET
from tests.grading.conftest import free_text

WORDS = ["a", "b", "not", "flux", "c"]
word = st.sampled_from(WORDS[:3])
phrasing = st.one_of(
    st.lists(word, min_size=1, max_size=12).map(" ".join),
    st.lists(word, min_size=1, max_size=12).map(" .. ".join),
    st.lists(word, min_size=2, max_size=5).map(" & ".join),
)
phrasings = st.lists(phrasing, min_size=1, max_size=40).map(tuple)
concepts = st.lists(phrasings, min_size=1, max_size=12)
claims = st.lists(phrasings, max_size=12)
answer = st.tuples(st.lists(st.sampled_from(WORDS), min_size=2000, max_size=2000), st.sampled_from([" ", ", ", ". "]))


class Counter:
    def __init__(self) -> None:
        self.calls = 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(concepts, claims, answer)
def test_any_rubric_grades_any_2000_word_answer_within_the_step_budget(
    concept_phrasings: list[tuple[str, ...]], claim_phrasings: list[tuple[str, ...]], words: tuple[list[str], str]
) -> None:
    question = free_text(
        *(Concept(f"c{i}", "c", p, required=True) for i, p in enumerate(concept_phrasings)),
        claims=tuple(WrongClaim(f"w{i}", "w", p) for i, p in enumerate(claim_phrasings)),
    )
    text = words[1].join(words[0])
    counter = Counter()
    original = patterns._extend

    def counted(*args):  # type: ignore[no-untyped-def]
        counter.calls += 1
        return original(*args)

    patterns._extend = counted  # type: ignore[assignment]
    try:
        result = Grader({}).grade(question, text)
    finally:
        patterns._extend = original  # type: ignore[assignment]
    assert 0 <= result.score <= 100
    assert counter.calls <= STEP_BUDGET


def test_a_long_proximity_chain_is_refused_and_reported() -> None:
    from gitops_tutor.grading.aliases import AliasMap
    from gitops_tutor.grading.freetext import compile_rubric

    chain = " .. ".join(["a"] * 30)
    question = free_text(Concept("c", "c", (chain, "a b"), required=True))
    compiled = compile_rubric(question, AliasMap({}))
    assert compiled.oversized_phrasings == (chain,)
    assert Grader({}).grade(question, "a b " * 1000).verdict == "pass"


def test_real_answers_never_come_near_the_budget(shipped, shipped_grader) -> None:  # type: ignore[no-untyped-def]
    from gitops_tutor.curriculum.models import FreeTextQuestion
    from tests.grading.regression import load_cases

    pool = " ".join(case.answer for case in load_cases())
    for question in shipped.questions.values():
        if isinstance(question, FreeTextQuestion):
            assert "too-complex" not in shipped_grader.grade(question, pool[:2000]).flags
