"""Interviews in the progress database: saved on every change, resumed after a crash.

The whole session state goes into ``interviews.state_json`` (what a resume needs);
``interview_answers`` holds one row per question so the history can be queried
without parsing JSON. Both are written in one transaction of the store, so a kill
between the two can never leave them disagreeing.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from gitops_tutor.interview import lease
from gitops_tutor.interview.config import InterviewConfig
from gitops_tutor.interview.errors import InterviewError
from gitops_tutor.interview.history import PAST_INTERVIEWS_SQL as PAST_INTERVIEWS_SQL  # their home is history.py
from gitops_tutor.interview.history import PastInterview as PastInterview
from gitops_tutor.interview.history import past_interviews as past_interviews
from gitops_tutor.interview.lease import InterviewTakenOver, Lease, Owner, SaveOutcome
from gitops_tutor.progress.timeutil import iso, parse_iso

if TYPE_CHECKING:  # only named in annotations: Home lists past interviews without the session's imports
    from gitops_tutor.interview.session import InterviewSession
    from gitops_tutor.progress import ProgressStore

ABANDONED_AFTER = timedelta(days=1)
LONG_AGO = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class SavedInterview:
    """An interview row as stored, before it is turned back into a session."""

    id: str
    created_at: datetime
    updated_at: datetime
    status: str
    config: InterviewConfig
    state: dict[str, Any]
    score: int | None
    band: str | None
    report: dict[str, Any] | None

    @property
    def answered(self) -> int:
        return sum(1 for item in self.state.get("items", []) if str(item.get("answer") or "").strip())

    @property
    def question_count(self) -> int:
        return len(self.state.get("items", []))

    @property
    def remaining_seconds(self) -> float:
        return max(self.config.seconds - float(self.state.get("elapsed", 0.0)), 0.0)

    def is_abandoned(self, now: datetime) -> bool:
        return self.status == "running" and now - self.updated_at > ABANDONED_AFTER


@dataclass(frozen=True)
class Snapshot:
    """A session's state at one moment, detached from the session so another thread can write it."""

    id: str
    created_at: str
    status: str
    config: dict[str, Any]
    state: dict[str, Any]

    @classmethod
    def of(cls, session: InterviewSession) -> Snapshot:
        return cls(session.id, iso(session.created_at), session.status, session.config.to_dict(), session.to_state())


# CROSS JOIN makes SQLite filter the few interviews first and then read only their answers
# by the primary key; a plain JOIN scanned every answer row (half the speed at 500 mocks).
ASKED_IN_PRESET_SQL = (
    "SELECT a.question_id AS question_id, MAX(i.created_at) AS last_asked "
    "FROM interviews i CROSS JOIN interview_answers a ON a.interview_id = i.id "
    "WHERE (CASE WHEN json_valid(i.config_json) THEN json_extract(i.config_json, '$.preset') END) = ? "
    "AND (i.status = 'finished' OR TRIM(COALESCE(a.answer, '')) <> '') "
    "GROUP BY a.question_id"
)


def asked_in_preset(store: ProgressStore, preset: str) -> dict[str, datetime]:
    """Each question earlier interviews of ``preset`` asked, with when it was last asked.

    A finished interview asked all its questions (its report shows every one with the
    model answer); an unfinished or discarded one only those answered, so a mock left
    after two questions does not use up sixty. One grouped query, however long the
    history; a damaged config is never this preset, a damaged date counts as long ago.
    """
    asked = {}
    for row in store.rows(ASKED_IN_PRESET_SQL, [preset]):
        try:
            asked[str(row["question_id"])] = parse_iso(str(row["last_asked"]))
        except ValueError:
            asked[str(row["question_id"])] = LONG_AGO
    return asked


def new_interview_id(now: datetime) -> str:
    """Sortable and readable in a file name: creation time plus a random suffix."""
    return f"{now:%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"


