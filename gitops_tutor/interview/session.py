"""A running mock interview: questions, answers, time, flags and follow-ups.

Time comes from two injected clocks: ``monotonic`` (seconds, for the countdown and
the time spent per question, immune to the wall clock jumping) and ``clock`` (an
aware UTC datetime, for the timestamps that are stored). Tests pass fake clocks and
run a 30-minute interview in milliseconds.

Elapsed time only runs while a session object is alive: what was used before a
crash is saved in the state and carried over, so a resumed interview has the time
left that it had when the process died, give or take the last save.

Answers are graded when they are submitted (to decide on follow-ups, as an
interviewer would), but nothing here exposes a score until the interview is over.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal

from gitops_tutor.curriculum.models import AnyQuestion
from gitops_tutor.grading.result import GradeResult
from gitops_tutor.interview.answers import GraderAnswer, grader_input, is_answered
from gitops_tutor.interview.config import InterviewConfig
from gitops_tutor.interview.errors import InterviewError
from gitops_tutor.progress.timeutil import iso, parse_iso, system_clock

WallClock = Callable[[], datetime]
Monotonic = Callable[[], float]
GradeFn = Callable[[AnyQuestion, GraderAnswer], GradeResult]
Status = Literal["running", "finished", "discarded"]

ALERT_SECONDS: tuple[int, ...] = (300, 60)
FOLLOW_UP_MIN_SECONDS = 120
STATE_VERSION = 1


@dataclass(frozen=True)
class Alert:
    """Time is running low: shown once per threshold, never again after a resume."""

    seconds_left: int

    @property
    def message(self) -> str:
        minutes = self.seconds_left // 60
        return f"{minutes} minute{'s' if minutes != 1 else ''} left"


@dataclass(frozen=True)
class TimeUp:
    """The countdown reached zero and every answer so far was submitted."""

    message: str = "Time is up: every answer so far has been submitted."


Event = Alert | TimeUp


@dataclass
class InterviewItem:
    """One question asked in this interview, with the candidate's side of it.

    ``follow_up_of`` names the question whose missed concept ``follow_up_concept``
    brought this one in. ``result`` is the grade of ``graded_answer``; both live only
    in memory (grading is deterministic, so a resumed session re-grades).
    """

    question_id: str
    answer: str = ""
    seconds: float = 0.0
    flagged: bool = False
    follow_up_of: str | None = None
    follow_up_concept: str | None = None
    asked_follow_up: bool = False
    first_shown_at: str | None = None
    answered_at: str | None = None
    result: GradeResult | None = field(default=None, compare=False)
    graded_answer: str | None = field(default=None, compare=False)

    @property
    def answered(self) -> bool:
        return is_answered(self.answer)

    @property
    def reached(self) -> bool:
        """Shown (or answered) during the interview; a question never reached is no study attempt."""
        return self.first_shown_at is not None or self.answered

    def to_dict(self) -> dict[str, Any]:
        return {
            "question_id": self.question_id,
            "answer": self.answer,
            "seconds": round(self.seconds, 3),
            "flagged": self.flagged,
            "follow_up_of": self.follow_up_of,
            "follow_up_concept": self.follow_up_concept,
            "asked_follow_up": self.asked_follow_up,
            "first_shown_at": self.first_shown_at,
            "answered_at": self.answered_at,
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> InterviewItem:
        return cls(
            question_id=str(raw["question_id"]),
            answer=str(raw.get("answer") or ""),
            seconds=float(raw.get("seconds") or 0.0),
            flagged=bool(raw.get("flagged")),
            follow_up_of=raw.get("follow_up_of"),
            follow_up_concept=raw.get("follow_up_concept"),
            asked_follow_up=bool(raw.get("asked_follow_up")),
            first_shown_at=raw.get("first_shown_at"),
            answered_at=raw.get("answered_at"),
        )


class InterviewSession:
    """The state machine of one interview; persistence is the caller's, through ``on_change``."""

    def __init__(
        self,
        *,
        interview_id: str,
        config: InterviewConfig,
        items: Sequence[InterviewItem],
        questions: Mapping[str, AnyQuestion],
        grade: GradeFn,
        clock: WallClock | None = None,
        monotonic: Monotonic | None = None,
        created_at: datetime | None = None,
        elapsed: float = 0.0,
        position: int = 0,
        alerts_fired: Sequence[int] = (),
        status: Status = "running",
        finish_reason: str | None = None,
        finished_at: str | None = None,
        new_questions: int | None = None,
    ) -> None:
        if not items:
            raise InterviewError("an interview needs at least one question")
        self.id = interview_id
        self.config = config
        self.items = list(items)
        self.questions = questions
        self._grade = grade
        self._clock = clock or system_clock
        self._monotonic = monotonic or time.monotonic
        self.created_at = created_at or self._clock()
        self.status: Status = status
        self.finish_reason = finish_reason
        self.finished_at = finished_at
        self.new_questions = new_questions  # of the drawn ones, never asked in this preset before (rotating presets)
        self.alerts_fired = set(alerts_fired)
        self.position = min(max(position, 0), len(self.items) - 1)
        self.on_change: Callable[[InterviewSession], None] | None = None
        self.dirty = False
        self._elapsed_before = elapsed
        self._segment_start = self._monotonic()
        self._entered_at = self._segment_start
        self._mark_shown(self.current_item)

    # -- what a screen shows ------------------------------------------------------------------

    @property
    def monotonic(self) -> Monotonic:
        """The session's time source, for a screen that paces its own saves by it."""
        return self._monotonic

    @property
    def limit_seconds(self) -> int:
        return self.config.seconds

    @property
    def running(self) -> bool:
        return self.status == "running"

    @property
    def current_item(self) -> InterviewItem:
        return self.items[self.position]

    @property
    def current_question(self) -> AnyQuestion:
        return self.question_at(self.position)

    def question_at(self, position: int) -> AnyQuestion:
        question_id = self.items[position].question_id
        try:
            return self.questions[question_id]
        except KeyError:
            raise InterviewError(f"question '{question_id}' is no longer in the content") from None

    def elapsed_seconds(self) -> float:
        if not self.running:
            return self._elapsed_before
        return self._elapsed_before + max(self._monotonic() - self._segment_start, 0.0)

    def remaining_seconds(self) -> float:
        return max(self.limit_seconds - self.elapsed_seconds(), 0.0)

    def seconds_on(self, position: int) -> float:
        """Time spent on one question, counting the visit in progress."""
        item = self.items[position]
        if self.running and position == self.position:
            return item.seconds + max(self._monotonic() - self._entered_at, 0.0)
        return item.seconds

    @property
    def drawn_count(self) -> int:
        """The questions of the draw, follow-ups not counted."""
        return sum(1 for item in self.items if item.follow_up_of is None)

    def answered_count(self) -> int:
        return sum(1 for item in self.items if item.answered)

    def flagged_positions(self) -> list[int]:
        return [i for i, item in enumerate(self.items) if item.flagged]

    def unanswered_positions(self) -> list[int]:
        return [i for i, item in enumerate(self.items) if not item.answered]

    # -- what the candidate does --------------------------------------------------------------

    def set_answer(self, text: str) -> None:
        """Record the answer being typed; cheap, so a screen may call it on every keystroke.

        It only marks the session dirty: the caller saves with ``flush()`` at least every
        two seconds, and every structural change below saves at once.
        """
        self._require_running()
        item = self.current_item
        if text != item.answer:
            item.answer = text
            item.answered_at = iso(self._clock()) if is_answered(text) else None
            self.dirty = True

    def toggle_flag(self, position: int | None = None) -> bool:
        """Flag a question for review (or unflag it); returns the new flag."""
        self._require_running()
        item = self.items[self.position if position is None else position]
        item.flagged = not item.flagged
        self._changed()
        return item.flagged

    def submit(self) -> None:
        """Submit the current answer and move on: to the follow-up it earned, else the next question."""
        self._move(lambda leaving, inserted: leaving + 1)

    def go_to(self, position: int, *, submit: bool = True) -> None:
        """Move to another question; an answer left behind is submitted (graded) on the way."""
        self._require_running()
        if not 0 <= position < len(self.items):
            raise InterviewError(f"there is no question {position + 1}")
        self._move(lambda leaving, inserted: position + 1 if inserted and position > leaving else position, submit)

    def previous(self) -> None:
        self.go_to(max(self.position - 1, 0))

    def tick(self) -> list[Event]:
        """Call regularly: raises the time alerts once each and submits everything at zero."""
        if not self.running:
            return []
        events: list[Event] = []
        remaining = self.remaining_seconds()
        for threshold in ALERT_SECONDS:
            if threshold in self.alerts_fired or threshold >= self.limit_seconds:
                continue
            if remaining <= threshold:
                self.alerts_fired.add(threshold)
                if remaining > 0:
                    events.append(Alert(threshold))
        if remaining <= 0:
            self.finish(reason="time-up")
            events.append(TimeUp())
        elif events:
            self._changed()
        return events

    def finish(self, reason: str = "finished") -> None:
        """End the interview: stop the clock and grade every answer (unanswered ones score 0)."""
        if not self.running:
            return
        self._leave_current()
        self._elapsed_before = min(self.elapsed_seconds(), float(self.limit_seconds))
        self.status = "finished"
        self.finish_reason = reason
        self.finished_at = iso(self._clock())
        for position in range(len(self.items)):
            self.result_at(position)
        self._changed()

    def flush(self) -> bool:
        """Save if anything was typed since the last save; returns whether it saved."""
        if not self.dirty:
            return False
        self._changed()
        return True

    def result_at(self, position: int) -> GradeResult:
        """The grade of the answer at ``position`` (cached until the answer changes)."""
        item = self.items[position]
        if item.result is None or item.graded_answer != item.answer:
            question = self.question_at(position)
            result = self._safe_grade(question, item.answer)
            if not item.answered:  # silence is never partial credit, whatever the question type
                result = replace(result, score=0, verdict="fail", rating="again")
            item.result = result
            item.graded_answer = item.answer
        return item.result

    def _safe_grade(self, question: AnyQuestion, answer: str) -> GradeResult:
        """The grade, or 0 with a flag when the grader fails on this answer.

        An answer is the candidate's data: a hostile or odd one (YAML nested 1,000 deep)
        must cost that question its score, never the interview (and every resume after).
        """
        try:
            return self._grade(question, grader_input(question, answer))
        except Exception as error:  # any grader failure must cost one question, not the interview
            return GradeResult(
                question_id=question.id,
                score=0,
                verdict="fail",
                feedback=f"This answer could not be graded ({type(error).__name__}); it scores 0.",
                rating="again",
                flags=("ungradable",),
            )

    # -- internals ----------------------------------------------------------------------------

    def _require_running(self) -> None:
        if not self.running:
            raise InterviewError("this interview is over")

    def _changed(self) -> None:
        self.dirty = False
        if self.on_change is not None:
            self.on_change(self)

    def _move(self, target: Callable[[int, bool], int], submit: bool = True) -> None:
        """Leave the current question (submitting it), maybe add a follow-up, enter ``target``."""
        self._require_running()
        leaving = self.position
        self._leave_current()
        inserted = submit and self.items[leaving].answered and self._maybe_add_follow_up(leaving)
        self.position = min(max(target(leaving, inserted), 0), len(self.items) - 1)
        self._enter_current()
        self._changed()

    def _leave_current(self) -> None:
        now = self._monotonic()
        self.current_item.seconds += max(now - self._entered_at, 0.0)
        self._entered_at = now

    def _enter_current(self) -> None:
        self._entered_at = self._monotonic()
        self._mark_shown(self.current_item)

    def _mark_shown(self, item: InterviewItem) -> None:
        if item.first_shown_at is None:
            item.first_shown_at = iso(self._clock())

    def _maybe_add_follow_up(self, position: int) -> bool:
        """Insert the follow-up for the first missed concept that has one, while time allows."""
        item = self.items[position]
        if not self.config.follow_ups:  # an exam simulation asks no follow-ups
            return False
        if item.follow_up_of is not None:  # no follow-up of a follow-up: one weak answer grew 8 questions to 11
            return False
        if item.asked_follow_up or self.remaining_seconds() < FOLLOW_UP_MIN_SECONDS:
            return False
        question = self.question_at(position)
        if not question.follow_ups:
            return False
        missed = {c.id for c in self.result_at(position).concepts if c.status != "hit"}
        present = {i.question_id for i in self.items}
        for follow in question.follow_ups:
            if follow.when_missed in missed and follow.ask not in present and follow.ask in self.questions:
                item.asked_follow_up = True
                extra = InterviewItem(follow.ask, follow_up_of=question.id, follow_up_concept=follow.when_missed)
                self.items.insert(position + 1, extra)
                return True
        return False

    # -- saving and restoring -----------------------------------------------------------------

    def to_state(self) -> dict[str, Any]:
        """Everything needed to resume, as JSON-ready data (time includes the visit in progress)."""
        items = [item.to_dict() for item in self.items]
        items[self.position]["seconds"] = round(self.seconds_on(self.position), 3)
        return {
            "version": STATE_VERSION,
            "created_at": iso(self.created_at),
            "elapsed": round(self.elapsed_seconds(), 3),
            "position": self.position,
            "alerts_fired": sorted(self.alerts_fired),
            "status": self.status,
            "finish_reason": self.finish_reason,
            "finished_at": self.finished_at,
            "new_questions": self.new_questions,
            "items": items,
        }

    @classmethod
    def from_state(
        cls,
        *,
        interview_id: str,
        config: InterviewConfig,
        state: Mapping[str, Any],
        questions: Mapping[str, AnyQuestion],
        grade: GradeFn,
        clock: WallClock | None = None,
        monotonic: Monotonic | None = None,
    ) -> InterviewSession:
        """A session as saved; its clock resumes from the saved elapsed time."""
        try:
            items = [InterviewItem.from_dict(raw) for raw in state["items"]]
            return cls(
                interview_id=interview_id,
                config=config,
                items=items,
                questions=questions,
                grade=grade,
                clock=clock,
                monotonic=monotonic,
                created_at=parse_iso(str(state["created_at"])),
                elapsed=float(state.get("elapsed", 0.0)),
                position=int(state.get("position", 0)),
                alerts_fired=[int(s) for s in state.get("alerts_fired", [])],
                status=state.get("status", "running"),
                finish_reason=state.get("finish_reason"),
                finished_at=state.get("finished_at"),
                new_questions=_optional_count(state.get("new_questions")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            message = f"saved interview {interview_id} is damaged ({exc}); discard it with --discard"
            raise InterviewError(message) from None


def _optional_count(raw: Any) -> int | None:
    """A saved count, or None when absent (a state saved before it existed); a bad one is damage."""
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise ValueError(f"new_questions is {raw!r}, not a count")
    return raw
