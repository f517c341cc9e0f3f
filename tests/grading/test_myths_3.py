"""Shipped misconceptions (grader-7): the false beliefs behind wave 9's reversed answers that passed,
caught in other questions of their scope (where no rubric claim of the question takes the same words
first), and the matching truths left alone. Each caught answer passed its myth before this change."""

from __future__ import annotations

import pytest

from gitops_tutor.curriculum.models import Curriculum, FreeTextQuestion
from gitops_tutor.grading import Grader


def myths_found(grader: Grader, shipped: Curriculum, question_id: str, answer: str) -> list[str]:
    question = shipped.questions[question_id]
    assert isinstance(question, FreeTextQuestion)
    return [claim.id for claim in grader.grade(question, answer).wrong_claims if claim.truth]


@pytest.fixture(scope="module")
def grader(shipped: Curriculum) -> Grader:
    return Grader(shipped.aliases, shipped.misconceptions)


CAUGHT = [
    (
        "hpa-vs-replicas-in-git",
        "argocd-ignores-admission-mutations",
        "The HPA is the cause; a mutating webhook can't be, since Argo CD already ignores admission-controller"
        " mutations by default.",
    ),
    (
        "argocd-rbac-policy-line",
        "argocd-sso-dex-only",
        "You must run Dex, because Argo CD can only use Dex for SSO; then map the groups in argocd-rbac-cm.",
    ),
    (
        "secrets-compare-three-patterns",
        "decrypt-with-public-key",
        "With SOPS you commit the encrypted files; the private key is not needed anywhere, since Flux"
        " can decrypt the secrets with the public key in the repo.",
    ),
    (
        "db-migrations-in-gitops",
        "presync-hook-not-awaited",
        "Put the migration in a PreSync Job, although Argo CD doesn't wait for the PreSync job,"
        " so the new pods may start first.",
    ),
    (
        "app-of-apps-or-applicationset",
        "applicationset-checks-creator-rbac",
        "An ApplicationSet; hand it to the teams, it's safe since Argo CD checks the permissions of the user"
        " who wrote the generator file.",
    ),
    (
        "devsecops-checks-in-gitops",
        "admission-duplicates-ci",
        "Scan images and run Conftest in the pipeline; CI is the real enforcement point, so Kyverno in the"
        " cluster adds little.",
    ),
    (
        "promotion-three-environment-flow",
        "branch-per-env-recommended",
        "Dev updates itself on every build; to promote, merge staging into prod for promotion once a human"
        " approves the pull request.",
    ),
    (
        "ordering-expand-contract",
        "init-container-runs-once",
        "Add the new column first with an init container: the init container runs once per rollout, before the"
        " new pods start.",
    ),
    (
        "drift-sources-of-expected-drift",
        "outofsync-only-from-git",
        "Nothing to plan for: only Argo CD writes to managed objects, so a diff is never caused by other controllers.",
    ),
    (
        "push-vs-pull-benefits",
        "pull-applies-only-once",
        "Pull is about security; drift is the CI system's concern, and reconciliation is the pipeline's job.",
    ),
]


@pytest.mark.parametrize(("question_id", "myth", "answer"), CAUGHT)
def test_the_false_belief_is_caught(
    grader: Grader, shipped: Curriculum, question_id: str, myth: str, answer: str
) -> None:
    assert myth in myths_found(grader, shipped, question_id, answer)


CLEAN = [
    (
        "devsecops-checks-in-gitops",
        "Run the policies in CI for fast feedback, but admission control is not redundant: Pods that controllers"
        " create never pass through CI.",
    ),
    (
        "policy-mutation-drift",
        "Argo CD doesn't ignore what admission webhooks change by default: the mutated tag differs from Git, so"
        " the app shows OutOfSync and self-heal re-applies; pin the digest in Git or ignore that field.",
    ),
    (
        "argocd-sso-dex-oidc",
        "Use the company's OIDC provider directly or Dex for SAML; the groups claim maps to roles in"
        " argocd-rbac-cm, and disable the local admin afterwards.",
    ),
    (
        "cluster-lost-what-git-does-not-rebuild",
        "The public key only encrypts; you can't decrypt with the public key, so back up the age private key"
        " outside Git, along with volume data and bootstrap credentials.",
    ),
    (
        "argocd-presync-migration-hook",
        "A PreSync Job runs first and Argo CD waits for it; if the job fails the sync fails and the Deployment"
        " is not applied.",
    ),
]


@pytest.mark.parametrize(("question_id", "answer"), CLEAN)
def test_the_truth_is_not_charged(grader: Grader, shipped: Curriculum, question_id: str, answer: str) -> None:
    assert myths_found(grader, shipped, question_id, answer) == []
