"""The running interview: countdown, alerts, time-out, flags, follow-ups, and saving its state."""

from __future__ import annotations

import pytest

from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.grading import Grader
from gitops_tutor.interview.config import InterviewConfig
from gitops_tutor.interview.errors import InterviewError
from gitops_tutor.interview.session import Alert, InterviewItem, InterviewSession, TimeUp
from tests.interview.conftest import FakeClock

RECONCILE = "team-what-does-reconcile-do"
WHICH_TOOL = "team-which-tool-kustomization"
PULL = "team-pull-benefit"
FLUX_OBJECTS = "team-pick-flux-objects"
PARTIAL_RECONCILE = "It compares the desired state with the live state."
FULL_RECONCILE = "It compares the desired state with the live state and continuously reconciles them."


def make_session(curriculum: Curriculum, clock: FakeClock, ids: list[str], minutes: int = 30) -> InterviewSession:
    return InterviewSession(
        interview_id="test",
        config=InterviewConfig(minutes=minutes, questions=len(ids)),
        items=[InterviewItem(qid) for qid in ids],
        questions=curriculum.questions,
        grade=Grader(curriculum.aliases).grade,
        clock=clock.now,
        monotonic=clock.monotonic,
    )


def test_the_countdown_follows_the_injected_clock(curriculum: Curriculum, clock: FakeClock) -> None:
    session = make_session(curriculum, clock, [RECONCILE, PULL])
    assert session.remaining_seconds() == 30 * 60
    clock.advance(125)
    assert session.remaining_seconds() == 30 * 60 - 125
    assert session.seconds_on(0) == 125


def test_alerts_fire_once_at_five_minutes_and_at_one_minute(curriculum: Curriculum, clock: FakeClock) -> None:
    session = make_session(curriculum, clock, [RECONCILE, PULL])
    clock.advance(24 * 60)
    assert session.tick() == []
    clock.advance(60)
    assert session.tick() == [Alert(300)]
    assert session.tick() == []
    clock.advance(4 * 60)
    events = session.tick()
    assert events == [Alert(60)]
    assert events[0].message == "1 minute left"
    assert session.running


def test_a_short_interview_does_not_alert_at_five_minutes(curriculum: Curriculum, clock: FakeClock) -> None:
    session = make_session(curriculum, clock, [PULL], minutes=3)
    clock.advance(121)
    assert session.tick() == [Alert(60)]


def test_time_out_submits_every_answer_so_far(curriculum: Curriculum, clock: FakeClock) -> None:
    """A 30-minute interview runs in no time: answer one question, leave the next half-typed."""
    session = make_session(curriculum, clock, [PULL, RECONCILE, FLUX_OBJECTS])
    session.set_answer("1")
    session.submit()
    session.set_answer(FULL_RECONCILE)
    clock.advance(30 * 60 + 5)
    events = session.tick()
    assert TimeUp() in events
    assert not session.running
    assert session.finish_reason == "time-up"
    assert session.remaining_seconds() == 0
    assert [session.result_at(i).score for i in range(3)] == [100, 100, 0]
    with pytest.raises(InterviewError):
        session.set_answer("too late")


def test_no_alerts_after_the_time_is_up(curriculum: Curriculum, clock: FakeClock) -> None:
    session = make_session(curriculum, clock, [PULL])
    clock.advance(31 * 60)
    assert session.tick() == [TimeUp()]
    assert session.tick() == []


def test_flags_toggle_and_are_listed(curriculum: Curriculum, clock: FakeClock) -> None:
    session = make_session(curriculum, clock, [PULL, FLUX_OBJECTS, WHICH_TOOL])
    assert session.toggle_flag() is True
    session.go_to(2)
    session.toggle_flag()
    assert session.flagged_positions() == [0, 2]
    assert session.toggle_flag(0) is False
    assert session.flagged_positions() == [2]


def test_time_is_counted_per_question_across_visits(curriculum: Curriculum, clock: FakeClock) -> None:
    session = make_session(curriculum, clock, [PULL, FLUX_OBJECTS])
    clock.advance(30)
    session.go_to(1)
    clock.advance(50)
    session.go_to(0)
    clock.advance(10)
    assert session.seconds_on(0) == 40
    assert session.seconds_on(1) == 50


