"""The ten seed interview questions carry follow-ups, and a weak answer to one really brings its follow-up."""

from __future__ import annotations

import pytest

from gitops_tutor import paths
from gitops_tutor.curriculum.loader import load
from gitops_tutor.curriculum.models import Curriculum, FreeTextQuestion
from gitops_tutor.grading import Grader
from gitops_tutor.interview.config import InterviewConfig
from gitops_tutor.interview.session import InterviewItem, InterviewSession
from tests.interview.conftest import FakeClock

SEED_IDS = (
    "ci-vs-cd-in-gitops",
    "where-do-secrets-go",
    "out-of-sync-what-now",
    "roll-back-bad-deploy",
    "one-repo-or-two",
    "argo-or-flux-pick",
    "hpa-vs-replicas-in-git",
    "db-migrations-in-gitops",
    "hotfix-straight-to-prod",
    "what-is-app-of-apps",
)


@pytest.fixture(scope="module")
def shipped() -> Curriculum:
    return load([], shipped=paths.shipped_content_dir()).curriculum


@pytest.mark.parametrize("question_id", SEED_IDS)
def test_each_seed_question_has_follow_ups_to_other_lessons_questions(shipped: Curriculum, question_id: str) -> None:
    question = shipped.questions[question_id]
    assert isinstance(question, FreeTextQuestion)
    concepts = {c.id for c in question.rubric.concepts}
    assert len(question.follow_ups) >= 2
    for follow in question.follow_ups:
        assert follow.when_missed in concepts
        assert follow.ask in shipped.questions and follow.ask != question_id


def two_question_session(shipped: Curriculum, first: str) -> InterviewSession:
    """A 30-minute mock over the shipped content: ``first``, then one-repo-or-two."""
    clock = FakeClock()
    return InterviewSession(
        interview_id="seed",
        config=InterviewConfig(minutes=30, questions=2),
        items=[InterviewItem(first), InterviewItem("one-repo-or-two")],
        questions=shipped.questions,
        grade=Grader(shipped.aliases).grade,
        clock=clock.now,
        monotonic=clock.monotonic,
    )


def test_a_weak_seed_answer_is_followed_up_like_an_interviewer_would(shipped: Curriculum) -> None:
    session = two_question_session(shipped, "where-do-secrets-go")
    session.set_answer("We encrypt them with Sealed Secrets, and the controller decrypts them inside the cluster.")
    session.submit()
    missed = {c.id for c in session.result_at(0).concepts if c.status != "hit"}
    expected = next(f.ask for f in shipped.questions["where-do-secrets-go"].follow_ups if f.when_missed in missed)
    assert session.current_item.question_id == expected
    assert session.current_item.follow_up_of == "where-do-secrets-go"


def test_a_follow_up_gets_no_follow_up_of_its_own(shipped: Curriculum) -> None:
    """QA fresh-eyes-4: one weak answer chained three follow-ups and turned 8 questions into 11."""
    session = two_question_session(shipped, "app-of-apps-or-applicationset")
    session.set_answer("ApplicationSets for many clusters from one template.")
    session.submit()
    assert session.current_item.question_id == "what-is-app-of-apps"  # 'bootstrap' missed: its follow-up
    session.set_answer("It is a parent Application.")  # misses what that follow-up's own follow-ups ask
    session.submit()
    assert [item.question_id for item in session.items] == [
        "app-of-apps-or-applicationset",
        "what-is-app-of-apps",
        "one-repo-or-two",
    ]
