"""Correct answers phrased with a negative are no denials (issue 12, grader-6). Each failed before its rule."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gitops_tutor.curriculum.models import Concept, Curriculum, WrongClaim
from gitops_tutor.grading import Grader, GradeResult
from gitops_tutor.grading.negation import loss_scope
from tests.grading.conftest import free_text

GRADER = Grader({})


def grade(question: object, answer: str) -> GradeResult:
    return GRADER.grade(question, answer)  # type: ignore[arg-type]


def status(question: object, answer: str, concept_id: str = "idea") -> str:
    return next(c.status for c in grade(question, answer).concepts if c.id == concept_id)


def idea(label: str, *phrasings: str) -> object:
    return free_text(Concept("idea", label, phrasings, required=True))


# --- rule 1: a negative that limits time is no denial -------------------------------------------


STAYS = idea("Without selfHeal the change stays until a new commit", "until .. commit*")


def test_a_negation_before_until_limits_time() -> None:
    """ "not reverted until someone commits" says when the change goes: "until someone commits" is asserted."""
    assert status(STAYS, "The manual scale is not reverted until someone commits again.") == "hit"
    migration = idea("the app waits for the migration to finish", "migration .. finish*")
    assert status(migration, "Argo CD does not roll out the app until the migration finishes.") == "hit"


def test_a_negation_after_until_still_denies() -> None:
    kept = idea("the change is kept", "kept")
    assert status(kept, "The change is not kept until anyone commits.") == "negated"  # the cue is before "kept"


@pytest.mark.parametrize(
    ("question_id", "answer", "concept_id"),
    [
        (
            "flux-kustomization-interval-prune-drift",
            "interval says how often kustomize-controller re-applies the source, like every 10m; prune: true means "
            "objects that vanish from the repo get garbage-collected from the cluster. A manual kubectl edit survives "
            "only until the next reconcile, when Flux server-side-applies the Git version over it.",
            "edit-reverted",
        ),
        (
            "term-ft-drift-and-reconciliation",
            "Drift means the cluster no longer looks like Git. Reconciliation is the controller noticing that and "
            "fixing it, which is why drift doesn't last in a reconciled system.",
            "relation",
        ),
    ],
)
def test_a_change_that_does_not_last_is_reverted(
    shipped: Curriculum, shipped_grader: Grader, question_id: str, answer: str, concept_id: str
) -> None:
    """The lexicon reads "doesn't last", "won't stick", "survives only until" as revert (fresh-eyes-3 #2)."""
    result = shipped_grader.grade(shipped.questions[question_id], answer)  # type: ignore[arg-type]
    assert next(c.status for c in result.concepts if c.id == concept_id) == "hit"
    assert result.verdict == "pass"


def test_an_edit_kept_until_the_next_commit_still_fails(shipped: Curriculum, shipped_grader: Grader) -> None:
    wrong = (
        "interval is how often it re-applies, prune deletes removed objects, and the kubectl edit survives until the "
        "next git commit because Flux only applies when Git changes."
    )
    result = shipped_grader.grade(shipped.questions["flux-kustomization-interval-prune-drift"], wrong)  # type: ignore[arg-type]
    assert result.verdict == "fail"


# --- rule 2: a concept that names a loss is stated by denying the lost thing ----------------------


ROLLBACK = idea("Reverts and rollbacks stop working", "rollback", "roll back", "revert*")
RECORD = idea("Git no longer records which image runs (audit, reproducibility)", "audit*", "which image")


def test_denying_what_a_loss_concept_says_is_lost_states_it() -> None:
    assert status(ROLLBACK, "Git stops describing what runs and you can't roll back reliably.") == "hit"
    assert status(ROLLBACK, "Rolling back by reverting won't help either.") == "hit"
    assert status(RECORD, "latest can change w/o git changing -> no audit, nodes drift.") == "hit"
    assert status(RECORD, "you cannot tell from Git which image is running") == "hit"


def test_a_concept_that_names_no_loss_is_still_denied() -> None:
    assert status(idea("Use audits and rollbacks", "audit*", "rollback"), "there is no audit") == "negated"
    guard = idea("Staged rollout that can stop on failure", "staged rollout*")  # "can stop": an ability
    assert status(guard, "there is no staged rollout") == "negated"
    fix = idea("Break the loop (path filters)", "path filter*")  # an instruction, not a loss
    assert status(fix, "we have no path filters") == "negated"
    access = idea("Read-only human access and a break-glass path", "read only")  # "break-glass" is a name
    assert status(access, "people do not get read only access") == "negated"


def test_the_loss_scope_is_the_part_of_the_label_that_is_lost() -> None:
    both = loss_scope("Force pushes rewrite history and break the audit trail")
    assert "audit" in both and "rewrit" not in both and "history" not in both
    assert loss_scope("Suspend stops reconciliation so manual changes are not reverted") >= {"reconcil", "suspend"}
    assert not loss_scope("Use immutable version tags or digests")


def test_a_phrasing_that_names_the_stopping_is_not_flipped() -> None:
    """ "Suspend stops reconciliation": "don't pause reconciliation" still denies it."""
    suspend = idea("Suspend stops reconciliation so manual changes are not reverted", "pause* reconcil*")
    assert status(suspend, "you should not pause reconciliation") == "negated"


# --- rule 3: a negation's scope ends where what it denies ends ------------------------------------


def test_a_negation_does_not_reach_into_an_embedded_question() -> None:
    """ "It says nothing about whether it works": the telling is denied, not the working."""
    works = idea("health says whether the app works", "whether .. works")
    assert status(works, "Sync status says nothing about whether it works.") == "hit"
    assert status(works, "Health never works.") == "missed"


def test_a_prohibited_manner_does_not_deny_the_act() -> None:
    """ "Don't create the child apps by hand": the manner is denied, not that children are created."""
    children = free_text(
        Concept(
            "idea",
            "the parent creates child Applications",
            ("child app*",),
            required=True,
            negated_by=("never creat* child*",),
        )
    )
    assert status(children, "Don't create the child apps by hand in the UI, they would not be in Git.") == "hit"
    assert status(children, "Don't create the child apps in the UI.") == "hit"
    assert status(children, "The root never creates child apps.") == "negated"
    manual = idea("manual changes are reverted", "revert* .. manual change*")
    assert status(manual, "selfHeal doesn't revert manual changes") == "negated"  # "manual" names the changes


def test_a_denial_said_of_the_other_party_denies_nothing() -> None:
    """ "Argo CD has no release history" in a comparison does not deny that Flux keeps one."""
    question = replace(
        free_text(
            Concept("argo", "Argo CD renders the chart with helm template", ("helm template",), required=True),
            Concept("idea", "Flux keeps a release history", ("release history",)),
        ),
        prompt="What changes because Argo CD uses helm template while Flux makes real releases?",
    )
    answer = "Argo CD uses helm template. Argo CD has no release history."
    assert status(question, answer) == "missed"
    assert status(question, "Argo CD uses helm template. Flux has no release history.") == "negated"


# --- rule 4: double negatives read as affirmations -----------------------------------------------


def test_a_negation_turned_round_by_without_affirms() -> None:
    review = idea("changes are reviewed before merge", "review*")
    assert status(review, "The repo won't accept a merge without review.") == "hit"
    assert status(review, "Nothing reaches main without a review.") == "hit"
    assert status(review, "Merges go in without review.") == "negated"
    assert status(review, "There is no review.") == "negated"


# --- wrong claims that the answer's own words reject -----------------------------------------------


def claims(question: object, answer: str) -> list[str]:
    return [c.id for c in grade(question, answer).wrong_claims]


def wrong(claim_phrasing: str) -> object:
    return free_text(
        Concept("idea", "an idea", ("xyzzy",), required=True), claims=(WrongClaim("w", "wrong", (claim_phrasing,)),)
    )


def test_not_just_before_a_claim_denies_it() -> None:
    once = wrong("once at deploy time")
    assert claims(once, "It keeps fixing any difference, not just once at deploy time.") == []
    assert claims(once, "It applies the manifests once at deploy time.") == ["w"]


def test_everything_except_is_not_everything() -> None:
    everything = wrong("git has everything")
    assert claims(everything, "The repo is a locked diary: git has everything except the keys.") == []
    assert claims(everything, "git has everything, so just reinstall.") == ["w"]


def test_dont_just_is_still_a_prohibition() -> None:
    stick = wrong("edits stick")
    assert (
        claims(stick, "Don't just turn off self-heal so manual edits stick, because Git stops describing prod.") == []
    )
    assert claims(stick, "Turn off self-heal so manual edits stick.") == ["w"]


def test_a_verdict_after_an_appositive_judges_it() -> None:
    lookup = wrong("lookup of the existing secret")
    answer = "The usual Helm trick, lookup of the existing Secret, doesn't help because helm template has no cluster."
    assert claims(lookup, answer) == []
    assert claims(lookup, "Use the lookup of the existing Secret, it keeps the password.") == ["w"]


def test_what_teams_treat_as_true_is_attributed() -> None:
    outside = wrong("controller .. outside the system")
    assert claims(outside, "Teams treat the GitOps controller as tooling outside the system.") == []
    assert claims(outside, "The controller is outside the system.") == ["w"]


def test_a_plan_that_cannot_work_is_rejected() -> None:
    hub = wrong("central hub that pushes")
    assert claims(hub, "A central hub that pushes can't work here, HQ cannot reach the stores.") == []


def test_an_opposite_inside_a_prohibition_is_warned_against() -> None:
    reverted = free_text(
        Concept("idea", "a manual change is reverted", ("revert*",), required=True, negated_by=("edits stick",))
    )
    assert status(reverted, "It gets reverted. Don't just turn off self-heal so manual edits stick.") == "hit"
    assert status(reverted, "It gets reverted. Turn off self-heal so manual edits stick.") == "negated"


# --- the over-caught side: a direction word where a turned-round order ends ----------------------


def test_a_direction_reached_from_its_opposite_is_turned_round() -> None:
    """ "Waves go from highest to lowest" puts the lowest last: it does not hit "lowest wave first" (fresh-eyes-3)."""
    lowest = idea("Lowest wave first", "lowest")
    assert status(lowest, "Waves go from highest to lowest, so wave 5 is applied before wave 0.") == "negated"
    assert status(lowest, "Argo CD goes from lowest to highest.") == "hit"
    assert status(lowest, "Pruning runs from highest to lowest; applying starts at the lowest.") == "hit"


def test_a_label_word_with_un_names_what_is_lost() -> None:
    """ "untested" in a risk's label: "safer than an untested fix" states the risk, it does not deny it."""
    risk = idea("It skips promotion: untested, environments diverge", "untested")
    assert status(risk, "A revert is usually safer than an untested forward fix.") == "hit"
    assert "tested" in loss_scope("Generator input from untrusted sources, untested changes")
    assert status(idea("Use tested changes", "tested"), "nothing here is tested") == "negated"


def test_never_in_a_label_names_a_loss() -> None:
    """ "Desired never matches live": "it will never match" states it."""
    assert status(idea("Desired never matches live, so it is OutOfSync", "match*"), "it will never match") == "hit"
    assert status(idea("Desired matches live", "match*"), "it will never match") == "negated"


def test_a_default_governs_the_clauses_joined_to_it() -> None:
    """ "By default it won't delete X and it won't undo a kubectl change": both clauses describe the default."""
    heal = idea("selfHeal reverts kubectl changes", "undo* .. kubectl")
    answer = "Even with auto on, by default it won't delete things (that's prune) and it won't undo a kubectl change."
    assert status(heal, answer) == "missed"
    assert status(heal, "Out of the box it won't undo a kubectl change.") == "missed"
    assert status(heal, "With auto on it won't undo a kubectl change.") == "negated"


def test_no_risk_that_names_the_risk() -> None:
    """ "so there is no risk that Flux reverts your fix" says Flux would revert it (selfplay-6 #5)."""
    reverts = idea("reconciliation reverts a manual fix", "revert* .. fix")
    assert status(reverts, "Suspend it so there is no risk that Flux reverts your manual fix.") == "hit"
    assert status(reverts, "There is no way Flux reverts your manual fix.") == "negated"


def test_a_consequence_after_so_does_not_make_the_claim_hypothetical() -> None:
    """ "The agent tracks commit messages, so ... it would still deploy the old bad version" asserts the
    tracking (selfplay-7 #1); "a PostSync hook would be too late" still rejects the hook."""
    tracks = wrong("tracks commit messages")
    answer = (
        "The agent tracks commit messages, not hashes, so after the force-push it would still deploy the bad version."
    )
    assert claims(tracks, answer) == ["w"]
    hook = wrong("postsync hook")
    assert claims(hook, "A PostSync hook would be too late for the migration.") == []


def test_a_label_that_says_nothing_happens_is_stated_by_a_denial() -> None:
    """ "Nothing changes in Git, so nothing is reviewed or reconciled": "nothing gets reconciled" states it."""
    unseen = idea("Nothing changes in Git, so nothing is reviewed or reconciled", "reconcil*")
    assert status(unseen, "Git stays the same, so nothing gets reviewed or reconciled.") == "hit"
    assert status(idea("Changes are reconciled", "reconcil*"), "nothing gets reconciled") == "negated"


def test_a_loss_concepts_phrasing_inside_its_own_denial_is_stated_by_denying_it() -> None:
    """ "master keys" next to "no longer needs .. master keys": "the center doesn't hold the master keys" states it."""
    keys = idea("The hub no longer holds admin credentials", "master keys", "no longer needs .. master keys")
    assert status(keys, "So the center doesn't hold the master keys for every cluster.") == "hit"
    plain = idea("The hub holds admin credentials", "master keys", "no longer needs .. master keys")
    assert status(plain, "So the center doesn't hold the master keys for every cluster.") == "negated"


def test_so_after_advice_opens_a_purpose() -> None:
    """ "backport to dev and staging so envs don't diverge" names the risk; after a statement "so" is a result."""
    diverge = idea("environments diverge", "diverge")
    assert status(diverge, "Then backport the fix to dev and staging so envs don't diverge.") == "hit"
    assert status(diverge, "We use one branch with folders, so envs don't diverge.") == "negated"
