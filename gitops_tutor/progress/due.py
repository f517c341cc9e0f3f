"""What "due" and "leech" mean, apart from fsrs: Home and Stats need only these, so counting what
is due never imports the scheduler (issue 15: ~5 ms of the app's start-up)."""

from __future__ import annotations

from datetime import datetime

from gitops_tutor.progress.timeutil import iso

LEECH_THRESHOLD = 4


def due_cutoff(now: datetime) -> str:
    """THE definition of "due", used by every screen and command: a card is due when its due time
    (an ISO string in the cards table) is at or before this; compare with ``due <= due_cutoff(now)``.

    Cards whose short learning step (1-10 minutes) ends later today are not due yet: they are
    "due later today", counted apart, so no screen says 8 due while the queue offers nothing (B8).
    """
    return iso(now)


def is_due(due: str, now: datetime) -> bool:
    return due <= due_cutoff(now)
