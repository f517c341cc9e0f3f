"""Unsubmitted answers from study sessions, kept so that nothing typed is lost (input is sacred).

Practice, review and lesson checks save the attempt only when the learner picks a rating, and
until then the answer lived only in the text box. The screens copy the box here as the learner
types (a second's worth at most is at risk), the next time the question is asked the draft is
put back in the box, and recording the question's attempt drops it in the same transaction.
One draft per question: a question is asked in one place at a time, and the newest text wins.
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
    answer: str
    saved_at: datetime


def save(store: ProgressStore, question_id: str, answer: str) -> None:
    """Keep ``answer`` exactly as typed; an empty or blank box drops the draft instead."""
    with store.write() as conn:
        if answer.strip():
            conn.execute(
                "INSERT INTO answer_drafts (question_id, answer, saved_at) VALUES (?, ?, ?) "
                "ON CONFLICT (question_id) DO UPDATE SET answer = excluded.answer, saved_at = excluded.saved_at",
                [question_id, answer, iso(store.now())],
            )
        else:
            drop_in(conn, question_id)


def find(store: ProgressStore, question_id: str) -> Draft | None:
    rows = store.rows("SELECT * FROM answer_drafts WHERE question_id = ?", [question_id])
    if not rows:
        return None
    row = rows[0]
    return Draft(row["question_id"], row["answer"], parse_iso(row["saved_at"]))


def drafted_question_ids(store: ProgressStore) -> list[str]:
    """Questions with a kept draft, newest first (a practice session asks them first)."""
    rows = store.rows("SELECT question_id FROM answer_drafts ORDER BY saved_at DESC, question_id")
    return [row["question_id"] for row in rows]


def drop(store: ProgressStore, question_id: str) -> None:
    with store.write() as conn:
        drop_in(conn, question_id)


def drop_in(conn: sqlite3.Connection, question_id: str) -> None:
    """Inside a caller's transaction (recording an attempt drops its draft in the same write)."""
    conn.execute("DELETE FROM answer_drafts WHERE question_id = ?", [question_id])
