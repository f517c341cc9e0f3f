"""One window at a time owns a running interview, so two windows never overwrite each other.

Two copies of the app (or of ``interview --plain``) on one database used to save the same
interview in turn: each save replaced every answer, so the last writer won and a stale
writer even flipped a finished interview back to "running". Now the window that starts
or resumes an interview holds a lease on it: a random token with its pid, host and a
heartbeat that every save and a timer refresh. A save writes only while its window still
holds the lease and the interview is still running.

A lease counts as live while its heartbeat is younger than ``LEASE_FRESH_SECONDS`` and,
on this host, its process still exists; so after a crash (kill -9) the next resume takes
it over silently, while a window that is really open makes the other one ask first.

A save that finds the lease lost (or the interview closed) is not thrown away: the whole
snapshot goes into ``interview_recoveries`` in the same transaction, so what the losing
window had typed is kept in the database even if that window is closed at once.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any

from gitops_tutor.interview.errors import InterviewError
from gitops_tutor.progress.timeutil import iso, parse_iso

if TYPE_CHECKING:
    from gitops_tutor.interview.repository import Snapshot

LEASE_FRESH_SECONDS = 30  # a window that has not beaten for this long is taken to be gone
HEARTBEAT_SECONDS = 5  # how often an open window refreshes its lease while nothing is saved
RELEASED = "1970-01-01T00:00:00.000000+00:00"  # a released lease keeps its owner, so a stale writer still loses


class SaveOutcome(Enum):
    SAVED = "saved"
    TAKEN_OVER = "taken-over"  # another window holds the lease now
    CLOSED = "closed"  # the interview was finished or discarded (in another window)


class InterviewTakenOver(InterviewError):
    """This window lost its interview to another window (or the interview was closed there)."""


class InterviewInUse(InterviewError):
    """The interview to resume is open in another window; resuming would have to take it over."""


@dataclass(frozen=True)
class Owner:
    """One window: a token of its own, and where it runs (to tell a crashed process from a live one)."""

    token: str
    pid: int
    host: str

    @classmethod
    def this_window(cls) -> Owner:
        return cls(uuid.uuid4().hex, os.getpid(), this_host())


@dataclass(frozen=True)
class Lease:
    interview_id: str
    owner: str
    pid: int
    host: str
    since: datetime
    heartbeat: datetime

    def is_live(self, now: datetime) -> bool:
        """Beaten recently, by another process that (on this host) still exists.

        One process is one window, so a lease of this very process is an earlier service
        of it (a session it already dropped), never a second window to warn about.
        """
        if now - self.heartbeat > timedelta(seconds=LEASE_FRESH_SECONDS):
            return False
        if self.host != this_host():
            return True
        return self.pid != os.getpid() and process_exists(self.pid)


@cache
def this_host() -> str:
    """This machine's name, asked once; ``socket`` is imported here, not with the module, because the
    repository (and so this module) loads on the way to Home, where no lease is ever needed."""
    import socket

    return socket.gethostname()


def process_exists(pid: int) -> bool:
    """Whether a process with this id runs; on Windows ``os.kill`` would end it, so the heartbeat alone decides."""
    if sys.platform == "win32" or pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but belongs to someone else
        return True
    return True


def in_use_message(lease: Lease) -> str:
    return f"This interview is open in another window (since {lease.since:%H:%M} UTC)"


def taken_over_message(outcome: SaveOutcome) -> str:
    if outcome is SaveOutcome.CLOSED:
        return "This interview was finished or discarded in another window"
    return "This interview was taken over in another window"


def read_lease(conn: sqlite3.Connection, interview_id: str) -> Lease | None:
    row = conn.execute(
        "SELECT owner, pid, host, since, heartbeat FROM interview_leases WHERE interview_id = ?", (interview_id,)
    ).fetchone()
    if row is None:
        return None
    owner, pid, host, since, heartbeat = row
    try:
        return Lease(interview_id, str(owner), int(pid), str(host), parse_iso(since), parse_iso(heartbeat))
    except (TypeError, ValueError):  # a damaged row: nobody can be shown to hold it
        return None


def claim(conn: sqlite3.Connection, interview_id: str, owner: Owner, now: datetime) -> None:
    """Take the lease, whoever held it: that window's next save finds it lost."""
    stamp = iso(now)
    conn.execute(
        "INSERT OR REPLACE INTO interview_leases (interview_id, owner, pid, host, since, heartbeat) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (interview_id, owner.token, owner.pid, owner.host, stamp, stamp),
    )


def hold(conn: sqlite3.Connection, interview_id: str, owner: Owner, now: datetime) -> bool:
    """Refresh the lease if this window holds it; an interview nobody holds yet (older versions) is claimed."""
    lease = read_lease(conn, interview_id)
    if lease is None:
        claim(conn, interview_id, owner, now)
        return True
    if lease.owner != owner.token:
        return False
    conn.execute(
        "UPDATE interview_leases SET heartbeat = ? WHERE interview_id = ? AND owner = ?",
        (iso(now), interview_id, owner.token),
    )
    return True


def release(conn: sqlite3.Connection, interview_id: str, owner: Owner) -> None:
    """Let the next resume in any window go ahead without asking; the owner stays, so a stale writer still loses."""
    conn.execute(
        "UPDATE interview_leases SET heartbeat = ? WHERE interview_id = ? AND owner = ?",
        (RELEASED, interview_id, owner.token),
    )


def keep_recovery(
    conn: sqlite3.Connection, snapshot: Snapshot, owner: Owner, now: datetime, outcome: SaveOutcome
) -> None:
    """Keep a save that may not be written over the interview, whole, beside it."""
    conn.execute(
        "INSERT INTO interview_recoveries (interview_id, owner, saved_at, reason, state_json) VALUES (?, ?, ?, ?, ?)",
        (snapshot.id, owner.token, iso(now), outcome.value, json.dumps(snapshot.state, ensure_ascii=False)),
    )


def unsaved_answers(mine: dict[str, Any], saved: dict[str, Any] | None) -> list[tuple[int, str]]:
    """This window's answers (1-based question number, text) that the saved interview does not hold.

    Matched by question id, so a follow-up inserted in one window only does not shift the comparison.
    """
    saved_answers = {item.get("question_id"): item.get("answer") or "" for item in (saved or {}).get("items", [])}
    kept = []
    for number, item in enumerate(mine.get("items", []), start=1):
        answer = str(item.get("answer") or "")
        if answer.strip() and answer != saved_answers.get(item.get("question_id"), ""):
            kept.append((number, answer))
    return kept


def answers_text(answers: list[tuple[int, str]]) -> str:
    return "\n\n".join(f"Question {number}:\n{answer}" for number, answer in answers)
