"""Lexicon classes mined from the blind tuning answers of waves 4-9 (lexicon-miner-3), each with its trap.

Each class is proved by a pair of answers: one in the plain words a writer used (it meets the rubric's
term only through the class) and one that says something else with the same neighbouring words (it must
still miss). The traps are near forms that were tried and left out, because a correct answer lost its
pass or a partial one passed with them.
"""

from __future__ import annotations

from gitops_tutor.curriculum.models import Concept
from gitops_tutor.grading import Grader
from tests.grading.conftest import free_text


def status(grader: Grader, phrasing: str, answer: str) -> str:
    question = free_text(Concept("c", phrasing, (phrasing,), required=True))
    return grader.grade(question, answer).concepts[0].status


def test_caretaker_and_housekeeper_are_the_controller(shipped_grader: Grader) -> None:
    """'a caretaker lives inside the cluster' (waves 5, 7, 9): the analogy names the in-cluster controller."""
    with_it = "With pull, a caretaker lives inside the cluster and keeps checking that it matches the repo."
    without = "With pull, nothing from outside has to reach into the cluster any more."
    assert status(shipped_grader, "controller* .. inside", with_it) == "hit"
    assert status(shipped_grader, "controller* .. inside", without) == "missed"
    assert status(shipped_grader, "controller*", "the housekeepers who read the plan, one in each house") == "hit"


def test_by_itself_and_without_clicking_are_automatically(shipped_grader: Grader) -> None:
    """'Argo syncs by itself', 'syncs without anyone clicking': the rubric said 'sync* automatically'."""
    assert status(shipped_grader, "sync* automatically", "when Git has a new revision, Argo syncs by itself") == "hit"
    assert status(shipped_grader, "sync* automatically", "Argo syncs without anyone clicking the button") == "hit"
    assert status(shipped_grader, "sync* automatically", "Argo syncs when someone clicks the button") == "missed"


def test_keeps_serving_is_keeps_running(shipped_grader: Grader) -> None:
    """'the current version keeps serving', 'the old app version stays up' (argocd-presync-migration-hook)."""
    assert (
        status(shipped_grader, "old version keeps running", "the job fails and the old version keeps serving") == "hit"
    )
    assert status(shipped_grader, "old version keeps running", "so the old app version stays up, untouched") == "hit"
    assert status(shipped_grader, "old version keeps running", "the job fails and the old version is gone") == "missed"


def test_the_bouncer_at_the_door_is_admission_control(shipped_grader: Grader) -> None:
    """'the webhook is the bouncer at the door' (policy-ci-and-admission), 'the door robot' (policy-mutation-drift)."""
    assert status(shipped_grader, "admission control*", "CI is the spell checker, the webhook is the bouncer") == "hit"
    assert status(shipped_grader, "admission control*", "the door robot rewrites the tag to a digest") == "hit"
    assert status(shipped_grader, "admission control*", "CI is the spell checker, nothing else checks") == "missed"


def test_the_thing_inside_the_cluster_is_the_controller(shipped_grader: Grader) -> None:
    """'The thing running inside the cluster notices the repo changed' (where-ci-stops-in-gitops, waves 4, 7, 8)."""
    with_it = "The thing running inside the cluster notices the repo changed and rolls it out."
    without = "The pipeline notices the repo changed and rolls it out."
    assert status(shipped_grader, "controller* .. notice*", with_it) == "hit"
    assert status(shipped_grader, "controller* .. notice*", without) == "missed"


def test_honour_the_ignore_list_is_respect_ignore_differences(shipped_grader: Grader) -> None:
    """'switch on the option that makes sync honour the ignore list' (drift-cert-manager-cabundle, waves 4-9)."""
    with_it = "switch on the option that makes sync honour the ignore list, not just the comparison"
    without = "switch on the option that makes sync skip the comparison"
    assert status(shipped_grader, "respect the ignore", with_it) == "hit"
    assert status(shipped_grader, "respect the ignore", without) == "missed"


def test_kids_are_children(shipped_grader: Grader) -> None:
    """'a parent that only knows about its kids' (what-is-app-of-apps), 'doesn't look inside its kids'."""
    assert status(shipped_grader, "parent app* .. child*", "a parent app that only knows about its kids") == "hit"
    assert status(shipped_grader, "parent app* .. child*", "a parent app that only knows about itself") == "missed"


def test_push_hook_is_a_webhook(shipped_grader: Grader) -> None:
    """'add a push hook in the repo settings pointing to /api/webhook' (argocd-detect-new-commit, waves 5, 7)."""
    assert status(shipped_grader, "webhook*", "let GitHub call Argo: add a push hook in the repo settings") == "hit"
    assert status(shipped_grader, "webhook*", "we added a repo hook with a shared secret") == "hit"
    assert status(shipped_grader, "webhook*", "let Argo look at the repo every minute instead") == "missed"


