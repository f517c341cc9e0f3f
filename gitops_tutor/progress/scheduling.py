"""Spaced repetition with fsrs, plus the per-question summary kept beside each card.

The summary (failures, passes, recent scores) lives in the cards table so that
``stats`` and the queue read 2,000 rows instead of scanning 100,000 attempts. It
is always derivable from the attempts: ``replay`` rebuilds a card from a
question's history, which is how imports merge two histories.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from fsrs import Card, Rating, Scheduler

from gitops_tutor.progress.due import LEECH_THRESHOLD as LEECH_THRESHOLD
from gitops_tutor.progress.due import due_cutoff as due_cutoff
from gitops_tutor.progress.due import is_due as is_due
from gitops_tutor.progress.models import RATINGS
from gitops_tutor.progress.timeutil import iso, parse_iso, to_utc

RECENT_SCORES = 5
_RATINGS = {"again": Rating.Again, "hard": Rating.Hard, "good": Rating.Good, "easy": Rating.Easy}


def make_scheduler(fuzz: bool = True) -> Scheduler:
    """fsrs with its default parameters; fuzz spreads reviews out, tests turn it off to be exact."""
    return Scheduler(enable_fuzzing=fuzz)


def to_rating(name: str) -> Rating:
    try:
        return _RATINGS[name]
    except KeyError:
        raise ValueError(f"rating must be one of {', '.join(RATINGS)}, not {name!r}") from None


@dataclass(frozen=True)
class Review:
    """One answered question as the scheduler sees it."""

    rating: str
    score: int
    verdict: str
    content_hash: str
    at: datetime


@dataclass(frozen=True)
class CardState:
    question_id: str
    card: Card
    first_seen: str
    last_attempt_at: str
    reviews: int = 0
    lapses: int = 0
    passes: int = 0
    last_score: int | None = None
    recent_scores: tuple[int, ...] = field(default=())
    content_hash: str = ""

    def to_record(self) -> dict[str, Any]:
        return {
            "question_id": self.question_id,
            "card_json": self.card.to_json(),
            "due": iso(self.card.due),
            "state": int(self.card.state),
            "reviews": self.reviews,
            "lapses": self.lapses,
            "passes": self.passes,
            "last_score": self.last_score,
            "recent_scores": json.dumps(list(self.recent_scores)),
            "recent_score": self.recent_score,
            "content_hash": self.content_hash,
            "first_seen": self.first_seen,
            "last_attempt_at": self.last_attempt_at,
        }

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> CardState:
        return cls(
            question_id=row["question_id"],
            card=Card.from_json(row["card_json"]),
            first_seen=row["first_seen"],
            last_attempt_at=row["last_attempt_at"],
            reviews=row["reviews"],
            lapses=row["lapses"],
            passes=row["passes"],
            last_score=row["last_score"],
            recent_scores=tuple(json.loads(row["recent_scores"])),
            content_hash=row["content_hash"],
        )

    @property
    def recent_score(self) -> float:
        """Average of the last RECENT_SCORES scores: what mastery and weak topics are measured by."""
        return sum(self.recent_scores) / len(self.recent_scores) if self.recent_scores else 0.0

    @property
    def is_leech(self) -> bool:
        return self.lapses >= LEECH_THRESHOLD


def new_card(question_id: str, at: datetime) -> CardState:
    """A card never reviewed; its id comes from the clock so fsrs does not sleep to make one up."""
    moment = to_utc(at)
    card = Card(card_id=int(moment.timestamp() * 1000), due=moment)
    return CardState(question_id=question_id, card=card, first_seen=iso(moment), last_attempt_at=iso(moment))


def apply_review(scheduler: Scheduler, state: CardState | None, question_id: str, review: Review) -> CardState:
    """The card after one more answer: fsrs reschedules it and the summary counts it."""
    current = state or new_card(question_id, review.at)
    card, _log = scheduler.review_card(current.card, to_rating(review.rating), review_datetime=to_utc(review.at))
    return replace(
        current,
        card=card,
        last_attempt_at=max(current.last_attempt_at, iso(review.at)),
        reviews=current.reviews + 1,
        lapses=current.lapses + (review.rating == "again"),
        passes=current.passes + (review.verdict == "pass"),
        last_score=review.score,
        recent_scores=(current.recent_scores + (review.score,))[-RECENT_SCORES:],
        content_hash=review.content_hash,
    )


def replay(scheduler: Scheduler, question_id: str, reviews: Iterable[Review]) -> CardState | None:
    """Rebuild a card from a question's whole history, oldest answer first."""
    state: CardState | None = None
    for review in sorted(reviews, key=lambda r: r.at):
        state = apply_review(scheduler, state, question_id, review)
    return state


def review_from_row(row: dict[str, Any]) -> Review:
    return Review(
        rating=row["rating"],
        score=row["score"],
        verdict=row["verdict"],
        content_hash=row["content_hash"],
        at=parse_iso(row["ended_at"]),
    )
