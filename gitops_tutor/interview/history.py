"""Finished mock interviews as Home and Stats list them: one query, nothing else of the interview layer.

Its own small module so that Home's last-interview line, read on the way to Home's first frame,
does not import the repository (three dataclasses), the owner lease and the interview config:
~8 ms of imports for one SELECT. ``repository`` still exports these names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from gitops_tutor.progress.timeutil import parse_iso

if TYPE_CHECKING:
    from gitops_tutor.progress import ProgressStore


@dataclass(frozen=True)
class PastInterview:
    """One finished interview as the Stats screen lists it: when, which kind, how it went."""

    id: str
    started_at: datetime
    preset: str
    score: int
    band: str
    questions: int


PAST_INTERVIEWS_SQL = (
    "SELECT i.id, i.created_at, i.config_json, i.score, i.band, "
    "(SELECT COUNT(*) FROM interview_answers a WHERE a.interview_id = i.id) AS questions "
    "FROM interviews i WHERE i.status = 'finished' AND i.score IS NOT NULL "
    "ORDER BY i.created_at DESC, i.id DESC"
)


def past_interviews(store: ProgressStore, limit: int | None = None) -> list[PastInterview]:
    """Finished interviews with a score, oldest first so they read as a trend.

    With ``limit``, the most recent ``limit`` of them (still oldest first). One query,
    so the Stats screen stays fast however many interviews there are; a row whose
    date or config does not parse is skipped rather than breaking the screen.
    """
    sql = PAST_INTERVIEWS_SQL + (" LIMIT ?" if limit is not None else "")
    rows = store.rows(sql, [int(limit)] if limit is not None else [])
    past = [entry for entry in (_past_interview(row) for row in rows) if entry is not None]
    past.reverse()
    return past


def _past_interview(row: dict[str, Any]) -> PastInterview | None:
    try:
        config = json.loads(row["config_json"] or "{}")
        preset = config.get("preset", "standard") if isinstance(config, dict) else "standard"
        return PastInterview(
            id=str(row["id"]),
            started_at=parse_iso(row["created_at"]),
            preset=str(preset),
            score=int(row["score"]),
            band=str(row["band"] or ""),
            questions=int(row["questions"]),
        )
    except (TypeError, ValueError, OverflowError):
        return None
