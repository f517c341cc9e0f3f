"""Role swaps: a concept said of the other party of a comparison is not a hit (grading/roles.py)."""

from __future__ import annotations

from dataclasses import replace

from gitops_tutor.curriculum.models import Concept, Curriculum
from gitops_tutor.grading import Grader
from tests.grading.conftest import free_text

SYNC = Concept(
    "sync-compares",
    "Sync status compares Git with the live state",
    ("sync* .. compar*", "compar* & git"),
    required=True,
)
HEALTH = Concept("health-works", "Health status says whether the resources work", ("health* .. work*",), required=True)
QUESTION = replace(
    free_text(SYNC, HEALTH), prompt="What is the difference between the sync status and the health status?"
)


def _statuses(answer: str) -> dict[str, str]:
    return {c.id: c.status for c in Grader().grade(QUESTION, answer).concepts}


def test_the_right_parties_hit() -> None:
    statuses = _statuses("Sync status compares Git with the cluster. Health status says whether the pods work.")
    assert statuses == {"sync-compares": "hit", "health-works": "hit"}


def test_swapped_parties_are_negated() -> None:
    answer = "Health status compares Git with the cluster, and sync status says whether the pods work."
    assert Grader().grade(QUESTION, answer).verdict == "fail"
    assert _statuses(answer)["sync-compares"] == "negated"


def test_a_clause_that_names_its_own_party_is_no_swap() -> None:
    assert _statuses("Unlike health, the sync status compares Git with the cluster.")["sync-compares"] == "hit"


def test_a_context_is_no_subject() -> None:
    """'In health checks ...' sets a scene; only a clause's subject can take a concept away."""
    assert (
        _statuses("In health checks terms nothing changes; comparing with Git is what sync does.")["sync-compares"]
        == "hit"
    )


def test_a_rubric_without_two_parties_is_left_alone() -> None:
    question = replace(QUESTION, prompt="What does the sync status say?")
    result = Grader().grade(question, "Health status compares Git with the cluster.")
    assert {c.id: c.status for c in result.concepts}["sync-compares"] == "hit"


def test_continuous_deployment_is_not_continuous_delivery(shipped: Curriculum) -> None:
    """aliases.yaml once read both as one idea, so an answer swapping the two CDs scored as right."""
    grader = Grader(shipped.aliases)
    delivery = Concept("delivery", "Continuous delivery leaves the release to a person", ("continuous delivery",))
    question = free_text(delivery)
    assert grader.grade(question, "That is continuous deployment.").concepts[0].status == "missed"
    assert grader.grade(question, "That is CD, continuous delivery.").concepts[0].status == "hit"


TOPIC = Concept("topic", "A canary sends a share of traffic", ("traffic", "canary .. share"), required=True)
OTHER = Concept("other", "Metrics decide", ("metric*", "error rate"))


def test_topic_words_alone_do_not_pass() -> None:
    """Single words name a topic; a wrong answer keeps them ("the flag routes the traffic")."""
    question = free_text(TOPIC, OTHER)
    assert Grader().grade(question, "A feature flag routes the traffic, and the metrics decide.").verdict != "pass"
    assert Grader().grade(question, "A canary gets a small share of users, and metrics decide.").verdict == "pass"


def test_a_clause_without_a_subject_continues_the_one_before() -> None:
    """'Health status compares ..., so it matches Git': the 'so' clause is still about health."""
    question = replace(
        free_text(
            Concept("sync-git", "Sync status tells whether it matches Git", ("match* .. git",), required=True),
            HEALTH,
        ),
        prompt=QUESTION.prompt,
    )
    statuses = {
        c.id: c.status
        for c in Grader()
        .grade(question, "Health status looks at the pods, so it says whether they match Git.")
        .concepts
    }
    assert statuses["sync-git"] == "negated"
    fine = "Sync status looks at the objects, so it says whether they match Git."
    assert {c.id: c.status for c in Grader().grade(question, fine).concepts}["sync-git"] == "hit"


def test_a_bare_parenthesis_lends_no_subject() -> None:
    """Reported by rubric-author: '(staging), and the last one needs a human ... prod' is about prod."""
    prod = Concept("prod", "Prod needs a human approval", ("prod* & human",), required=True)
    staging = Concept("staging", "Staging merges by itself", ("staging & merge*",))
    question = replace(free_text(prod, staging), prompt="How do changes move from staging to prod?")
    answer = "The second gate opens by itself (staging), and the last one needs a human before prod changes."
    assert {c.id: c.status for c in Grader().grade(question, answer).concepts}["prod"] == "hit"


def test_things_the_prompt_names_without_contrast_are_no_parties() -> None:
    """'Sealed Secrets ... renews its sealing key' names two things and sets neither against the other."""
    renewal = Concept("renewal", "Key renewal changes no secret value", ("renewal .. not rotation",), required=True)
    history = Concept("history", "Sealed values stay in Git history", ("git history",), required=True)
    question = replace(
        free_text(renewal, history),
        prompt="You use Sealed Secrets. Why is that a problem if it renews its sealing key?",
    )
    answer = "Renewal is not rotation, and the keys stay around to decrypt old ciphertext in Git history."
    assert {c.id: c.status for c in Grader().grade(question, answer).concepts}["history"] == "hit"


def test_the_prompts_example_of_a_party_stands_for_it() -> None:
    """ "a source such as a GitRepository": "the GitRepository applies the manifests" gives the
    Kustomization's job to the source."""
    source = Concept("source-fetches", "The source fetches the repository", ("source* .. fetch*",), required=True)
    kustomization = Concept(
        "kustomization-applies", "The Kustomization applies it", ("kustomization .. appl*",), required=True
    )
    question = replace(
        free_text(source, kustomization),
        prompt="What is the job of a source such as a GitRepository, and what is the job of a Kustomization?",
        content_hash="example-party",
    )
    swapped = "The GitRepository applies the manifests, the Kustomization stores the artifact."
    statuses = {c.id: c.status for c in Grader().grade(question, swapped).concepts}
    assert statuses["kustomization-applies"] == "negated"
    right = "The source fetches the repo. The Kustomization applies it."
    assert Grader().grade(question, right).verdict == "pass"
