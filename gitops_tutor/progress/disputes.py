"""Disputes: the learner's claim that the grader judged an answer wrongly (issue 12).

The grader agrees with a fair interviewer on about three answers in four it has never seen, so a
learner needs a way to say "this deserves a pass" that is kept, not argued away. A dispute is a
copy of what was judged (the exact answer, the grader's verdict and score, the question's content
hash, which names the rubric version) plus the claim and an optional note. It never replaces the
grader's verdict: the attempt keeps it, stats measure mastery by it, and the claim is shown beside
it. What a claim changes is only what the learner's own judgement should change: the card's
rating in a study session (see ``rating_for_claim``). Exported as rubric samples
(``gitops-tutor disputes --yaml``), disputes become the test cases that prove a rubric fixed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from gitops_tutor.progress.timeutil import iso, parse_iso

if TYPE_CHECKING:
    from gitops_tutor.progress.store import ProgressStore

CLAIMS: tuple[str, ...] = ("pass", "partial", "fail")
MAX_NOTE_CHARS = 500
RATING_FOR_CLAIM = {"pass": "good", "partial": "hard", "fail": "again"}
COLUMNS = (
    "answer_key",
    "attempt_uid",
    "interview_id",
    "position",
    "question_id",
    "content_hash",
    "answer",
    "verdict",
    "score",
    "claimed",
    "note",
    "created_at",
)


@dataclass(frozen=True)
class JudgedAnswer:
    """One answer as the grader judged it: a study attempt (by its uid) or an interview answer."""

    question_id: str
    content_hash: str
    answer: str
    verdict: str
    score: int
    attempt_uid: str | None = None
    interview_id: str | None = None
    position: int | None = None

    @property
    def key(self) -> str:
        return answer_key(self.attempt_uid, self.interview_id, self.position)


@dataclass(frozen=True)
class Dispute:
    id: int
    judged: JudgedAnswer
    claimed: str
    note: str
    created_at: datetime

    @property
    def question_id(self) -> str:
        return self.judged.question_id

    @property
    def first_line(self) -> str:
        """The answer's first non-blank line, for tables (a manifest answer starts with its apiVersion)."""
        return next((line.strip() for line in self.judged.answer.splitlines() if line.strip()), "")

    def to_dict(self) -> dict[str, Any]:
        """The stored row, as ``--json`` prints it and an export carries it."""
        return {"id": self.id, **judged_fields(self.judged), "claimed": self.claimed, "note": self.note,
                "created_at": iso(self.created_at)}  # fmt: skip


def judged_fields(judged: JudgedAnswer) -> dict[str, Any]:
    """The judged answer as stored in a dispute row: one shape for the row, ``--json`` and an export."""
    return {
        "answer_key": judged.key,
        "attempt_uid": judged.attempt_uid,
        "interview_id": judged.interview_id,
        "position": judged.position,
        "question_id": judged.question_id,
        "content_hash": judged.content_hash,
        "answer": judged.answer,
        "verdict": judged.verdict,
        "score": judged.score,
    }


def answer_key(attempt_uid: str | None, interview_id: str | None, position: int | None) -> str:
    """The one name of a judged answer; exactly one of an attempt uid or an interview answer."""
    if attempt_uid is not None and interview_id is None and position is None:
        return f"attempt:{attempt_uid}"
    if attempt_uid is None and interview_id is not None and position is not None:
        return f"interview:{interview_id}:{position}"
    raise ValueError("a dispute names either an attempt uid or an interview id and position")


def rating_for_claim(claimed: str) -> str:
    """The review rating a claimed verdict earns, as the grader's own verdict would have.

    A learner who is right that the answer passes should not see the card again tomorrow
    because a rubric missed a wording; one who says it deserved a fail wants it back soon.
    """
    return RATING_FOR_CLAIM[checked_claim(claimed)]