class InterviewRepository:
    """Reads and writes the interview tables through the store's transactions."""

    def __init__(self, store: ProgressStore) -> None:
        self.store = store

    def save(self, session: InterviewSession, owner: Owner | None = None) -> SaveOutcome:
        """Write the session's full state; called on every change and at least every 2 s of typing."""
        return self.write(Snapshot.of(session), owner)

    def write(self, snapshot: Snapshot, owner: Owner | None = None) -> SaveOutcome:
        """Write a snapshot taken earlier (the app takes it on its UI thread, writes it on the store's).

        Only over a running interview (a finished one is never reopened) and, with an
        ``owner``, only while that window holds the lease; otherwise the snapshot is kept
        in ``interview_recoveries`` instead (see ``lease``) and the outcome says why.
        """
        now = self.store.now()
        with self.store.write() as conn:
            outcome = self._may_write(conn, snapshot.id, owner, now)
            if outcome is SaveOutcome.SAVED:
                self._put(conn, snapshot, iso(now))
            elif owner is not None:
                lease.keep_recovery(conn, snapshot, owner, now, outcome)
        return outcome

    def _may_write(
        self, conn: sqlite3.Connection, interview_id: str, owner: Owner | None, now: datetime
    ) -> SaveOutcome:
        row = conn.execute("SELECT status FROM interviews WHERE id = ?", (interview_id,)).fetchone()
        if row is not None and row[0] != "running":
            return SaveOutcome.CLOSED
        if owner is not None and not lease.hold(conn, interview_id, owner, now):
            return SaveOutcome.TAKEN_OVER
        return SaveOutcome.SAVED

    def _put(self, conn: sqlite3.Connection, snapshot: Snapshot, now: str) -> None:
        items = snapshot.state["items"]
        conn.execute(
            "INSERT INTO interviews (id, created_at, updated_at, status, config_json, state_json) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at, "
            "status = excluded.status, config_json = excluded.config_json, state_json = excluded.state_json",
            (
                snapshot.id,
                snapshot.created_at,
                now,
                snapshot.status,
                json.dumps(snapshot.config),
                json.dumps(snapshot.state, ensure_ascii=False),
            ),
        )
        conn.execute("DELETE FROM interview_answers WHERE interview_id = ?", (snapshot.id,))
        conn.executemany(
            "INSERT INTO interview_answers (interview_id, position, question_id, answer, seconds_spent, flagged) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (snapshot.id, i, item["question_id"], item["answer"], item["seconds"], int(item["flagged"]))
                for i, item in enumerate(items)
            ],
        )

    def save_scores(
        self, session: InterviewSession, score: int, band: str, report: dict[str, Any], owner: Owner | None = None
    ) -> None:
        """Attach the final report and each answer's grade to a finished interview.

        Raises ``InterviewTakenOver`` (writing nothing) when another window holds the
        interview or it was discarded there: the grades would mix two windows' answers.
        """
        with self.store.write() as conn:
            self._check_completable(conn, session.id, owner)
            self._put(conn, Snapshot.of(session), iso(self.store.now()))
            conn.execute(
                "UPDATE interviews SET score = ?, band = ?, report_json = ? WHERE id = ?",
                (score, band, json.dumps(report, ensure_ascii=False), session.id),
            )
            for position in range(len(session.items)):
                result = session.result_at(position)
                conn.execute(
                    "UPDATE interview_answers SET score = ?, verdict = ?, result_json = ? "
                    "WHERE interview_id = ? AND position = ?",
                    (result.score, result.verdict, json.dumps(result.to_dict()), session.id, position),
                )

    def _check_completable(self, conn: sqlite3.Connection, interview_id: str, owner: Owner | None) -> None:
        row = conn.execute("SELECT status FROM interviews WHERE id = ?", (interview_id,)).fetchone()
        if row is not None and row[0] not in ("running", "finished"):
            raise InterviewTakenOver(lease.taken_over_message(SaveOutcome.CLOSED))
        if owner is not None and not lease.hold(conn, interview_id, owner, self.store.now()):
            raise InterviewTakenOver(lease.taken_over_message(SaveOutcome.TAKEN_OVER))

    # -- leases (see ``lease``) ----------------------------------------------------------------

    def lease(self, interview_id: str) -> Lease | None:
        with self.store.guard():
            return lease.read_lease(self.store.conn, interview_id)

    def claim(self, interview_id: str, owner: Owner) -> None:
        with self.store.write() as conn:
            lease.claim(conn, interview_id, owner, self.store.now())

    def heartbeat(self, interview_id: str, owner: Owner) -> SaveOutcome:
        """Refresh this window's lease; says so once another window holds it or the interview was closed."""
        with self.store.write() as conn:
            return self._may_write(conn, interview_id, owner, self.store.now())

    def release(self, interview_id: str, owner: Owner) -> None:
        with self.store.write() as conn:
            lease.release(conn, interview_id, owner)

    def keep_recovery(self, snapshot: Snapshot, owner: Owner, outcome: SaveOutcome) -> None:
        with self.store.write() as conn:
            lease.keep_recovery(conn, snapshot, owner, self.store.now(), outcome)

    def recoveries(self, interview_id: str) -> list[dict[str, Any]]:
        """Saves kept aside because their window had lost the interview, oldest first."""
        return self.store.rows(
            "SELECT owner, saved_at, reason, state_json FROM interview_recoveries WHERE interview_id = ? ORDER BY id",
            [interview_id],
        )

    def get(self, interview_id: str) -> SavedInterview | None:
        rows = self.store.rows("SELECT * FROM interviews WHERE id = ?", [interview_id])
        return _saved(rows[0]) if rows else None

    def unfinished(self) -> list[SavedInterview]:
        """Interviews still running (the process died or the learner left), newest first; damaged ones skipped."""
        saved = []
        for row in self._unfinished_rows():
            try:
                saved.append(_saved(row))
            except InterviewError:
                continue  # discard_abandoned() clears it
        return saved

    def _unfinished_rows(self) -> list[dict[str, Any]]:
        return self.store.rows("SELECT * FROM interviews WHERE status = 'running' ORDER BY updated_at DESC, id DESC")

    def resumable(self, now: datetime) -> SavedInterview | None:
        """The newest unfinished interview that is not abandoned (younger than a day)."""
        for saved in self.unfinished():
            if not saved.is_abandoned(now):
                return saved
        return None

    def discard(self, interview_id: str) -> None:
        """Mark an interview discarded; it keeps its row but never counts in the history."""
        with self.store.write() as conn:
            conn.execute(
                "UPDATE interviews SET status = 'discarded', updated_at = ? WHERE id = ?",
                (iso(self.store.now()), interview_id),
            )

    def discard_abandoned(self, now: datetime) -> list[str]:
        """Discard every unfinished interview untouched for more than a day, or damaged; returns their ids."""
        stale = []
        for row in self._unfinished_rows():
            try:
                abandoned = _saved(row).is_abandoned(now)
            except InterviewError:
                abandoned = True
            if abandoned:
                self.discard(row["id"])
                stale.append(row["id"])
        return stale

    def finished(self, limit: int | None = None) -> list[SavedInterview]:
        """Finished interviews with a report, newest first."""
        sql = "SELECT * FROM interviews WHERE status = 'finished' AND report_json IS NOT NULL ORDER BY created_at DESC"
        rows = self.store.rows(sql + (f" LIMIT {int(limit)}" if limit else ""))
        finished = []
        for row in rows:
            try:
                finished.append(_saved(row))
            except InterviewError:
                continue  # a damaged row must not hide the others (or break the setup screen)
        return finished


