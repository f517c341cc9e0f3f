"""Shipped misconceptions on real questions: correct answers they once charged stay clean, and the
false beliefs of wave 8's wrong answers are caught in the questions where they were written."""

from __future__ import annotations

import pytest

from gitops_tutor.curriculum.models import Curriculum, FreeTextQuestion
from gitops_tutor.grading import Grader


def myths_found(grader: Grader, shipped: Curriculum, question_id: str, answer: str) -> list[str]:
    question = shipped.questions[question_id]
    assert isinstance(question, FreeTextQuestion)
    return [claim.id for claim in grader.grade(question, answer).wrong_claims if claim.truth]


@pytest.mark.parametrize(
    ("question_id", "answer"),
    [
        # fresh-eyes-3: "latest ... never changes in Git" was read as "latest is immutable"
        (
            "promotion-mutable-tags",
            "With latest, the manifest in Git never changes when a new image is pushed, so nobody reviews it and the"
            " controller sees no diff; you also can't tell from Git which build is running. Use an immutable tag per"
            " build (commit SHA) or a digest.",
        ),
        # self-play: listing what a wrong prune deletes is not "prune deletes the whole namespace"
        (
            "unguarded-prune-anti-pattern",
            "Prune deletes everything in cluster which is not in repository anymore, so a mistake in repository -"
            " moved folder, broken file, empty commit - becomes deletion: namespace, volume with data, or CRD with"
            " all its objects.",
        ),
        # "Argo, prune is off by default" is the truth, not "Argo CD prunes by default"
        ("unguarded-prune-anti-pattern", "In Argo, prune is off by default, so someone turned it on deliberately."),
        # deleting the leaked key after rotating is right; only renewal "deleting old keys" is the myth
        (
            "secrets-sealed-key-leak-sequence",
            "Force a new sealing key now with --key-cutoff-time, rotate every password at its source, seal the new"
            " values with the new key and commit, then delete the old key and investigate.",
        ),
        # self-play: the repo-server "builds the YAML"; only building images is the myth
        (
            "secrets-argocd-render-time-warning",
            "Because the part of Argo CD that builds the YAML keeps what it built in a cache, and that cache holds"
            " the passwords as readable text.",
        ),
        # self-play: with argocd-agent the hub needs no inbound path; only agents needing inbound is the myth
        (
            "argocd-agent-what-it-changes",
            "The agent connects outward to the principal, so the hub needs no inbound path or admin credentials for"
            " the clusters, and clusters keep syncing if the hub is down.",
        ),
        # tuning: the truth about IgnoreExtraneous, tersely
        (
            "drift-ignore-extraneous-myth",
            "IgnoreExtraneous = ignore resources not in git for sync status, doesn't mask field diffs on managed obj."
            " commit the fix to git or resync",
        ),
    ],
)
def test_correct_answers_are_not_charged_with_a_misconception(
    shipped_grader: Grader, shipped: Curriculum, question_id: str, answer: str
) -> None:
    assert myths_found(shipped_grader, shipped, question_id, answer) == []


@pytest.mark.parametrize(
    ("question_id", "answer", "myth"),
    [
        (
            "one-repo-or-two",
            "It has to be one repository, because Argo CD builds the image during sync from the Dockerfile.",
            "argocd-builds-images",
        ),
        (
            "drift-ignore-differences-still-resets-replicas",
            "ignoreDifferences applies to both the diff and the sync, so the reset must come from the HPA.",
            "ignore-differences-skips-sync",
        ),
        (
            "argocd-rollback-refused-under-auto-sync",
            "During an incident leave Git alone and wait for the automatic rollback to the last healthy revision.",
            "argocd-auto-rollback-on-failure",
        ),
        (
            "flux-suspend-when-and-risks",
            "Suspending a Kustomization deletes its resources until you resume it, so expect downtime.",
            "suspend-deletes-resources",
        ),
        (
            "secrets-renewal-vs-rotation",
            "Yes: every 30 days the controller re-encrypts all SealedSecrets with the new key.",
            "sealed-secrets-renewal-is-rotation",
        ),
        (
            "ordering-infra-before-apps",
            "Give the infrastructure the highest wave, because Argo CD applies the highest wave first.",
            "sync-waves-misordered",
        ),
        (
            "app-of-apps-or-applicationset",
            "Non-admins can safely create ApplicationSets: the controller checks the creator's RBAC.",
            "applicationset-checks-creator-rbac",
        ),
        (
            "why-opengitops-requires-pull",
            "Pull keeps credentials inside, but once a webhook triggers the sync it counts as push anyway.",
            "webhook-makes-it-push",
        ),
    ],
)
def test_wave_8_false_beliefs_are_caught_in_questions_in_scope(
    shipped_grader: Grader, shipped: Curriculum, question_id: str, answer: str, myth: str
) -> None:
    assert myth in myths_found(shipped_grader, shipped, question_id, answer)
