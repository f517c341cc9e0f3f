"""The learner's progress: attempts, spaced-repetition cards, lessons read, settings.

Use ``ProgressStore.open(path)``; every problem a learner can fix arrives as a
``StoreError`` with a one-line message.
"""

from __future__ import annotations

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
