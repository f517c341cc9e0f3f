"""Unsubmitted answers from study sessions, kept so that nothing typed is lost (input is sacred).

Practice, review and lesson checks save the attempt only when the learner picks a rating, and
until then the answer lived only in the text box. The screens copy the box here as the learner
types (a second's worth at most is at risk), and the next time the question is asked the newest
draft is put back in the box.

Each window (one app process, a random token) writes its own row: two windows on one question
keep both texts (QA 2026-12-01: with one row per question the second window overwrote the first,
and the first window's submit deleted the second's). A window that puts back another window's
draft takes it over: its first write retires that row, unless the other window wrote since (then
it is alive and keeps its own). Recording an answer drops every draft holding exactly that text.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from gitops_tutor.progress.timeutil import iso, parse_iso

if TYPE_CHECKING:
    from gitops_tutor.progress.store import ProgressStore


@dataclass(frozen=True)
class Draft:
    question_id: str
    window: str
    answer: str
    saved_at: datetime

    @property
    def version(self) -> tuple[str, str]:
        """What a window that takes this draft over retires: its row as it was read."""
        return self.window, iso(self.saved_at)


def save(
    store: ProgressStore, question_id: str, window: str, answer: str, retire: tuple[str, str] | None = None
) -> None:
    """Keep ``answer`` exactly as typed as this window's draft (a blank box drops it); ``retire``
    (a ``Draft.version`` this window took over) goes in the same write if nobody wrote it since."""
    with store.write() as conn:
        if answer.strip():
            conn.execute(
                "INSERT INTO answer_drafts (question_id, window, answer, saved_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (question_id, window) DO UPDATE SET answer = excluded.answer, "
                "saved_at = excluded.saved_at",
                [question_id, window, answer, iso(store.now())],
            )
        else:
            conn.execute("DELETE FROM answer_drafts WHERE question_id = ? AND window = ?", [question_id, window])
        if retire is not None and retire[0] != window:
            retire_in(conn, question_id, retire)


def newest(store: ProgressStore, question_id: str) -> Draft | None:
    """The draft to put back in the box: the newest of any window (a crashed one's, or this one's)."""
    rows = store.rows(
        "SELECT * FROM answer_drafts WHERE question_id = ? ORDER BY saved_at DESC, window LIMIT 1", [question_id]
    )
    if not rows:
        return None
    row = rows[0]
    return Draft(row["question_id"], row["window"], row["answer"], parse_iso(row["saved_at"]))


def drafted_question_ids(store: ProgressStore) -> list[str]:
    """Questions with a kept draft, newest first (a practice session asks them first)."""
    rows = store.rows(
        "SELECT question_id, max(saved_at) AS newest FROM answer_drafts GROUP BY question_id "
        "ORDER BY newest DESC, question_id"
    )
    return [row["question_id"] for row in rows]


def discard(store: ProgressStore, question_id: str, window: str, retire: tuple[str, str] | None = None) -> None:
    """The learner threw the answer away: this window's draft, and the one it took over, if unchanged."""
    with store.write() as conn:
        conn.execute("DELETE FROM answer_drafts WHERE question_id = ? AND window = ?", [question_id, window])
        if retire is not None:
            retire_in(conn, question_id, retire)


def retire_in(conn: sqlite3.Connection, question_id: str, version: tuple[str, str]) -> None:
    window, saved_at = version
    conn.execute(
        "DELETE FROM answer_drafts WHERE question_id = ? AND window = ? AND saved_at = ?",
        [question_id, window, saved_at],
    )


def drop_recorded_in(conn: sqlite3.Connection, question_id: str, answer: str) -> None:
    """Inside the transaction that records ``answer``: every draft holding exactly that text is answered."""
    conn.execute("DELETE FROM answer_drafts WHERE question_id = ? AND answer = ?", [question_id, answer])