def _saved(row: dict[str, Any]) -> SavedInterview:
    try:
        return _parse_row(row)
    except (TypeError, ValueError) as exc:
        raise InterviewError(f"saved interview {row.get('id')} is damaged ({exc}); discard it with --discard") from None


def _checked_state(state: Any) -> dict[str, Any]:
    """The saved state, if it has the shape every reader relies on (an import can hold anything).

    Without this a row like ``{"items": "x"}`` passed the parse and then crashed the
    app's start-up and every ``--resume`` when something counted its answers.
    """
    if not isinstance(state, dict):
        raise ValueError("the state is not an object")
    items = state.get("items", [])
    if not isinstance(items, list) or not all(_is_item(item) for item in items):
        raise ValueError("its questions are not a list of question entries")
    if not isinstance(state.get("elapsed", 0.0), (int, float)) or isinstance(state.get("elapsed"), bool):
        raise ValueError("its elapsed time is not a number")
    return state


def _is_item(item: Any) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("question_id"), str)
        and isinstance(item.get("answer") or "", str)
        and isinstance(item.get("seconds") or 0, (int, float))
    )


def _parse_row(row: dict[str, Any]) -> SavedInterview:
    return SavedInterview(
        id=row["id"],
        created_at=parse_iso(row["created_at"]),
        updated_at=parse_iso(row["updated_at"]),
        status=row["status"],
        config=InterviewConfig.from_dict(json.loads(row["config_json"] or "{}")),
        state=_checked_state(json.loads(row["state_json"] or "{}")),
        score=row.get("score"),
        band=row.get("band"),
        report=json.loads(row["report_json"]) if row.get("report_json") else None,
    )
