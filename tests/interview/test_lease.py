"""fresh-eyes-2 #1: two windows on one database must not overwrite each other's interview answers.

Each ``InterviewService`` is one window. The "other window" gets the pid of this test's
parent process: a live process that is not this one, as a second app would be.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gitops_tutor.cli.main import cli
from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.interview.config import build_config
from gitops_tutor.interview.lease import (
    LEASE_FRESH_SECONDS,
    InterviewInUse,
    InterviewTakenOver,
    Owner,
    SaveOutcome,
    unsaved_answers,
)
from gitops_tutor.interview.repository import Snapshot
from gitops_tutor.interview.service import InterviewService
from gitops_tutor.progress import ProgressStore
from tests.interview.conftest import FIXTURES, FakeClock

CONFIG = build_config("quick", questions=3, seed=4, lessons=("team-reconcile-basics",))


def other_window(pid: int | None = None) -> Owner:
    return Owner("other-window", os.getppid() if pid is None else pid, socket.gethostname())


def window(
    store: ProgressStore, curriculum: Curriculum, clock: FakeClock, owner: Owner | None = None
) -> InterviewService:
    return InterviewService(store, curriculum, clock=clock.now, monotonic=clock.monotonic, owner=owner)


@pytest.fixture
def second_store(tmp_path: Path, clock: FakeClock, store: ProgressStore) -> ProgressStore:
    """A second connection to the same file, as a second app would open."""
    opened = ProgressStore.open(tmp_path / "progress.db", clock=clock.now, fuzz=False)
    yield opened  # type: ignore[misc]
    opened.close()


def saved_answers(store: ProgressStore) -> list[str]:
    return [row["answer"] for row in store.rows("SELECT answer FROM interview_answers ORDER BY position")]


def test_resuming_an_interview_open_in_another_window_asks_first(
    store: ProgressStore, second_store: ProgressStore, curriculum: Curriculum, clock: FakeClock
) -> None:
    first = window(store, curriculum, clock, other_window())
    first.start(CONFIG)
    clock.advance(5)
    second = window(second_store, curriculum, clock)
    waiting = second.resumable()
    assert waiting is not None
    assert second.open_elsewhere(waiting) is not None
    with pytest.raises(InterviewInUse, match=r"open in another window \(since 08:00 UTC\)"):
        second.resume(waiting)


def test_taking_over_stops_the_first_window_and_keeps_its_text_aside(
    store: ProgressStore, second_store: ProgressStore, curriculum: Curriculum, clock: FakeClock
) -> None:
    first = window(store, curriculum, clock, other_window())
    d_session = first.start(CONFIG)
    d_session.set_answer("D answer to q1")
    d_session.flush()
    second = window(second_store, curriculum, clock)
    waiting = second.resumable()
    assert waiting is not None
    e_session = second.resume(waiting, take_over=True)
    e_session.set_answer("D answer to q1 PLUS E-EDIT")
    e_session.flush()

    d_session.set_answer("D answer to q1 PLUS D-EDIT")
    with pytest.raises(InterviewTakenOver, match="taken over in another window"):
        d_session.flush()  # the stale window's save is refused ...
    assert saved_answers(store)[0] == "D answer to q1 PLUS E-EDIT"  # ... and did not overwrite E's
    kept = first.repository.recoveries(d_session.id)
    assert [row["reason"] for row in kept] == ["taken-over"]
    assert json.loads(kept[0]["state_json"])["items"][0]["answer"] == "D answer to q1 PLUS D-EDIT"
    assert first.unsaved_answers(d_session) == [(1, "D answer to q1 PLUS D-EDIT")]
    assert first.heartbeat(d_session.id) is SaveOutcome.TAKEN_OVER


def test_a_window_that_lost_the_interview_cannot_finish_it(
    store: ProgressStore, second_store: ProgressStore, curriculum: Curriculum, clock: FakeClock
) -> None:
    first = window(store, curriculum, clock, other_window())
    d_session = first.start(CONFIG)
    second = window(second_store, curriculum, clock)
    waiting = second.resumable()
    assert waiting is not None
    second.resume(waiting, take_over=True)
    d_session.on_change = None  # the app saves on its own; completing must still check the lease
    with pytest.raises(InterviewTakenOver):
        first.complete(d_session)
    assert store.value("SELECT status FROM interviews") == "running"
    assert store.attempt_count() == 0


def test_a_stale_writer_never_reopens_a_finished_interview(
    store: ProgressStore, second_store: ProgressStore, curriculum: Curriculum, clock: FakeClock
) -> None:
    first = window(store, curriculum, clock)
    session = first.start(CONFIG)
    stale = Snapshot.of(session)  # taken while it was running, written after it finished
    session.set_answer("my answer")
    first.complete(session)
    late = window(second_store, curriculum, clock)
    assert late.repository.write(stale) is SaveOutcome.CLOSED
    assert first.write(stale) is SaveOutcome.CLOSED
    assert store.value("SELECT status FROM interviews") == "finished"
    assert saved_answers(store)[0] == "my answer"


def test_a_stale_lease_is_taken_over_silently(
    store: ProgressStore, second_store: ProgressStore, curriculum: Curriculum, clock: FakeClock
) -> None:
    window(store, curriculum, clock, other_window()).start(CONFIG)
    clock.advance(LEASE_FRESH_SECONDS + 1)
    second = window(second_store, curriculum, clock)
    waiting = second.resumable()
    assert waiting is not None and second.open_elsewhere(waiting) is None
    second.resume(waiting)


def test_a_crashed_window_is_taken_over_silently_at_once(
    store: ProgressStore, second_store: ProgressStore, curriculum: Curriculum, clock: FakeClock
) -> None:
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    window(store, curriculum, clock, other_window(int(ended.stdout))).start(CONFIG)
    second = window(second_store, curriculum, clock)
    waiting = second.resumable()
    assert waiting is not None
    second.resume(waiting)  # no question: that process is gone


def test_leaving_for_later_releases_the_interview(
    store: ProgressStore, second_store: ProgressStore, curriculum: Curriculum, clock: FakeClock
) -> None:
    first = window(store, curriculum, clock, other_window())
    session = first.start(CONFIG)
    first.release(session.id)
    second = window(second_store, curriculum, clock)
    waiting = second.resumable()
    assert waiting is not None
    second.resume(waiting)
    with pytest.raises(InterviewTakenOver):  # the released window still lost it
        session.toggle_flag()


def test_unsaved_answers_are_matched_by_question() -> None:
    mine = {"items": [{"question_id": "a", "answer": "same"}, {"question_id": "b", "answer": "mine"}]}
    saved = {"items": [{"question_id": "b", "answer": "theirs"}, {"question_id": "a", "answer": "same"}]}
    assert unsaved_answers(mine, saved) == [(2, "mine")]
    assert unsaved_answers({"items": [{"question_id": "a", "answer": "  "}]}, None) == []


def test_plain_resume_of_an_interview_open_elsewhere_names_the_way_to_take_it_over(
    tmp_path: Path, curriculum: Curriculum
) -> None:
    db = tmp_path / "cli.db"
    args = ["--content", str(FIXTURES / "good-pack"), "interview", "--plain"]
    env = {"GITOPS_TUTOR_DB": str(db)}
    with ProgressStore.open(db) as store:
        InterviewService(store, curriculum, owner=other_window()).start(CONFIG)
    refused = CliRunner().invoke(cli, [*args, "--resume"], input="", env=env)
    assert refused.exit_code == 1
    assert "This interview is open in another window (since" in refused.output
    assert "--take-over" in refused.output
    taken = CliRunner().invoke(cli, [*args, "--resume", "--take-over"], input="", env=env)
    assert taken.exit_code == 0, taken.output
    assert "Resuming the interview" in taken.output


def test_reset_also_wipes_the_kept_text_of_lost_windows(
    store: ProgressStore, second_store: ProgressStore, curriculum: Curriculum, clock: FakeClock
) -> None:
    first = window(store, curriculum, clock, other_window())
    session = first.start(CONFIG)
    second = window(second_store, curriculum, clock)
    waiting = second.resumable()
    assert waiting is not None
    second.resume(waiting, take_over=True)
    session.set_answer("private text")
    with pytest.raises(InterviewTakenOver):
        session.flush()
    assert first.repository.recoveries(session.id)
    store.reset()
    assert store.value("SELECT COUNT(*) FROM interview_recoveries") == 0
    assert store.value("SELECT COUNT(*) FROM interview_leases") == 0
