"""Numbers for the stats screen and ``gitops-tutor stats``.

Everything comes from two cheap reads: the cards table (one summary row per
question ever answered) and the study_days table (one row of totals per day),
both kept current by every write, so the cost does not grow with the attempts.
Days are UTC calendar days, so a streak and the daily new-question limit roll
over at midnight UTC, not local midnight.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Literal, NamedTuple

from gitops_tutor.curriculum.models import AnyQuestion, Curriculum
from gitops_tutor.progress.due import LEECH_THRESHOLD, due_cutoff
from gitops_tutor.progress.models import DayTrend, Leech, Mastery, Stats, Totals, WeakSpot
from gitops_tutor.progress.timeutil import day_of, end_of_day, iso

if TYPE_CHECKING:
    from gitops_tutor.progress.store import ProgressStore

TREND_DAYS = 14
WEAK_BELOW = 70
WEAK_TOPICS_SHOWN = 3
LEECHES_SHOWN = 10


class QuestionSummary(NamedTuple):
    """A NamedTuple, not a dataclass: 2,000 are built per call and tuples build fastest."""

    question_id: str
    recent_score: float
    lapses: int
    last_score: int | None
    due: str


@dataclass(frozen=True)
class DayRow:
    day: str
    attempts: int
    score_sum: int
    passes: int


def compute_stats(store: ProgressStore, curriculum: Curriculum, now: datetime) -> Stats:
    summaries = load_summaries(store, curriculum)
    days = load_days(store)
    lessons = lesson_mastery(curriculum, summaries)
    domains = domain_mastery(curriculum, summaries)
    leeches = find_leeches(summaries)
    due_now, due_later_today = due_counts(summaries, now)
    return Stats(
        totals=totals(days, summaries, curriculum, len(store.completed_lessons())),
        due_now=due_now,
        due_later_today=due_later_today,
        new_available=min(store.new_allowance(now), len(curriculum.questions) - len(summaries)),
        streak=streak({row.day for row in days}, day_of(now)),
        lessons=lessons,
        domains=domains,
        weak_spots=weak_spots(lessons, domains, leeches, curriculum),
        leeches=leeches,
        trend=trend(days, day_of(now)),
        activity={row.day: row.attempts for row in days},
        disputes_open=open_disputes(store, curriculum),
    )


def open_disputes(store: ProgressStore, curriculum: Curriculum) -> int:
    """Disputes of questions still in the content; one small read, not one per question."""
    with store.guard():
        rows = store.conn.execute("SELECT question_id FROM disputes")
        return sum(1 for (question_id,) in rows if question_id in curriculum.questions)


def due_counts(summaries: dict[str, QuestionSummary], now: datetime) -> tuple[int, int]:
    """Cards due now (the one definition the queue uses too) and cards due later today."""
    cutoff, tomorrow = due_cutoff(now), iso(end_of_day(now))
    due_now = sum(1 for s in summaries.values() if s.due <= cutoff)
    later = sum(1 for s in summaries.values() if cutoff < s.due < tomorrow)
    return due_now, later


def load_summaries(store: ProgressStore, curriculum: Curriculum) -> dict[str, QuestionSummary]:
    """Per-question summaries of questions still in the content (removed ones drop out of stats)."""
    with store.guard():
        rows = store.conn.execute("SELECT question_id, recent_score, lapses, last_score, due FROM cards")
        return {row[0]: QuestionSummary(*row) for row in rows if row[0] in curriculum.questions}


def load_days(store: ProgressStore) -> list[DayRow]:
    with store.guard():
        rows = store.conn.execute("SELECT day, attempts, score_sum, passes FROM study_days ORDER BY day")
        return [DayRow(*row) for row in rows]


def totals(
    days: list[DayRow], summaries: dict[str, QuestionSummary], curriculum: Curriculum, lessons_completed: int
) -> Totals:
    attempts = sum(row.attempts for row in days)
    score_sum = sum(row.score_sum for row in days)
    return Totals(
        attempts=attempts,
        questions_seen=len(summaries),
        questions_total=len(curriculum.questions),
        passes=sum(row.passes for row in days),
        average_score=round(score_sum / attempts) if attempts else None,
        study_days=len(days),
        lessons_completed=lessons_completed,
    )


def streak(study_days: set[str], today: date) -> int:
    """Consecutive UTC days with at least one attempt, ending today or, if today is still empty, yesterday."""
    day = today if today.isoformat() in study_days else today - timedelta(days=1)
    count = 0
    while day.isoformat() in study_days:
        count += 1
        day -= timedelta(days=1)
    return count


def mastery(
    group_id: str, title: str, questions: Iterable[AnyQuestion], summaries: dict[str, QuestionSummary]
) -> Mastery:
    ids = [q.id for q in questions]
    seen = [summaries[qid].recent_score for qid in ids if qid in summaries]
    return Mastery(
        id=group_id,
        title=title,
        mastery=round(sum(seen) / len(ids)) if ids else 0,
        recent_score=round(sum(seen) / len(seen)) if seen else None,
        seen=len(seen),
        total=len(ids),
    )


def lesson_mastery(curriculum: Curriculum, summaries: dict[str, QuestionSummary]) -> tuple[Mastery, ...]:
    by_lesson = group(curriculum.questions.values(), lambda q: q.lesson)
    return tuple(
        mastery(lesson.id, lesson.title, by_lesson.get(lesson.id, []), summaries)
        for lesson in curriculum.lessons_in_order()
    )


def domain_mastery(curriculum: Curriculum, summaries: dict[str, QuestionSummary]) -> tuple[Mastery, ...]:
    by_domain = group(curriculum.questions.values(), lambda q: q.domain)
    ids = list(curriculum.domains) + sorted(set(by_domain) - set(curriculum.domains))
    return tuple(
        mastery(domain_id, domain_title(curriculum, domain_id), by_domain.get(domain_id, []), summaries)
        for domain_id in ids
    )


def domain_title(curriculum: Curriculum, domain_id: str) -> str:
    domain = curriculum.domains.get(domain_id)
    return domain.name if domain else domain_id


def group(questions: Iterable[AnyQuestion], key: Callable[[AnyQuestion], str]) -> dict[str, list[AnyQuestion]]:
    groups: dict[str, list[AnyQuestion]] = {}
    for question in questions:
        groups.setdefault(key(question), []).append(question)
    return groups


def find_leeches(summaries: dict[str, QuestionSummary]) -> tuple[Leech, ...]:
    leeches = [Leech(s.question_id, s.lapses, s.last_score) for s in summaries.values() if s.lapses >= LEECH_THRESHOLD]
    return tuple(sorted(leeches, key=lambda leech: (-leech.failures, leech.question_id)))


def weak_spots(
    lessons: tuple[Mastery, ...],
    domains: tuple[Mastery, ...],
    leeches: tuple[Leech, ...],
    curriculum: Curriculum | None = None,
) -> tuple[WeakSpot, ...]:
    """Weakest tried lessons and domains (recent score under WEAK_BELOW), then the worst leeches."""
    spots = [weak_topic("lesson", m) for m in weakest(lessons)]
    spots += [weak_topic("domain", m) for m in weakest(domains)]
    spots += [
        WeakSpot(
            "question",
            leech.question_id,
            question_title(curriculum, leech.question_id),
            leech.last_score,
            f"failed {leech.failures} times",
        )
        for leech in leeches[:LEECHES_SHOWN]
    ]
    return tuple(spots)


def question_title(curriculum: Curriculum | None, question_id: str, width: int = 60) -> str:
    """A question as a learner knows it, by its prompt's first line, not its internal id (P1)."""
    question = curriculum.questions.get(question_id) if curriculum is not None else None
    lines = question.prompt.split("\n") if question is not None else []
    first = " ".join(lines[0].split()) if lines and lines[0].strip() else question_id
    return first if len(first) <= width else first[: width - 1] + "…"


def weakest(groups: tuple[Mastery, ...]) -> list[Mastery]:
    tried = [m for m in groups if m.recent_score is not None and m.recent_score < WEAK_BELOW]
    return sorted(tried, key=lambda m: (m.recent_score or 0, m.id))[:WEAK_TOPICS_SHOWN]


def weak_topic(kind: Literal["lesson", "domain"], group_mastery: Mastery) -> WeakSpot:
    return WeakSpot(
        kind,
        group_mastery.id,
        group_mastery.title,
        group_mastery.recent_score,
        f"recent score {group_mastery.recent_score} over {group_mastery.seen} "
        + ("question" if group_mastery.seen == 1 else "questions"),
    )


def trend(days: list[DayRow], today: date) -> tuple[DayTrend, ...]:
    """Average score per study day over the last TREND_DAYS days."""
    first = (today - timedelta(days=TREND_DAYS - 1)).isoformat()
    return tuple(
        DayTrend(row.day, row.attempts, round(row.score_sum / row.attempts))
        for row in days
        if first <= row.day <= today.isoformat()
    )
