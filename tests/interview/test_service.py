"""Interviews against a real store: saved on change, resumed, discarded, reported, queued for review."""

from __future__ import annotations

from datetime import timedelta

from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.interview.config import InterviewConfig
from gitops_tutor.interview.render import report_markdown, report_text
from gitops_tutor.interview.report import band_for
from gitops_tutor.interview.service import InterviewService
from gitops_tutor.interview.session import InterviewSession
from gitops_tutor.progress import ProgressStore
from tests.interview.conftest import FakeClock

ALL = InterviewConfig(
    minutes=30, questions=5, seed=1, types=("free-text", "which-tool", "single-choice", "multi-choice", "manifest")
)
GOOD_ANSWERS = {
    "team-what-does-reconcile-do": "It compares the desired state with the live state and continuously reconciles.",
    "team-which-tool-kustomization": "flux",
    "team-pull-benefit": "1",
    "team-pick-flux-objects": "1, 2",
    "team-enable-self-heal": "spec:\n  syncPolicy:\n    automated:\n      prune: true\n      selfHeal: true\n",
}


def answer_all(session: InterviewSession, answers: dict[str, str], skip: tuple[str, ...] = ()) -> None:
    for _ in range(len(session.items)):
        question_id = session.current_item.question_id
        if question_id not in skip:
            session.set_answer(answers[question_id])
        session.submit()


def test_a_new_interview_is_saved_before_its_first_question(service: InterviewService) -> None:
    session = service.start(ALL)
    saved = service.repository.get(session.id)
    assert saved is not None and saved.status == "running"
    assert saved.question_count == 5
    assert saved.config.seed == 1


def test_an_interview_without_seed_gets_one_so_it_can_be_reproduced(service: InterviewService) -> None:
    session = service.start(InterviewConfig(questions=2))
    assert session.config.seed is not None


def test_resume_after_a_crash_keeps_answers_and_time_left(
    store: ProgressStore, curriculum: Curriculum, clock: FakeClock
) -> None:
    first = InterviewService(store, curriculum, clock=clock.now, monotonic=clock.monotonic)
    session = first.start(ALL)
    session.set_answer(GOOD_ANSWERS[session.current_item.question_id])
    session.toggle_flag()
    session.submit()
    clock.advance(240)
    session.set_answer("typed but not yet")
    clock.advance(1)
    session.flush()  # what the app's 1-second timer does
    clock.advance(600)  # killed here; ten minutes pass before the next start

    second = InterviewService(store, curriculum, clock=clock.now, monotonic=clock.monotonic)
    saved = second.resumable()
    assert saved is not None and saved.id == session.id
    resumed = second.resume(saved)
    assert resumed.remaining_seconds() == 30 * 60 - 241
    assert resumed.position == 1
    assert resumed.items[1].answer == "typed but not yet"
    assert resumed.flagged_positions() == [0]


def test_an_interview_abandoned_for_a_day_is_not_offered_and_can_be_discarded(
    service: InterviewService, clock: FakeClock
) -> None:
    session = service.start(ALL)
    clock.advance(3600)
    assert service.resumable() is not None
    clock.advance(24 * 3600)
    assert service.resumable() is None
    assert service.discard_abandoned() == [session.id]
    assert service.repository.unfinished() == []


def test_complete_reports_records_attempts_and_queues_the_misses(
    service: InterviewService, store: ProgressStore, curriculum: Curriculum, clock: FakeClock
) -> None:
    session = service.start(ALL)
    answer_all(session, GOOD_ANSWERS, skip=("team-pick-flux-objects",))
    clock.advance(60)
    report = service.complete(session)

    assert report.total == 5 and report.answered == 4
    assert report.score == 80 and report.band == "ready"
    skipped = next(q for q in report.questions if q.question_id == "team-pick-flux-objects")
    assert (skipped.score, skipped.verdict, skipped.answered) == (0, "fail", False)
    assert "GitRepository" in skipped.model_answer

    attempts = store.attempts()
    assert len(attempts) == 5 and {a.mode for a in attempts} == {"interview"}
    clock.advance(15 * 60)
    due = {item.question_id for item in store.review_queue(curriculum, new_limit=0) if not item.is_new}
    assert due == {"team-pick-flux-objects"}

    assert service.complete(session) == report  # completing twice records nothing more
    assert len(store.attempts()) == 5
    saved = service.repository.get(session.id)
    assert saved is not None and (saved.status, saved.score, saved.band) == ("finished", 80, "ready")
    rows = store.rows("SELECT score, verdict FROM interview_answers WHERE interview_id = ?", [session.id])
    assert sorted(r["score"] for r in rows) == [0, 100, 100, 100, 100]


