"""The learner's progress: attempts, spaced-repetition cards, lessons read, settings.

Use ``ProgressStore.open(path)``; every problem a learner can fix arrives as a
``StoreError`` with a one-line message.

The names below load on first use (PEP 562), so ``progress.errors`` or ``progress.models``
can be imported without the store and its scheduler (the app's event loop needs only
``StoreError``; its loader thread imports the store).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    """Import a public name's module when the name is first asked for, then keep it here."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
