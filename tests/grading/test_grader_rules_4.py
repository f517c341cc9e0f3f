"""Grader rules from the trap authors' findings (issue 12): each failed before its rule."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gitops_tutor.curriculum.models import Concept, WrongClaim
from gitops_tutor.grading import Grader, GradeResult, shape
from gitops_tutor.grading.text import tokenize
from tests.grading.conftest import free_text

GRADER = Grader({})


def status(question: object, answer: str, concept_id: str = "idea") -> str:
    result: GradeResult = GRADER.grade(question, answer)  # type: ignore[arg-type]
    return next(c.status for c in result.concepts if c.id == concept_id)


def claims(question: object, answer: str) -> list[str]:
    return [c.id for c in GRADER.grade(question, answer).wrong_claims]  # type: ignore[arg-type]


TEMPLATED = free_text(
    Concept("idea", "the project is not templated", ("project shouldnt be templated",), required=True),
    claims=(WrongClaim("manual", "switch to manual sync", ("you should switch to manual sync",), penalty=40),),
)


def test_a_negative_contraction_is_no_typo_of_its_positive_form() -> None:
    assert status(TEMPLATED, "The project should be templated too") == "missed"
    assert status(TEMPLATED, "The project shouldn't be templated") == "hit"
    assert claims(TEMPLATED, "You shouldn't switch to manual sync for this") == []
    assert claims(TEMPLATED, "You should switch to manual sync for this") == ["manual"]


IMAGE = free_text(
    Concept("idea", "the ImageRepository scans the registry", ("imagerepository scans",), required=True),
    claims=(WrongClaim("swap", "ImageRepository picks the tag", ("imagerepository picks",), penalty=40),),
)


def test_a_phrase_does_not_skip_words_over_a_comma() -> None:
    assert claims(IMAGE, "ImageRepository scans, ImagePolicy picks the tag") == []
    assert claims(IMAGE, "The ImageRepository also picks the newest tag") == ["swap"]
    assert status(IMAGE, "ImageRepository, scans the registry") == "hit"  # next word over a comma still joins


SYNCED = free_text(
    Concept("idea", "drift shows as OutOfSync", ("outofsync",), required=True),
    claims=(WrongClaim("stays", "the app stays synced", ("stays synced",), penalty=40),),
)


def test_a_phrase_gap_does_not_swallow_out_of() -> None:
    assert claims(SYNCED, "After the edit the app stays out of sync, so it shows OutOfSync") == []
    assert claims(SYNCED, "After the edit the app stays fully synced") == ["stays"]


def test_its_whats_thats_are_contractions_not_possessives() -> None:
    assert [t.raw for t in tokenize("It's what's in Git, that's all; Argo CD's UI")] == [
        *("its", "whats", "in", "git", "thats", "all", "argo", "cd", "ui"),
    ]
    assert {"its", "whats", "thats", "theres"} <= shape.FUNCTION_WORDS  # grammar for the list-shape check
    lexicon = Grader({"desired state": ("whats in git",)})
    question = free_text(Concept("idea", "the desired state", ("desired state",), required=True))
    assert lexicon.grade(question, "Argo CD compares the cluster with what's in Git").verdict == "pass"


WAIT = free_text(Concept("idea", "health checks wait for readiness", ("wait* .. ready",), required=True))


@pytest.mark.parametrize(
    "denial",
    [
        "isn't necessary",
        "is not used by Flux",
        "is not how it works",
        "has nothing to do with it",
        "makes no difference",
        "doesn't trigger anything",
        "doesn't really matter",
        "isn't really needed",
        "doesn't really change anything",
    ],
)
def test_a_denial_after_the_idea_negates_it(denial: str) -> None:
    assert status(WAIT, f"Waiting until it is ready {denial}") == "negated"
    assert status(WAIT, "Waiting until it is ready matters") == "hit"


def test_only_warns_describes_a_mode_without_denying_it() -> None:
    audit = free_text(Concept("idea", "roll out in audit mode first", ("audit mode",), required=True))
    assert status(audit, "Start in audit mode: audit mode only warns, enforce mode blocks.") == "hit"
    assert status(audit, "Audit mode only warns") == "hit"


AGE_KEY = free_text(
    Concept("idea", "the age key decrypts the files", ("age key",), required=True),
    Concept("set", "the key stays in the cluster", ("key & cluster",)),
)


def test_without_x_then_a_result_stresses_x() -> None:
    assert status(AGE_KEY, "Without the age key, nothing can decrypt the files") == "hit"
    assert status(AGE_KEY, "Without the key in the cluster, Flux cannot decrypt anything", "set") == "hit"
    assert status(AGE_KEY, "It works fine without the age key") == "negated"
    assert status(AGE_KEY, "Without the age key.") != "hit"  # no result named: nothing stressed


CROSS = free_text(Concept("idea", "cross-namespace references are the risk", ("cross namespace ref*",)))


def test_stop_blocks_a_thing_without_denying_it() -> None:
    assert status(CROSS, "The controller flags stop cross namespace references") == "hit"
    assert status(CROSS, "Flux stopped allowing cross namespace references") == "negated"


def test_one_long_item_does_not_hide_a_keyword_list() -> None:
    answer = "hub, in-cluster, outbound, NAT, credentials, upgrades, single point of failure"
    assert shape.list_shape(answer, tokenize(answer)) == shape.KEYWORD_LIST
    prose = "Commit replicas 10 via fast PR; or pause selfHeal, scale, commit, re-enable."
    assert shape.list_shape(prose, tokenize(prose)) != shape.KEYWORD_LIST


def test_which_questions_would_you_ask_asks_for_a_list() -> None:
    assert shape.asks_for_list("Which questions would you ask of each candidate tool?")
    assert not shape.asks_for_list("How does Flagger run a canary, and what happens when its checks fail?")


PLATFORM = Concept("idea", "Platform repo references each team's repo", ("points at", "referenc*"), required=True)
TEAM = Concept("team", "Team repos hold each team's apps", ("own* .. repo",))
REPOS = replace(
    free_text(PLATFORM, TEAM), prompt="How do you split the platform repo and the team repos between the teams?"
)


def test_a_relative_clause_has_its_own_subject() -> None:
    assert status(REPOS, "Each team owns a repo that the central repo points at") == "hit"
    assert status(REPOS, "Each team owns a repo and the team repo points at other repos") == "negated"
    assert status(REPOS, "The platform repo lists the team repo, which references its own apps") == "negated"
    assert status(REPOS, "The team repo is a copy, which points at every other repo") == "negated"


WAVES = free_text(
    Concept("idea", "Lowest wave is applied first", ("lowest .. first",), required=True),
    Concept("prune", "Pruning goes highest wave first", ("highest .. first", "prun* .. highest")),
)


def test_an_opposite_direction_concept_is_not_denied_by_its_sibling_wording() -> None:
    assert status(WAVES, "Argo CD applies the lowest wave first and waits for health.", "prune") == "missed"
    assert status(WAVES, "Pruning also goes by the lowest wave first.", "prune") == "negated"


UNDO = free_text(
    Concept("idea", "git revert", ("git revert",), required=True),
    claims=(WrongClaim("undo", "kubectl rollout undo", ("rollout undo",), penalty=40),),
)


def test_going_back_is_the_advice_not_a_bad_consequence() -> None:
    assert claims(UNDO, "Run kubectl rollout undo and it will go back to the old version") == ["undo"]
    assert claims(UNDO, "A rollout undo would be reverted by Argo CD on the next sync") == []


TRACEABLE = free_text(
    Concept("idea", "a PR is traceable", ("pull request",), required=True),
    claims=(WrongClaim("same", "kubectl is as traceable", ("just as traceable",), penalty=40),),
)


def test_not_just_as_denies_while_not_just_adds() -> None:
    assert claims(TRACEABLE, "A kubectl edit is not just as traceable as a pull request") == []
    assert claims(TRACEABLE, "A kubectl edit is just as traceable as a pull request") == ["same"]


def test_a_mistake_to_think_reports_the_claim() -> None:
    assert claims(UNDO, "It's a common mistake to think a rollout undo is enough; do a git revert") == []
    assert claims(UNDO, "I think a rollout undo is enough") == ["undo"]


REDUNDANT = free_text(
    Concept("idea", "both are needed", ("both",), negated_by=("admission control is redundant",), required=True),
    claims=(WrongClaim("ci", "CI alone is enough", ("ci alone is enough",), penalty=40),),
)


def test_a_quoted_claim_is_mentioned_not_made() -> None:
    answer = 'Their claim: "CI alone is enough, admission control is redundant." No: you need both.'
    assert claims(REDUNDANT, answer) == []
    assert status(REDUNDANT, answer) == "hit"
    assert claims(REDUNDANT, "CI alone is enough, admission control is redundant.") == ["ci"]
    assert status(REDUNDANT, "CI alone is enough; admission control is redundant, both are a waste") == "negated"


FIX = free_text(Concept("idea", "reconciliation fixes drift", ("fix* drift",), required=True))


def test_a_denied_manner_does_not_deny_the_act() -> None:
    assert status(FIX, "Don't fix drift by editing it back with kubectl; commit to Git.") == "hit"
    assert status(FIX, "Don't fix drift, it is a feature.") == "negated"


HEALTH = free_text(Concept("idea", "health shows broken resources", ("health* .. unhealthy",), required=True))


def test_a_turned_word_that_echoes_the_phrase_states_no_opposite() -> None:
    assert status(HEALTH, "Health is whether the app is healthy.") == "missed"
    assert status(HEALTH, "Health shows the app as unhealthy when pods crash.") == "hit"


def test_without_x_then_a_good_result_does_not_stress_x() -> None:
    assert status(AGE_KEY, "Without the age key, everything still works.") != "hit"
    assert status(AGE_KEY, "Without the age key, decryption fails.") == "hit"


def test_a_subject_relative_clause_keeps_the_main_subject() -> None:
    assert status(REPOS, "The team repo is the one that points at every other repo") == "negated"
