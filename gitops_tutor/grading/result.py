"""What a grade looks like to every layer above: plain frozen data, JSON-ready."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Status = Literal["hit", "missed", "negated"]
Rating = Literal["again", "hard", "good", "easy"]
Span = tuple[int, int]


@dataclass(frozen=True)
class ConceptResult:
    """One rubric concept: did the answer say it, and where (offsets into the original answer)."""

    id: str
    label: str
    status: Status
    evidence: tuple[Span, ...]
    weight: float
    required: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "status": self.status,
            "evidence": [list(span) for span in self.evidence],
            "weight": self.weight,
            "required": self.required,
        }


@dataclass(frozen=True)
class ClaimResult:
    """A wrong claim the answer makes (not negated), with where it makes it."""

    id: str
    label: str
    evidence: tuple[Span, ...]
    penalty: float = 0.0
    truth: str = ""  # set for a curriculum-wide misconception (grading/myths.py): what is true instead

    def to_dict(self) -> dict[str, Any]:
        found = {
            "id": self.id,
            "label": self.label,
            "evidence": [list(span) for span in self.evidence],
            "penalty": self.penalty,
        }
        return {**found, "truth": self.truth} if self.truth else found


@dataclass(frozen=True)
class GradeResult:
    question_id: str
    score: int
    verdict: Literal["pass", "partial", "fail"]
    concepts: tuple[ConceptResult, ...] = ()
    wrong_claims: tuple[ClaimResult, ...] = ()
    feedback: str = ""
    rating: Rating = "again"
    flags: tuple[str, ...] = ()
    details: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question_id,
            "score": self.score,
            "verdict": self.verdict,
            "concepts": [c.to_dict() for c in self.concepts],
            "wrong_claims": [c.to_dict() for c in self.wrong_claims],
            "feedback": self.feedback,
            "rating": self.rating,
            "flags": list(self.flags),
            "details": list(self.details),
        }


DEFAULT_PASS = 70.0
DEFAULT_PARTIAL = 40.0


def verdict_for(
    score: float, pass_at: float = DEFAULT_PASS, partial_at: float = DEFAULT_PARTIAL
) -> Literal["pass", "partial", "fail"]:
    if score >= pass_at:
        return "pass"
    if score >= partial_at:
        return "partial"
    return "fail"


def rating_for(score: int, verdict: str, clean: bool = True) -> Rating:
    """Suggested FSRS rating: a fail is 'again', a partial 'hard', a clean near-perfect pass 'easy'."""
    if verdict == "fail":
        return "again"
    if verdict == "partial":
        return "hard"
    return "easy" if score >= 90 and clean else "good"