def test_a_missed_concept_brings_its_follow_up_next(curriculum: Curriculum, clock: FakeClock) -> None:
    session = make_session(curriculum, clock, [RECONCILE, PULL])
    session.set_answer(PARTIAL_RECONCILE)
    session.submit()
    assert [item.question_id for item in session.items] == [RECONCILE, WHICH_TOOL, PULL]
    assert session.position == 1
    assert session.current_item.follow_up_of == RECONCILE
    assert session.current_item.follow_up_concept == "converge"


def test_a_follow_up_is_asked_only_once(curriculum: Curriculum, clock: FakeClock) -> None:
    session = make_session(curriculum, clock, [RECONCILE, PULL])
    session.set_answer(PARTIAL_RECONCILE)
    session.submit()
    session.go_to(0)
    session.set_answer(PARTIAL_RECONCILE + " Really.")
    session.submit()
    assert [item.question_id for item in session.items] == [RECONCILE, WHICH_TOOL, PULL]


def test_no_follow_up_when_the_concept_was_covered(curriculum: Curriculum, clock: FakeClock) -> None:
    session = make_session(curriculum, clock, [RECONCILE, PULL])
    session.set_answer(FULL_RECONCILE)
    session.submit()
    assert [item.question_id for item in session.items] == [RECONCILE, PULL]


def test_no_follow_up_when_time_is_short(curriculum: Curriculum, clock: FakeClock) -> None:
    session = make_session(curriculum, clock, [RECONCILE, PULL], minutes=10)
    clock.advance(10 * 60 - 100)
    session.set_answer(PARTIAL_RECONCILE)
    session.submit()
    assert [item.question_id for item in session.items] == [RECONCILE, PULL]


def test_no_follow_up_already_in_the_interview(curriculum: Curriculum, clock: FakeClock) -> None:
    session = make_session(curriculum, clock, [RECONCILE, WHICH_TOOL])
    session.set_answer(PARTIAL_RECONCILE)
    session.submit()
    assert [item.question_id for item in session.items] == [RECONCILE, WHICH_TOOL]


def test_jumping_ahead_keeps_the_chosen_question_when_a_follow_up_is_inserted(
    curriculum: Curriculum, clock: FakeClock
) -> None:
    session = make_session(curriculum, clock, [RECONCILE, PULL, FLUX_OBJECTS])
    session.set_answer(PARTIAL_RECONCILE)
    session.go_to(2)
    assert session.current_item.question_id == FLUX_OBJECTS
    assert session.items[1].question_id == WHICH_TOOL


def test_the_saved_state_resumes_with_answers_flags_and_time_left(curriculum: Curriculum, clock: FakeClock) -> None:
    session = make_session(curriculum, clock, [PULL, RECONCILE])
    session.set_answer("1")
    session.toggle_flag()
    session.submit()
    session.set_answer("half an answer")
    clock.advance(7 * 60)
    state = session.to_state()

    later = FakeClock(clock.now())
    later.advance(3600)  # the process was dead for an hour: that time is not charged
    resumed = InterviewSession.from_state(
        interview_id="test",
        config=session.config,
        state=state,
        questions=curriculum.questions,
        grade=Grader(curriculum.aliases).grade,
        clock=later.now,
        monotonic=later.monotonic,
    )
    assert resumed.remaining_seconds() == 23 * 60
    assert resumed.position == 1
    assert [item.answer for item in resumed.items] == ["1", "half an answer"]
    assert resumed.flagged_positions() == [0]
    assert resumed.seconds_on(1) == 7 * 60


def test_a_damaged_state_is_a_clear_error(curriculum: Curriculum) -> None:
    with pytest.raises(InterviewError, match="damaged"):
        InterviewSession.from_state(
            interview_id="x",
            config=InterviewConfig(),
            state={"items": [{"answer": "no id"}]},
            questions=curriculum.questions,
            grade=Grader(curriculum.aliases).grade,
        )


def test_typing_marks_dirty_and_flush_saves(curriculum: Curriculum, clock: FakeClock) -> None:
    session = make_session(curriculum, clock, [RECONCILE])
    saved: list[str] = []
    session.on_change = lambda s: saved.append(s.current_item.answer)
    assert session.flush() is False
    session.set_answer("It compares")
    assert session.dirty
    assert session.flush() is True
    assert saved == ["It compares"]
    assert session.flush() is False