def test_the_report_shows_the_change_against_earlier_interviews(service: InterviewService, clock: FakeClock) -> None:
    first = service.start(ALL)
    answer_all(first, GOOD_ANSWERS, skip=("team-pick-flux-objects", "team-pull-benefit"))
    assert service.complete(first).change is None
    clock.advance(3600)
    second = service.start(ALL)
    answer_all(second, GOOD_ANSWERS)
    report = service.complete(second)
    assert report.change is not None
    assert (report.change.previous_score, report.change.delta, report.change.earlier_count) == (60, 40, 1)
    assert report.change.domain_deltas["patterns"] == 100
    assert [r.interview_id for r in service.history()] == [second.id, first.id]


def test_follow_ups_appear_in_the_report(service: InterviewService) -> None:
    config = InterviewConfig(minutes=30, questions=1, seed=1, types=("free-text",))
    session = service.start(config)
    session.set_answer("It compares the desired state with the live state.")
    session.submit()
    session.set_answer("flux")
    report = service.complete(session)
    assert [q.question_id for q in report.questions] == ["team-what-does-reconcile-do", "team-which-tool-kustomization"]
    assert report.questions[0].missed == ("Acts to make them match, continuously",)
    assert report.questions[1].follow_up_concept == "converge"


def test_markdown_and_text_exports(service: InterviewService, clock: FakeClock) -> None:
    session = service.start(ALL)
    session.toggle_flag()
    answer_all(session, GOOD_ANSWERS, skip=("team-enable-self-heal",))
    clock.advance(95)
    report = service.complete(session)
    markdown = report_markdown(report)
    assert markdown.startswith("# Mock interview report (2026-11-28)")
    assert f"- **Score: {report.score}/100, {report.band} (" in markdown
    assert "ready >= 80, almost >= 60, not yet < 60" in markdown
    assert "| Tooling |" in markdown and "## Breakdown by lesson" in markdown
    assert "selfHeal: true" in markdown  # the manifest's model answer
    assert "- Check: ✗ prune is on" in markdown  # the manifest checks it did not pass
    assert "No answer was given." in markdown
    assert "went into your review queue" in markdown
    assert ", flagged" in markdown
    text = report_text(report)
    assert "**" not in text and "|" not in text
    assert f"Score: {report.score}/100" in text


def test_bands() -> None:
    bands = [band_for(s) for s in (100, 80, 79, 60, 59, 0)]
    assert bands == ["ready", "ready", "almost", "almost", "not yet", "not yet"]


def test_time_spent_is_recorded_per_question(service: InterviewService, clock: FakeClock) -> None:
    session = service.start(InterviewConfig(minutes=10, questions=2, seed=3, types=("which-tool", "single-choice")))
    clock.advance(42)
    session.set_answer("1")
    session.submit()
    clock.advance(17)
    report = service.complete(session)
    assert [q.seconds for q in report.questions] == [42.0, 17.0]
    assert report.seconds_used == 59.0
    assert timedelta(seconds=report.seconds_used) < timedelta(minutes=10)


def test_the_draw_sees_the_last_three_attempts_of_each_question(
    service: InterviewService, store: ProgressStore, curriculum: Curriculum, clock: FakeClock
) -> None:
    from gitops_tutor.grading import Grader

    grader = Grader(curriculum.aliases)
    question = curriculum.questions["team-pull-benefit"]
    for answer in ("2", "2", "1", "2", "1"):
        clock.advance(60)
        store.record_attempt(question, answer, grader.grade(question, [int(answer) - 1]), mode="practice")
    recent = service.recent_attempts()
    assert [(a.question_id, a.score) for a in recent] == [("team-pull-benefit", s) for s in (100, 0, 100)]
    assert recent[-1].ended_at == clock.now()