def test_nobody_looking_is_unreviewed(shipped_grader: Grader) -> None:
    """'goes live without anybody else looking' (anti-pattern-no-branch-protection, waves 5, 8, 9)."""
    with_it = "one tired person with a typo goes live without anybody else looking"
    assert status(shipped_grader, "unreviewed", with_it) == "hit"
    assert status(shipped_grader, "unreviewed", "one bot gone wrong can change production with nobody looking") == "hit"
    assert status(shipped_grader, "unreviewed", "one tired person with a typo takes the site down") == "missed"
    # "nobody checks" alone is drift nobody notices, not a missing review (infra-iac-ci-not-gitops)
    assert status(shipped_grader, "unreviewed", "between merges nobody checks the real cloud") == "missed"


def test_converge_is_reconcile(shipped_grader: Grader) -> None:
    """'a new cluster just starts its agent and converges by itself' (why-opengitops-requires-pull, long answers)."""
    assert status(shipped_grader, "reconcil* .. new cluster", "converges as soon as a new cluster starts") == "hit"
    assert status(shipped_grader, "reconcil*", "a new or rebuilt cluster starts its agent and converges") == "hit"
    assert status(shipped_grader, "reconcil*", "a new or rebuilt cluster starts its agent and waits") == "missed"


def test_expanded_yaml_is_hydration(shipped_grader: Grader) -> None:
    """'have CI spit out the fully expanded YAML and commit that' (reproducible-commit-sha, waves 7 and 9)."""
    assert status(shipped_grader, "hydrat*", "have CI spit out the fully expanded YAML and commit that") == "hit"
    assert status(shipped_grader, "hydrat*", "store the finished, flat YAML as its own commit") == "hit"
    assert status(shipped_grader, "hydrat*", "have CI lint the YAML and commit that") == "missed"
    # Argo CD turning a chart into plain YAML is no hydration (helm-template-vs-helm-sdk)
    assert status(shipped_grader, "hydrat*", "Argo just turns the chart into plain YAML and applies it") == "missed"


def test_plural_dont_stick_is_revert(shipped_grader: Grader) -> None:
    """rubrics-B's request: "manual changes don't survive", "hand edits don't stick" (drift-selfheal-vs-automated)."""
    assert status(shipped_grader, "manual change* .. revert*", "with self-heal, manual changes don't survive") == "hit"
    assert (
        status(shipped_grader, "revert*", "hand edits don't stick, Flux puts them back on the next interval") == "hit"
    )
    assert status(shipped_grader, "revert*", "hand edits stay until the next commit") == "missed"


def test_keys_to_production_is_a_credential(shipped_grader: Grader) -> None:
    """'the build server holds the keys to production' (push-vs-pull-benefits, ci-kubectl-apply-is-it-gitops)."""
    assert status(shipped_grader, "ci .. credential*", "so our CI server holds the keys to production") == "hit"
    assert status(shipped_grader, "ci .. credential*", "so our CI server only writes to the repo") == "missed"


def test_forms_left_out_stay_out(shipped_grader: Grader) -> None:
    """'carry on' split round its object ('a merge carries everything on') is no 'keeps running'; 'doorman'
    splits traffic; 'on its own cluster' is no 'automatically'; 'out of the box' is no 'default' (the rubric's
    'upgrades crds out of the box' then met 'upgrade.crds defaults'); 'master key' is no credential; 'ignore list'
    is no ignoreDifferences."""
    assert status(shipped_grader, "keep* running", "a merge carries everything on the source branch") == "missed"
    assert status(shipped_grader, "admission control*", "you need a smart doorman that splits traffic") == "missed"
    assert status(shipped_grader, "own cluster", "each store runs on its own cluster") == "hit"
    assert status(shipped_grader, "default*", "out of the box the parent does not look inside") == "missed"
    assert status(shipped_grader, "credential*", "back up the sealed-secrets master key") == "missed"
    # "ignore list" is no alias of ignoreDifferences: the rubric's "ignore list .. apply" (the sync option) then met
    # every answer saying ignoreDifferences doesn't change what Argo applies
    partial = "ignoreDifferences only hides the difference in the diff, it doesn't change what Argo applies"
    assert status(shipped_grader, "ignore list .. apply", partial) == "missed"
    # "kinds of objects" is no class: "two kinds of objects" must still meet the rubric's "two objects"
    assert status(shipped_grader, "two objects", "in Flux you create two kinds of objects") == "hit"
