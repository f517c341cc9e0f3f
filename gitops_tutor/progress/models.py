"""What the store hands out: small frozen records, free of sqlite and fsrs types."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

Mode = Literal["practice", "review", "interview", "lesson-check"]
MODES: tuple[str, ...] = ("practice", "review", "interview", "lesson-check")
RatingName = Literal["again", "hard", "good", "easy"]
RATINGS: tuple[str, ...] = ("again", "hard", "good", "easy")


class GradeLike(Protocol):
    """The part of ``gitops_tutor.grading.GradeResult`` the store keeps."""

    @property
    def score(self) -> int: ...

    @property
    def verdict(self) -> str: ...

    @property
    def rating(self) -> str: ...

    def to_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Attempt:
    id: int
    uid: str
    question_id: str
    content_hash: str
    answer: str
    score: int
    verdict: str
    rating: str
    mode: str
    started_at: datetime
    ended_at: datetime
    result: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class QueueItem:
    """One question to ask next; ``changed`` means its content changed since it was last answered."""

    question_id: str
    due: datetime | None
    is_new: bool
    changed: bool = False


@dataclass(frozen=True)
class LessonProgress:
    lesson_id: str
    sections_read: frozenset[str]
    completed: bool
    last_read_at: datetime | None


@dataclass(frozen=True)
class Mastery:
    """How well a lesson or domain is known.

    ``mastery`` (0-100) averages each question's recent score with unseen questions
    counting 0, so it rewards coverage; ``recent_score`` averages only the questions
    tried, which is what finds weak topics.
    """

    id: str
    title: str
    mastery: int
    recent_score: int | None
    seen: int
    total: int


@dataclass(frozen=True)
class WeakSpot:
    kind: Literal["lesson", "domain", "question"]
    id: str
    title: str
    score: int | None
    reason: str


@dataclass(frozen=True)
class Leech:
    """A question failed (rated again) LEECH_THRESHOLD times or more."""

    question_id: str
    failures: int
    last_score: int | None


@dataclass(frozen=True)
class DayTrend:
    day: str
    attempts: int
    average_score: int


@dataclass(frozen=True)
class Totals:
    attempts: int
    questions_seen: int
    questions_total: int
    passes: int
    average_score: int | None
    study_days: int
    lessons_completed: int


@dataclass(frozen=True)
class Stats:
    totals: Totals
    due_now: int  # due by ``scheduling.due_cutoff``: what Review offers and Home counts
    due_later_today: int  # learning steps that end before midnight UTC: not offered yet
    new_available: int
    streak: int
    lessons: tuple[Mastery, ...]
    domains: tuple[Mastery, ...]
    weak_spots: tuple[WeakSpot, ...]
    leeches: tuple[Leech, ...]
    trend: tuple[DayTrend, ...]
    activity: dict[str, int]
    # Answers whose verdict the learner disputes (questions still in the content). Mastery and
    # every score above stay the grader's: the honest figure, with this count said beside it.
    disputes_open: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Plain dicts and lists only, ready for ``json.dumps`` or a template."""
        return _plain(asdict(self))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value
