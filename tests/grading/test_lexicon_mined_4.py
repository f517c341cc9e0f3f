"""Lexicon classes mined from the development data (test halves 7-9, tuning half 10) by lexicon-miner-4.

Each class is proved by a pair of answers: one in the plain words a writer used (it meets the rubric's
term only through the class) and one that says something else with the same neighbouring words (it must
still miss). Near forms that were tried and left out are held out by the last test.
"""

from __future__ import annotations

from gitops_tutor.curriculum.models import Concept
from gitops_tutor.grading import Grader
from tests.grading.conftest import free_text


def status(grader: Grader, phrasing: str, answer: str) -> str:
    question = free_text(Concept("c", phrasing, (phrasing,), required=True))
    return grader.grade(question, answer).concepts[0].status


def test_a_small_worker_in_each_cluster_is_the_controller(shipped_grader: Grader) -> None:
    """'a small worker in each one that fetches its own orders', 'the helper programs that do the syncing'
    (fleet-five-questions, argocd-agent-what-it-changes, term-ft-software-system-parts; waves 4-10)."""
    with_it = "Put a small worker in each cluster that fetches its own orders and applies them locally."
    without = "Put a firewall rule in each cluster and let the central server apply everything."
    assert status(shipped_grader, "controller* .. each cluster", with_it) == "hit"
    assert status(shipped_grader, "controller* .. each cluster", without) == "missed"
    assert status(shipped_grader, "controller*", "the helper programs in each of those places do the syncing") == "hit"
    assert status(shipped_grader, "controller*", "a little helper inside each house fetches it from the safe") == "hit"


def test_worker_alone_is_not_the_controller(shipped_grader: Grader) -> None:
    """'more workers in the controller' (argocd-slow-at-3000-apps) and a batch worker are no reconciler."""
    assert status(shipped_grader, "agent* per cluster", "our old batch worker held a lock, one per cluster") == "missed"


def test_every_so_often_is_periodically(shipped_grader: Grader) -> None:
    """'the operator checks AWS every so often' (secrets-eso-rotation-flow, waves 1, 7-9)."""
    with_it = "The operator checks AWS every so often, notices the value changed and rewrites the Secret."
    without = "The operator checks AWS once at install time and copies the value into the Secret."
    assert status(shipped_grader, "periodically", with_it) == "hit"
    assert status(shipped_grader, "periodically", without) == "missed"
    assert status(shipped_grader, "periodically", "it re-reads the backend from time to time") == "hit"


def test_hand_patch_and_hand_scaling_are_manual(shipped_grader: Grader) -> None:
    """'I need to hand-patch something mid-outage', 'someone hand-scaling the Deployment' (waves 1, 7, 8)."""
    assert status(shipped_grader, "manual* .. outage", "I need to hand-patch something mid-outage") == "hit"
    assert status(shipped_grader, "manual* .. outage", "I need to patch the chart in Git mid-outage") == "missed"
    assert status(shipped_grader, "manual* .. revert*", "Tick it and the hand-scaling gets undone in seconds") == "hit"


def test_moves_it_back_is_revert(shipped_grader: Grader) -> None:
    """'if someone moves a wall, he notices and moves it back' (rp-ft-iac-cac-and-gitops, wave 8)."""
    assert status(shipped_grader, "revert*", "If someone moves a wall, he notices and moves it back.") == "hit"
    assert status(shipped_grader, "revert*", "If someone moves a wall, he notices and tells you.") == "missed"


def test_round_numbers_are_sync_waves(shipped_grader: Grader) -> None:
    """'give each app a round number: infra gets an early round' (ordering-infra-before-apps, waves 8, 9)."""
    with_it = 'In Argo you give each app a "round number": infra gets an early round, apps a later one.'
    without = "In Argo you give each app a name: infra gets a short one, apps a longer one."
    assert status(shipped_grader, "sync wave*", with_it) == "hit"
    assert status(shipped_grader, "sync wave*", without) == "missed"
    assert status(shipped_grader, "wave*", "think numbered groups: group -1 goes in first") == "hit"


def test_the_yellow_badge_is_out_of_sync(shipped_grader: Grader) -> None:
    """'the ignore rule stops the yellow badge' (drift-ignore-differences-still-resets-replicas, waves 4, 6, 7)."""
    assert status(shipped_grader, "out of sync", "The ignore rule only stops the yellow badge in the UI.") == "hit"
    assert status(shipped_grader, "out of sync", "The ignore rule only stops the alert in the UI.") == "missed"


def test_makes_reality_match_is_reconcile(shipped_grader: Grader) -> None:
    """'a helper in each environment makes reality match the repo', 'the robot that keeps them in line'
    (rp-ft-devops-and-gitops, ci-vs-cd-in-gitops, argocd-agent-what-it-changes; waves 4-10, 12 questions)."""
    assert (
        status(shipped_grader, "agent* .. reconcil*", "an agent in each environment makes reality match the repo")
        == "hit"
    )
    assert status(shipped_grader, "agent* .. reconcil*", "an agent in each environment reads the repo") == "missed"
    assert status(shipped_grader, "reconcil*", "when the link drops each cluster keeps itself in line") == "hit"
    assert status(shipped_grader, "reconcil*", "when the link drops each cluster waits in line") == "missed"


def test_short_forms_of_terse_answers(shipped_grader: Grader) -> None:
    """'actual pw never changes', 'TF for clusters', "Argo's admin SA" (terse answers, waves 1-10)."""
    assert status(shipped_grader, "rotat* .. password*", "new key is not enough: rotate the actual pw") == "hit"
    assert status(shipped_grader, "terraform .. cluster*", "TF for clusters + landing zone") == "hit"
    assert status(shipped_grader, "service account", "close it: Argo's admin SA, impersonation") == "hit"
    assert status(shipped_grader, "service account", "close it: Argo's admin role, impersonation") == "missed"


def test_forms_left_out_stay_out(shipped_grader: Grader) -> None:
    """'next round' is the next poll, not a sync wave; 'move them back' is a traffic switch (a rollback), not
    a revert of drift; 'screen' is no ui (in-cluster-vs-external-reconciler's cost concept lists 'one ui', so
    "I can't see everything in one screen" read as a denial of it)."""
    assert status(shipped_grader, "sync wave*", "it looks at once instead of waiting for the next round") == "missed"
    assert status(shipped_grader, "revert*", "if it's wrong you move them back to the old kitchen") == "missed"
    assert status(shipped_grader, "one ui", "I can't see everything in one screen") == "missed"
