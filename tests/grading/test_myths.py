"""Curriculum-wide misconceptions: caught in answers in scope like a rubric's own wrong claim, with the truth shown."""

from __future__ import annotations

import dataclasses

import pytest

from gitops_tutor.curriculum.models import (
    Concept,
    Curriculum,
    FreeTextQuestion,
    Misconception,
    Sample,
    Scope,
    Source,
    WrongClaim,
)
from gitops_tutor.grading import Grader
from gitops_tutor.grading.aliases import AliasMap
from gitops_tutor.grading.myth_checks import accepted_answer_problems, by_id, catches, check_examples
from gitops_tutor.grading.samples import check_samples
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
    penalty=35.0,
    source=Source("content/misconceptions.yaml", 11, 5),
)
SYNC = dataclasses.replace(
    free_text(
        Concept("auto", "automated sync applies new commits", ("automat* sync .. appl*",), required=True),
        Concept("drift", "selfHeal reverts live edits", ("selfheal .. revert*",), required=True),
    ),
    tags=("argocd",),
)
RIGHT = "Automated sync applies every new commit, and selfHeal reverts live edits made by hand."
WITH_MYTH = RIGHT + " selfHeal is on by default, so there is nothing to set."
GRADER = Grader({}, (SELFHEAL,))
PLAIN = Grader({})


def myth_ids(question: FreeTextQuestion, answer: str, grader: Grader = GRADER) -> list[str]:
    return [claim.id for claim in grader.grade(question, answer).wrong_claims if claim.truth]


def test_a_side_claim_in_a_right_answer_costs_its_penalty() -> None:
    clean, wrong = GRADER.grade(SYNC, RIGHT), GRADER.grade(SYNC, WITH_MYTH)
    assert clean.verdict == "pass" and PLAIN.grade(SYNC, WITH_MYTH).verdict == "pass"
    assert wrong.score == clean.score - 35 and wrong.verdict != "pass"
    (claim,) = wrong.wrong_claims
    assert (claim.id, claim.penalty, claim.truth) == (SELFHEAL.id, 35.0, SELFHEAL.truth)
    assert WITH_MYTH[claim.evidence[0][0] : claim.evidence[0][1]].startswith("selfHeal is on by default")


def test_the_feedback_shows_the_claim_with_its_truth_line() -> None:
    result = GRADER.grade(SYNC, WITH_MYTH)
    assert f"Wrong: {SELFHEAL.claim}. In fact: {SELFHEAL.truth}." in result.feedback
    assert result.to_dict()["wrong_claims"][0]["truth"] == SELFHEAL.truth
    assert "truth" not in PLAIN.grade(SYNC, RIGHT + " It is stored in etcd.").to_dict()  # rubric claims unchanged


def test_the_practice_screen_line_carries_the_truth() -> None:
    from gitops_tutor.tui.widgets.result import score_line

    assert f"In fact: {SELFHEAL.truth}." in score_line(GRADER.grade(SYNC, WITH_MYTH)).plain


@pytest.mark.parametrize(
    "answer",
    [
        RIGHT + " selfHeal is not on by default, you turn it on.",
        RIGHT + " Don't assume selfHeal is on by default.",
        RIGHT + " It's a myth that selfHeal is on by default.",
        RIGHT + " People think selfHeal is enabled by default, but it isn't.",
        RIGHT + " If selfHeal isn't enabled by default in your version, set it.",
    ],
)
def test_denials_warnings_and_reported_beliefs_are_not_claims(answer: str) -> None:
    assert myth_ids(SYNC, answer) == []


def test_only_questions_in_scope_are_checked() -> None:
    flux = dataclasses.replace(SYNC, id="flux-q", tags=("flux",))
    assert myth_ids(flux, WITH_MYTH) == []
    by_lesson = dataclasses.replace(SELFHEAL, applies_to=Scope(lessons=(SYNC.lesson,)))
    assert myth_ids(flux, WITH_MYTH, Grader({}, (by_lesson,))) == [SELFHEAL.id]
    by_id = dataclasses.replace(SELFHEAL, applies_to=Scope(questions=("flux-q",)))
    assert myth_ids(flux, WITH_MYTH, Grader({}, (by_id,))) == [SELFHEAL.id]


def test_a_rubric_opts_out_of_the_misconception_its_question_is_about() -> None:
    rubric = dataclasses.replace(SYNC.rubric, ignore_misconceptions=(SELFHEAL.id,))
    about_it = dataclasses.replace(SYNC, id="about-it", rubric=rubric, content_hash="opt-out")
    assert myth_ids(about_it, WITH_MYTH) == []
    assert GRADER.misconceptions_for(about_it) == () and GRADER.misconceptions_for(SYNC) == (SELFHEAL,)


def test_words_a_rubric_claim_already_caught_are_not_charged_twice() -> None:
    own = WrongClaim("own-default", "selfHeal on by default", ("selfheal .. on by default",), penalty=25)
    rubric = dataclasses.replace(SYNC.rubric, wrong_claims=(own,))
    question = dataclasses.replace(SYNC, id="own", rubric=rubric, content_hash="own-claim")
    result = GRADER.grade(question, WITH_MYTH)
    assert [c.id for c in result.wrong_claims] == ["own-default"]
    assert result.feedback.count("Wrong:") == 1 and "In fact" not in result.feedback


def test_examples_are_proved_and_a_broad_phrasing_is_named() -> None:
    aliases = AliasMap({})
    assert catches(SELFHEAL, SELFHEAL.examples[0], aliases)
    assert not catches(SELFHEAL, SELFHEAL.not_examples[0], aliases)
    broad = dataclasses.replace(SELFHEAL, any=("selfheal",), not_examples=("selfHeal defaults to false.",))
    curriculum = Curriculum({}, {}, None, {}, {}, misconceptions=(broad,))
    (problem,) = check_examples(curriculum, aliases)
    assert (problem.path, problem.line, problem.code) == ("content/misconceptions.yaml", 11, "myth-example")
    assert "catches its not_example 'selfHeal defaults to false.'" in problem.message


def test_an_accepted_answer_caught_by_a_misconception_is_an_error_at_the_misconception() -> None:
    question = dataclasses.replace(SYNC, source=Source("content/questions/sync.yaml", 40, 5))
    result = GRADER.grade(question, WITH_MYTH)
    curriculum = Curriculum({}, {question.id: question}, None, {}, {}, misconceptions=(SELFHEAL,))
    (problem,) = accepted_answer_problems(question, "sample", question.source, WITH_MYTH, result, by_id(curriculum))
    assert (problem.path, problem.line, problem.code) == ("content/misconceptions.yaml", 11, "myth-accepted")
    assert "question 'q'" in problem.message and "content/questions/sync.yaml:40" in problem.message
    assert "'selfHeal is on by default'" in problem.message


def test_validate_flags_a_pass_sample_that_states_a_misconception() -> None:
    samples = (Sample(RIGHT, "pass"), Sample(WITH_MYTH, "partial"), Sample("No idea.", "fail"))
    question = dataclasses.replace(SYNC, model_answer=RIGHT, samples=samples)
    curriculum = Curriculum({}, {question.id: question}, None, {}, {}, misconceptions=(SELFHEAL,))
    problems = list(check_samples(curriculum))
    assert [p.code for p in problems] == ["myth-accepted"]  # the partial sample is accepted, yet states it


def test_the_shipped_misconceptions_prove_their_examples(shipped: Curriculum) -> None:
    assert len(shipped.misconceptions) >= 40
    assert list(check_examples(shipped, AliasMap(shipped.aliases))) == []
