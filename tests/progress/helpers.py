"""Small synthetic curricula and grade results for store tests."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from gitops_tutor.curriculum.models import Curriculum, Domain, Lesson, WhichToolQuestion

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
RATING_FOR_SCORE = ((85, "good", "pass"), (50, "hard", "partial"), (0, "again", "fail"))


@dataclass(frozen=True)
class FakeResult:
    """Shaped like gitops_tutor.grading.GradeResult in the fields the store reads."""

    question_id: str
    score: int
    verdict: str
    rating: str
    feedback: str = ""
    flags: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def result(question_id: str, score: int) -> FakeResult:
    for floor, rating, verdict in RATING_FOR_SCORE:
        if score >= floor:
            return FakeResult(question_id, score, verdict, rating)
    raise AssertionError("unreachable")


def question(qid: str, lesson: str = "l1", domain: str = "d1", content_hash: str = "h") -> WhichToolQuestion:
    return WhichToolQuestion(
        id=qid,
        lesson=lesson,
        type="which-tool",
        prompt=f"Prompt of {qid}?",
        difficulty=1,
        tags=(),
        domain=domain,
        explanation="",
        content_hash=content_hash,
        answer="argo",
        why="",
    )


def lesson(lid: str, order: int, domain: str = "d1") -> Lesson:
    return Lesson(
        id=lid,
        title=f"Lesson {lid}",
        order=order,
        summary="",
        objectives=(),
        key_terms=(),
        body="## One\ntext\n## Two\ntext\n",
        domain=domain,
        check_questions=(),
    )


def curriculum(questions: Iterable[WhichToolQuestion], lessons: Iterable[Lesson] = ()) -> Curriculum:
    qs = {q.id: q for q in questions}
    ls = {lsn.id: lsn for lsn in lessons} or {
        lid: lesson(lid, n) for n, lid in enumerate(sorted({q.lesson for q in qs.values()}))
    }
    domains = {d: Domain(d, f"Domain {d}", 10.0) for d in sorted({q.domain for q in qs.values()})}
    return Curriculum(lessons=ls, questions=qs, comparison=None, aliases={}, domains=domains)


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now
