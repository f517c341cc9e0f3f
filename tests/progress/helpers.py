"""Small synthetic curricula and grade results for store tests."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta, timezone

from gitops_tutor.curriculum.models import Curriculum, Domain, Lesson, Verdict, WhichToolQuestion
from gitops_tutor.grading import GradeResult
from gitops_tutor.grading.result import Rating

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
RATING_FOR_SCORE: tuple[tuple[int, Rating, Verdict], ...] = (
    (85, "good", "pass"),
    (50, "hard", "partial"),
    (0, "again", "fail"),
)


def result(question_id: str, score: int) -> GradeResult:
    """A real grade with a chosen score (the store only reads score, verdict, rating and to_dict)."""
    for floor, rating, verdict in RATING_FOR_SCORE:
        if score >= floor:
            return GradeResult(question_id, score, verdict, rating=rating, feedback=f"scored {score}")
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
