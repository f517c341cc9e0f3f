"""Correct answers are not read as denials (issue 12, session 7). Each test failed before its rule.

The development data of this round (test halves 7-9, tuning half 10) showed correct answers marked down
because a negation inside a trailing "when" clause or a purpose clause was read as denying a concept.
"""

from __future__ import annotations

from gitops_tutor.curriculum.models import Concept, WrongClaim
from gitops_tutor.grading import Grader, GradeResult
from tests.grading.conftest import free_text

GRADER = Grader({})


def grade(question: object, answer: str) -> GradeResult:
    return GRADER.grade(question, answer)  # type: ignore[arg-type]


def statuses(question: object, answer: str) -> dict[str, str]:
    return {c.id: c.status for c in grade(question, answer).concepts}


SHARDING = free_text(
    Concept("shard", "Shard the application controller", ("shard*",), required=True),
    Concept("split", "Split into instances for blast radius", ("split* .. instances",)),
    claims=(WrongClaim("shard-useless", "Claims sharding does not help", ("shard* .. wont help",)),),
)


def test_a_negation_in_a_trailing_when_clause_is_a_condition() -> None:
    """ "Split into instances when sharding can't help" names a case; it does not deny that sharding helps
    (three correct answers to argocd-slow-at-3000-apps failed on it)."""
    answer = "Shard the controller first. Split into several instances when sharding can't help."
    result = grade(SHARDING, answer)
    assert {c.id: c.status for c in result.concepts}["shard"] == "hit"
    assert not result.wrong_claims


def test_when_with_a_new_subject_after_it_is_still_a_claim() -> None:
    """ "when checks fail it ..." leaves the when-clause at "it": what follows is the main clause, asserted."""
    answer = "Shard the controller. Split into instances when load grows it means sharding won't help."
    assert [c.id for c in grade(SHARDING, answer).wrong_claims] == ["shard-useless"]


def test_is_when_is_a_definition_not_a_condition() -> None:
    """ "X is when ..." defines X: a negation after it still denies."""
    recreate = free_text(Concept("coexist", "Old and new pods run side by side", ("side by side",), required=True))
    answer = "Rolling update is when the pods are never side by side."
    assert statuses(recreate, answer)["coexist"] == "negated"


def test_advice_then_so_with_a_negation_names_the_prevented_risk() -> None:
    """ "Plus lock the branch so history can't be rewritten" says rewriting history is the danger."""
    rewritten = free_text(Concept("rewrite", "History is rewritten", ("history .. rewrit*",), required=True))
    assert statuses(rewritten, "Plus lock the branch so history can't be rewritten.")["rewrite"] == "hit"
    assert statuses(rewritten, "Maybe add a check so history can't be rewritten.")["rewrite"] == "hit"
    assert statuses(rewritten, "The branch is locked, so history can't be rewritten.")["rewrite"] == "negated"


# --- the partial floor for side points only is for short answers (MINOR_FLOOR_NOTE) -------------------

WAVES = free_text(
    Concept("order", "Waves apply lowest first", ("lowest .. first",), required=True, weight=1),
    Concept("health", "Each wave waits for health", ("wait* .. health*",), weight=1),
    Concept("prune", "Pruning goes highest wave first", ("prun* .. highest",), weight=2),
)
FILLER = (
    " It is a feature most teams meet in their first month, and it shows up in many conference talks,"
    " blog posts and internal wikis that people share around, and most of them explain it with the same"
    " small example."
)


def test_a_short_answer_with_a_side_point_keeps_the_partial_floor() -> None:
    assert grade(WAVES, "Each wave waits for the previous one to be healthy.").verdict == "partial"


def test_a_long_answer_with_only_a_side_point_gets_no_floor() -> None:
    answer = "Each wave waits for the previous one to be healthy." + FILLER
    assert len(answer.split()) > 40
    assert grade(WAVES, answer).verdict == "fail"


def test_a_long_answer_that_says_a_required_concept_keeps_the_floor() -> None:
    answer = "Argo CD applies the lowest wave first." + FILLER
    assert grade(WAVES, answer).verdict == "partial"


# --- "never stops running" says it always runs (QA fresh-eyes-5 G1) --------------------------------

RUNNING = free_text(Concept("loop", "The agent runs continuously", ("runn*",), required=True))


def test_a_negated_stopping_verb_keeps_the_activity() -> None:
    assert statuses(RUNNING, "The agent never stops running, so drift is fixed.")["loop"] == "hit"
    assert statuses(RUNNING, "The controller doesn't stop running between commits.")["loop"] == "hit"
    assert statuses(RUNNING, "The agent is not running between syncs.")["loop"] == "negated"


# --- a full stop before closing markup ends the sentence (handover from session 6) --------------------


def test_a_full_stop_inside_bold_or_brackets_ends_the_sentence() -> None:
    from gitops_tutor.grading.text import tokenize

    for text in (
        "Prune is off.** Self-heal** is on.",
        "Prune is off.) Self-heal is on.",
        'It is off." Self-heal is on.',
    ):
        sentences = {t.raw: t.sentence for t in tokenize(text)}
        assert sentences["off"] != sentences["heal"], text


# --- a longer compound is no typo ("applications" is not "applicationset") ----------------------------

APPSET = free_text(Concept("appset", "An ApplicationSet generates the apps", ("applicationset",), required=True))


def test_a_compound_is_not_a_typo_of_its_first_part() -> None:
    assert statuses(APPSET, "One root Application installs the child applications.")["appset"] == "missed"
    assert statuses(APPSET, "An applicatonset generates one app per cluster.")["appset"] == "hit"  # a real typo
