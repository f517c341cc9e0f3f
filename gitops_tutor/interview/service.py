"""Starting, resuming and completing interviews against the progress store.

This is the one place that ties a session to its persistence: every change of a
session is saved (``on_change``), and completing an interview writes the report,
each answer's grade and one ``interview`` attempt per question in a single
transaction, so questions that were missed land in the review queue exactly once.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import NamedTuple

from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.interview.config import InterviewConfig
from gitops_tutor.interview.draw import RECENT_SCORES, draw_questions, history_from_attempts, new_to_preset
from gitops_tutor.interview.errors import InterviewError
from gitops_tutor.interview.lease import (
    InterviewInUse,
    InterviewTakenOver,
    Lease,
    Owner,
    SaveOutcome,
    in_use_message,
    taken_over_message,
    unsaved_answers,
)
from gitops_tutor.interview.report import InterviewReport, build_report
from gitops_tutor.interview.repository import (
    InterviewRepository,
    SavedInterview,
    Snapshot,
    asked_in_preset,
    new_interview_id,
)
from gitops_tutor.interview.session import GradeFn, InterviewItem, InterviewSession, Monotonic
from gitops_tutor.progress import ProgressStore
from gitops_tutor.progress.timeutil import parse_iso


class AttemptSummary(NamedTuple):
    question_id: str
    score: int
    ended_at: datetime


def default_grade(curriculum: Curriculum) -> GradeFn:
    """The real grader, built once per interview so compiled rubrics are cached."""
    from gitops_tutor.grading import Grader

    return Grader(curriculum.aliases, curriculum.misconceptions).grade


class InterviewService:
    """Interviews of one learner (store) over one curriculum, as seen from one window.

    The service is that window's ``owner`` of the interviews it starts or resumes (see
    ``lease``): its saves write only while it holds the interview.
    """

    def __init__(
        self,
        store: ProgressStore,
        curriculum: Curriculum,
        *,
        grade: GradeFn | None = None,
        clock: Callable[[], datetime] | None = None,
        monotonic: Monotonic | None = None,
        owner: Owner | None = None,
    ) -> None:
        self.store = store
        self.owner = owner or Owner.this_window()
        self.curriculum = curriculum
        self.repository = InterviewRepository(store)
        self._grade = grade or default_grade(curriculum)
        self._clock = clock or store.now
        self._monotonic = monotonic

    def start(self, config: InterviewConfig) -> InterviewSession:
        """Draw the questions and save the new interview before its first question is shown.

        The drawn questions are saved with it, so a resume never draws again: it asks the
        same paper even though this interview has since joined the preset's history.
        """
        now = self._clock()
        if config.seed is None:
            config = replace(config, seed=random.SystemRandom().randrange(1, 10**6))
        history = history_from_attempts(self.recent_attempts())
        asked = asked_in_preset(self.store, config.preset) if config.rotate_questions else None
        drawn = draw_questions(self.curriculum, config, history, now, asked)
        session = InterviewSession(
            interview_id=new_interview_id(now),
            config=config,
            items=[InterviewItem(q.id) for q in drawn],
            questions=self.curriculum.questions,
            grade=self._grade,
            clock=self._clock,
            monotonic=self._monotonic,
            created_at=now,
            new_questions=new_to_preset(drawn, asked) if asked is not None else None,
        )
        return self._track(session)

    def resumable(self) -> SavedInterview | None:
        """The unfinished interview to offer on the next start (abandoned ones excluded)."""
        return self.repository.resumable(self._clock())

    def open_elsewhere(self, saved: SavedInterview) -> Lease | None:
        """The live lease of another window on this interview, if it is open there."""
        held = self.repository.lease(saved.id)
        if held is None or held.owner == self.owner.token or not held.is_live(self._clock()):
            return None
        return held

    def resume(self, saved: SavedInterview, *, take_over: bool = False) -> InterviewSession:
        """The session as it was at its last save, with the time it had left then.

        An interview open in another window is only resumed with ``take_over`` (that
        window's next save finds it lost); one whose window is gone is taken silently.
        """
        holder = self.open_elsewhere(saved)
        if holder is not None and not take_over:
            raise InterviewInUse(in_use_message(holder))
        state = dict(saved.state)
        known = [item for item in state.get("items", []) if item.get("question_id") in self.curriculum.questions]
        if not known:
            raise InterviewError(f"interview {saved.id} has no questions left in the content; discard it")
        if len(known) != len(state.get("items", [])):
            state["items"] = known
            state["position"] = min(int(state.get("position", 0)), len(known) - 1)
        session = InterviewSession.from_state(
            interview_id=saved.id,
            config=saved.config,
            state=state,
            questions=self.curriculum.questions,
            grade=self._grade,
            clock=self._clock,
            monotonic=self._monotonic,
        )
        self.repository.claim(saved.id, self.owner)
        return self._track(session)

    def write(self, snapshot: Snapshot) -> SaveOutcome:
        """Save a snapshot if this window still holds its interview (else it is kept as a recovery)."""
        return self.repository.write(snapshot, self.owner)

    def save(self, session: InterviewSession) -> None:
        """``on_change`` of the sessions this service opened: a save that is refused stops the session's user."""
        outcome = self.write(Snapshot.of(session))
        if outcome is not SaveOutcome.SAVED:
            raise InterviewTakenOver(taken_over_message(outcome))

    def heartbeat(self, interview_id: str) -> SaveOutcome:
        """Keep this window's claim fresh while nothing is saved; says so once it was lost."""
        return self.repository.heartbeat(interview_id, self.owner)

    def release(self, interview_id: str) -> None:
        """Leaving the interview for later: another window may resume it without asking."""
        self.repository.release(interview_id, self.owner)

    def take_back(self, session: InterviewSession) -> SaveOutcome:
        """Claim the interview again for this window and save what it shows (the other window then loses it)."""
        self.repository.claim(session.id, self.owner)
        return self.write(Snapshot.of(session))

    def unsaved_answers(self, session: InterviewSession) -> list[tuple[int, str]]:
        """Answers this window holds that the saved interview does not: kept for a window that lost it."""
        saved = self.store.rows("SELECT state_json FROM interviews WHERE id = ?", [session.id])
        try:
            saved_state = json.loads(saved[0]["state_json"] or "{}") if saved else None
        except ValueError:
            saved_state = None
        return unsaved_answers(session.to_state(), saved_state if isinstance(saved_state, dict) else None)

    def keep_recovery(self, session: InterviewSession, outcome: SaveOutcome) -> None:
        """Keep what this window shows now beside the interview it lost, so nothing typed is dropped."""
        self.repository.keep_recovery(Snapshot.of(session), self.owner, outcome)

    def discard(self, interview_id: str) -> None:
        self.repository.discard(interview_id)

    def discard_abandoned(self) -> list[str]:
        return self.repository.discard_abandoned(self._clock())

    def complete(self, session: InterviewSession) -> InterviewReport:
        """Finish (if still running), report, and record every answer as an interview attempt."""
        held = self.repository.lease(session.id)
        if held is not None and held.owner != self.owner.token:
            raise InterviewTakenOver(taken_over_message(SaveOutcome.TAKEN_OVER))
        saved = self.repository.get(session.id)
        if saved is not None and saved.report is not None:
            return InterviewReport.from_dict(saved.report)
        session.finish()
        report = build_report(session, self.curriculum, self.history())
        with self.store.write():
            self._record_attempts(session)
            self.repository.save_scores(session, report.score, report.band, report.to_dict(), self.owner)
        return report

    def history(self, limit: int | None = None) -> list[InterviewReport]:
        """Earlier reports, newest first."""
        reports = []
        for saved in self.repository.finished(limit):
            try:
                reports.append(InterviewReport.from_dict(saved.report or {}))
            except (TypeError, KeyError):
                continue  # a report written by another version; the history skips it
        return reports

    def recent_attempts(self) -> list[AttemptSummary]:
        """The last three attempts per question, three columns each.

        Loading whole attempts (JSON results, parsed dates) costs seconds at 10,000 rows, and a
        window query in SQLite is slower than sorting the bare rows here; see bench/interview.py.
        """
        by_question: dict[str, list[tuple[str, int, int]]] = {}
        for row in self.store.rows("SELECT question_id, ended_at, id, score FROM attempts"):
            by_question.setdefault(row["question_id"], []).append((row["ended_at"], row["id"], row["score"]))
        summaries = []
        for question_id, tries in by_question.items():
            for ended_at, _id, score in sorted(tries)[-RECENT_SCORES:]:
                summaries.append(AttemptSummary(question_id, int(score), parse_iso(ended_at)))
        return summaries

    def _track(self, session: InterviewSession) -> InterviewSession:
        session.on_change = self.save
        self.save(session)
        return session

    def _record_attempts(self, session: InterviewSession) -> None:
        """One attempt per question shown, so FSRS schedules the misses soon (a blank answer rates 'again').

        A question the interview never reached (finished early, or time ran out) scores 0 in the
        report but is no study attempt: recording it would mark it seen and lapsed, spend the day's
        allowance of new questions and drag the average down for questions never read.
        """
        ended_default = parse_iso(session.finished_at) if session.finished_at else self._clock()
        for position, item in enumerate(session.items):
            if not item.reached:
                continue
            result = session.result_at(position)
            started = parse_iso(item.first_shown_at) if item.first_shown_at else ended_default
            ended = parse_iso(item.answered_at) if item.answered_at else ended_default
            self.store.record_attempt(
                session.question_at(position),
                item.answer,
                result,
                rating=result.rating,
                mode="interview",
                started_at=started,
                ended_at=max(ended, started),
            )