def checked_claim(claimed: str) -> str:
    if claimed not in CLAIMS:
        raise ValueError(f"a claimed verdict must be one of {', '.join(CLAIMS)}, not {claimed!r}")
    return claimed


def clean_note(note: str) -> str:
    """One line of at most MAX_NOTE_CHARS: the note is read in a table row and a YAML comment."""
    flat = " ".join(note.split())
    if len(flat) > MAX_NOTE_CHARS:
        raise ValueError(f"a dispute note is at most {MAX_NOTE_CHARS} characters, not {len(flat)}")
    return flat


def dispute_record(judged: JudgedAnswer, claimed: str, note: str, created_at: str) -> dict[str, Any]:
    if checked_claim(claimed) == judged.verdict:
        raise ValueError(f"the grader already said {claimed}; there is nothing to dispute")
    return {**judged_fields(judged), "claimed": claimed, "note": clean_note(note), "created_at": created_at}


INSERT_SQL = f"INSERT INTO disputes ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})"
REPLACE_CLAIM = (
    " ON CONFLICT (answer_key) DO UPDATE SET claimed = excluded.claimed, note = excluded.note, "
    "created_at = excluded.created_at"
)


def upsert(conn: sqlite3.Connection, record: dict[str, Any], *, only_if_newer: bool = False) -> int:
    """Insert, or replace the claim on the same answer (keeping its id); 1 if anything changed.

    On one machine a second claim always replaces the first. An import passes ``only_if_newer``:
    the same file twice then changes nothing, and two machines' claims on one answer keep the later.
    """
    sql = INSERT_SQL + REPLACE_CLAIM + (" WHERE excluded.created_at > disputes.created_at" if only_if_newer else "")
    cursor = conn.execute(sql, [record[column] for column in COLUMNS])
    return int(cursor.rowcount)


def record(store: ProgressStore, judged: JudgedAnswer, claimed: str, note: str = "") -> Dispute:
    """Save the claim (replacing an earlier claim on the same answer) and return it as stored."""
    row = dispute_record(judged, claimed, note, iso(store.now()))
    with store.write() as conn:
        upsert(conn, row)
    found = find(store, judged.key)
    assert found is not None  # written just above, in the same connection
    return found


def find(store: ProgressStore, key: str) -> Dispute | None:
    rows = store.rows("SELECT * FROM disputes WHERE answer_key = ?", [key])
    return dispute_from_row(rows[0]) if rows else None


def for_interview(store: ProgressStore, interview_id: str) -> dict[int, Dispute]:
    """The disputes of one interview by answer position (what its report marks)."""
    rows = store.rows("SELECT * FROM disputes WHERE interview_id = ?", [interview_id])
    return {int(row["position"]): dispute_from_row(row) for row in rows}


def all_disputes(store: ProgressStore, question_ids: Iterable[str] | None = None) -> list[Dispute]:
    """Oldest first; with ``question_ids``, only those questions (a removed question's disputes are
    kept, like its attempts, but drop out of what the learner is shown)."""
    rows = store.rows("SELECT * FROM disputes ORDER BY created_at, id")
    wanted = None if question_ids is None else set(question_ids)
    return [dispute_from_row(row) for row in rows if wanted is None or row["question_id"] in wanted]


def withdraw(store: ProgressStore, dispute_id: int) -> bool:
    """Take a claim back; False when there is no dispute with that id."""
    with store.write() as conn:
        return conn.execute("DELETE FROM disputes WHERE id = ?", [dispute_id]).rowcount > 0


def dispute_from_row(row: dict[str, Any]) -> Dispute:
    judged = JudgedAnswer(
        question_id=row["question_id"],
        content_hash=row["content_hash"],
        answer=row["answer"],
        verdict=row["verdict"],
        score=int(row["score"]),
        attempt_uid=row["attempt_uid"],
        interview_id=row["interview_id"],
        position=row["position"],
    )
    return Dispute(int(row["id"]), judged, row["claimed"], row["note"], parse_iso(row["created_at"]))
