"""A concept said in other words (grading/implied.py, freetext.IMPLIED_NOTE): its own words, met in one
sentence, credit it; denials, wrong claims, shared words and answers that state no idea do not."""

from __future__ import annotations

from gitops_tutor.curriculum.models import Concept, WrongClaim
from gitops_tutor.grading import Grader, GradeResult
from gitops_tutor.grading.aliases import AliasMap
from gitops_tutor.grading.implied import FIELD_WORDS, concept_vocabularies
from gitops_tutor.grading.text import stem
from tests.grading.conftest import free_text

GRADER = Grader({})

DRIFT = free_text(
    Concept("pull", "An agent in the cluster pulls the desired state", ("pull* .. from git",), required=True),
    Concept(
        "self-heal",
        "Manual edits in the cluster are overwritten with what Git declares",
        ("overwrit* .. manual edit*", "manual edit* .. reverted"),
        required=True,
    ),
    claims=(WrongClaim("ci-push", "Claims CI pushes every change into the cluster", ("ci .. push*",)),),
)


def grade(answer: str) -> GradeResult:
    return GRADER.grade(DRIFT, answer)  # type: ignore[arg-type]


def statuses(result: GradeResult) -> list[str]:
    return [c.status for c in result.concepts]


def test_a_concept_in_plain_words_is_credited_with_its_sentence_as_evidence() -> None:
    answer = "The agent pulls from Git all the time. If someone edits by hand, that manual change gets overwritten."
    result = grade(answer)
    assert statuses(result) == ["hit", "hit"]
    assert result.verdict == "pass"
    said = [answer[a:b] for a, b in result.concepts[1].evidence]
    assert {"manual", "overwritten"} <= set(said)  # the concept's own words, where the learner said them


def test_the_same_words_in_a_denial_credit_nothing() -> None:
    answer = "The agent pulls from Git all the time. A manual change is never overwritten."
    assert statuses(grade(answer)) == ["hit", "missed"]


def test_an_answer_with_a_wrong_claim_gets_no_credit_in_other_words() -> None:
    answer = "The agent pulls from Git. CI pushes too. If someone edits by hand, the manual change is overwritten."
    result = grade(answer)
    assert result.wrong_claims
    assert statuses(result)[1] == "missed"


def test_words_alone_never_state_the_first_idea() -> None:
    """Without a concept met by its phrasings the answer states no idea, so plain words are not read."""
    answer = "Overwritten manual stuff, overwritten manual stuff."
    assert statuses(grade(answer)) == ["missed", "missed"]
    assert grade(answer).verdict == "fail"


def test_a_vocabulary_keeps_only_words_its_concept_owns() -> None:
    """Prompt words, the field's common words and words two concepts share tell no concept apart."""
    vocabularies = concept_vocabularies(
        [("rollback .. history", "argo .. revision*"), ("revision* .. git", "promote .. image tag")],
        frozenset({stem("image")}),
        AliasMap({}),
    )
    assert "histor" in {w[:6] for w in vocabularies[0]}
    assert not any(w.startswith("revision") or w.startswith("revis") for w in vocabularies[0] | vocabularies[1])
    assert stem("image") not in vocabularies[1]
    assert not (vocabularies[0] | vocabularies[1]) & FIELD_WORDS
    assert stem("promote") in vocabularies[1]
