"""Work the grader shares between misconceptions, rubrics and examples must never change a grade.

Pack copies of the content bring the same misconceptions under new ids: their phrasings are
compiled once per rubric and matched once per answer, and their examples proved once. Each
test here compares the shared way with misconceptions that share nothing (same words, written
differently enough to compile apart), or with the plain scan it replaces.
"""

from __future__ import annotations

import dataclasses

import pytest

from gitops_tutor import paths
from gitops_tutor.curriculum.loader import load
from gitops_tutor.curriculum.models import Concept, Curriculum, FreeTextQuestion, Misconception, Scope, Source
from gitops_tutor.grading import Grader
from gitops_tutor.grading.aliases import AliasMap
from gitops_tutor.grading.myth_checks import check_examples
from gitops_tutor.grading.myths import ScopeIndex, in_scope
from gitops_tutor.grading.patterns import Budget
from tests.grading.conftest import free_text

SELFHEAL = Misconception(
    id="selfheal-on-by-default",
    claim="Claims selfHeal is on as soon as automated sync is set",
    truth="selfHeal defaults to false",
    url="https://argo-cd.readthedocs.io/en/stable/user-guide/auto_sync/",
    applies_to=Scope(tags=("argocd",)),
    any=("selfheal .. on by default", "selfheal .. enabled by default"),
    examples=("selfHeal is on by default.",),
    not_examples=("selfHeal is not on by default.",),
    source=Source("content/misconceptions.yaml", 11, 5),
)
QUESTION = dataclasses.replace(
    free_text(
        Concept("auto", "automated sync applies new commits", ("automat* sync .. appl*",), required=True),
        Concept("drift", "selfHeal reverts live edits", ("selfheal .. revert*",), required=True),
    ),
    tags=("argocd",),
)
ANSWER = (
    "Automated sync applies every new commit, and selfHeal reverts live edits made by hand. "
    "selfHeal is on by default, and selfHeal is enabled by default in every install, so selfHeal is "
    "on by default for you too."
)


def copies(myth: Misconception, count: int, *, apart: bool) -> tuple[Misconception, ...]:
    """``count`` copies of ``myth`` under new ids; ``apart`` spaces their words differently, which
    compiles each copy on its own (a word's spacing changes no match)."""
    out = []
    for n in range(count):
        phrasings = tuple(p.replace(" ..", " " * (n + 1) + "..") if apart else p for p in myth.any)
        out.append(dataclasses.replace(myth, id=f"{myth.id}-c{n}", any=phrasings))
    return tuple(out)


def test_copies_sharing_phrasings_grade_as_copies_compiled_apart() -> None:
    shared = Grader({}, copies(SELFHEAL, 4, apart=False)).grade(QUESTION, ANSWER)
    apart = Grader({}, copies(SELFHEAL, 4, apart=True)).grade(QUESTION, ANSWER)
    # each copy is found; the same words are charged once (myths.not_charged_twice), the first copy
    assert [c.id for c in shared.wrong_claims] == [f"{SELFHEAL.id}-c0"]
    assert shared == apart


def test_the_matching_budget_ends_the_same_when_copies_share_their_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    """A repeat is charged the steps its first match took; near the end of the budget it is matched
    again, so where the budget runs out (and what is found before) stays the same."""
    for steps in (8, 12, 20, 30, 45, 70, 120):
        monkeypatch.setattr(Budget.__init__, "__defaults__", (steps,))
        shared = Grader({}, copies(SELFHEAL, 5, apart=False)).grade(QUESTION, ANSWER)
        apart = Grader({}, copies(SELFHEAL, 5, apart=True)).grade(QUESTION, ANSWER)
        assert shared == apart, steps
    assert "too-complex" in shared.flags or len(shared.wrong_claims) == 1  # five copies, one charge


def test_copies_of_a_misconception_each_prove_their_examples() -> None:
    """Examples are graded once per misconception content; each copy still answers for itself (a copy
    read as missing its example because the first copy's id was asked for failed here)."""
    own_examples = tuple(  # same phrasings, examples of their own (as renamed pack copies have)
        dataclasses.replace(myth, examples=(f"In copy {n}, selfHeal is on by default.",))
        for n, myth in enumerate(copies(SELFHEAL, 3, apart=False))
    )
    myths = own_examples + (dataclasses.replace(SELFHEAL, id="narrow", any=("selfheal .. enabled by default",)),)
    curriculum = Curriculum({}, {}, None, {}, {}, misconceptions=myths)
    problems = list(check_examples(curriculum, AliasMap({})))
    assert [p.message for p in problems] == ["misconception 'narrow' misses its example 'selfHeal is on by default.'"]


def test_the_scope_index_finds_what_the_scan_finds() -> None:
    curriculum = load((), shipped=paths.shipped_content_dir()).curriculum
    index = ScopeIndex(curriculum.misconceptions)
    questions = [q for q in curriculum.questions.values() if isinstance(q, FreeTextQuestion)]
    assert questions and any(index.in_scope(q) for q in questions)
    for question in questions:
        assert index.in_scope(question) == in_scope(curriculum.misconceptions, question)
        ignoring = dataclasses.replace(
            question, rubric=dataclasses.replace(question.rubric, ignore_misconceptions=(SELFHEAL.id,))
        )
        assert index.in_scope(ignoring) == in_scope(curriculum.misconceptions, ignoring)


def test_the_scope_index_reads_every_kind_of_scope() -> None:
    question = dataclasses.replace(QUESTION, id="q1", lesson="l1", domain="d1", tags=("t1", "t2"))
    scopes = (
        Scope(questions=("q1",)),
        Scope(lessons=("l1",)),
        Scope(domains=("d1",)),
        Scope(tags=("t2",)),
        Scope(tags=("t3",), lessons=("l2",)),
        Scope(tags=("t1", "t2"), domains=("d1",)),
    )
    myths = tuple(dataclasses.replace(SELFHEAL, id=f"m{n}", applies_to=s) for n, s in enumerate(scopes))
    assert [m.id for m in ScopeIndex(myths).in_scope(question)] == ["m0", "m1", "m2", "m3", "m5"]
