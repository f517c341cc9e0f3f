"""The learner's progress: attempts, spaced-repetition cards, lessons read, settings.

Use ``ProgressStore.open(path)``; every problem a learner can fix arrives as a
``StoreError`` with a one-line message.

The names below load on first use (PEP 562), so ``progress.errors`` or ``progress.models``
can be imported without the store and its scheduler (the app's event loop needs only
``StoreError``; its loader thread imports the store).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gitops_tutor.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from gitops_tutor.progress.errors import StoreError
    from gitops_tutor.progress.models import (
        Attempt,
        DayTrend,
        Leech,
        LessonProgress,
        Mastery,
        QueueItem,
        Stats,
        Totals,
        WeakSpot,
    )
    from gitops_tutor.progress.store import ProgressStore

_HOMES = {
    "Attempt": "models",
    "DayTrend": "models",
    "Leech": "models",
    "LessonProgress": "models",
    "Mastery": "models",
    "ProgressStore": "store",
    "QueueItem": "models",
    "Stats": "models",
    "StoreError": "errors",
    "Totals": "models",
    "WeakSpot": "models",
}

__all__ = [
    "Attempt",
    "DayTrend",
    "Leech",
    "LessonProgress",
    "Mastery",
    "ProgressStore",
    "QueueItem",
    "Stats",
    "StoreError",
    "Totals",
    "WeakSpot",
]


__getattr__, __dir__ = lazy_exports(__name__, _HOMES)
