"""Everything a screen shows, gathered in one call on the store's thread.

One round trip per screen refresh keeps the event loop free and the numbers
consistent with each other (all read at the same moment). The records are NamedTuples, not
frozen dataclasses: this module loads on the way to Home's first frame, where importing it took
4.5 ms of CPU with five frozen dataclasses (their methods are compiled from source at import) and
takes 2.3 ms with NamedTuples, which compare by value and are immutable as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from gitops_tutor.curriculum.packs import SHIPPED_PACK

if TYPE_CHECKING:
    from datetime import datetime

    from gitops_tutor.curriculum.models import Curriculum
    from gitops_tutor.interview import PastInterview
    from gitops_tutor.progress import ProgressStore, Stats
    from gitops_tutor.tui.services import Services


class LessonRow(NamedTuple):
    lesson_id: str
    title: str
    sections_read: int
    sections_total: int
    completed: bool
    mastery: int | None
    pack: str = SHIPPED_PACK

    @property
    def mark(self) -> str:
        if self.completed:
            return "✓"
        if self.sections_read:
            return "◐"
        return "·"


class LastInterview(NamedTuple):
    score: int
    band: str
    when: str


class ContinueTarget(NamedTuple):
    """Where Home's Continue button goes: a lesson, maybe a section in it, and how to say it."""

    lesson_id: str
    section: str | None
    verb: str  # "Start", "Continue" or "Next"


def lesson_finished(row: LessonRow, has_checks: bool) -> bool:
    """Done with a lesson: its checks answered, or (with no checks) every section read."""
    return row.completed or (not has_checks and row.sections_total > 0 and row.sections_read >= row.sections_total)


def continue_target(
    curriculum: Curriculum, rows: tuple[LessonRow, ...], last_position: tuple[str, str] | None
) -> ContinueTarget | None:
    """The lesson last read while it is unfinished; once it is finished, the next unfinished one (R4)."""
    if not rows:
        return None
    finished = [lesson_finished(row, bool(curriculum.lessons[row.lesson_id].check_questions)) for row in rows]
    index = {row.lesson_id: n for n, row in enumerate(rows)}
    if last_position is None or last_position[0] not in index:
        first = finished.index(False) if False in finished else 0
        return ContinueTarget(rows[first].lesson_id, None, "Start")
    here = index[last_position[0]]
    if not finished[here]:
        return ContinueTarget(rows[here].lesson_id, last_position[1], "Continue")
    after = [n for n in range(here + 1, len(rows)) if not finished[n]] + [n for n in range(here) if not finished[n]]
    return ContinueTarget(rows[after[0]].lesson_id, None, "Next") if after else None


class HomeData(NamedTuple):
    """Everything Home draws, the content's part included (where Continue goes, the counts), so
    Home can be drawn from figures read in another process before this one has the content
    (``tui.early``)."""

    due: int
    stats: Stats
    lessons: tuple[LessonRow, ...]
    last_position: tuple[str, str] | None
    last_interview: LastInterview | None
    continue_at: ContinueTarget | None
    continue_title: str  # the title of continue_at's lesson, "" without one
    content_counts: tuple[int, int]  # lessons, questions


def lesson_rows(store: ProgressStore, curriculum: Curriculum, stats: Stats | None = None) -> tuple[LessonRow, ...]:
    """Every lesson's progress from two reads (sections read, lessons completed), not two per lesson."""
    mastery = {m.id: m.mastery for m in stats.lessons} if stats is not None else {}
    read: dict[str, set[str]] = {}
    for row in store.rows("SELECT lesson_id, section FROM lesson_progress"):
        read.setdefault(row["lesson_id"], set()).add(row["section"])
    completed = store.completed_lessons()
    rows = []
    for lesson in curriculum.lessons_in_order():
        sections = lesson.sections()
        done = len(read.get(lesson.id, set()) & set(sections))
        finished = lesson.id in completed
        rows.append(
            LessonRow(lesson.id, lesson.title, done, len(sections), finished, mastery.get(lesson.id), lesson.pack)
        )
    return tuple(rows)


def last_interview(store: ProgressStore) -> LastInterview | None:
    """The newest finished mock interview, as the interview layer lists them."""
    from gitops_tutor.interview import past_interviews

    newest = past_interviews(store, limit=1)
    if not newest:
        return None
    return LastInterview(newest[0].score, newest[0].band, newest[0].started_at.date().isoformat())


def home_data(services: Services) -> HomeData:
    return read_home_data(services.store, services.curriculum, services.now())


def read_home_data(store: ProgressStore, curriculum: Curriculum, now: datetime) -> HomeData:
    """Home's figures; start-up reads them on the loader thread, right after the content."""
    stats = store.stats(curriculum, now)
    lessons = lesson_rows(store, curriculum, stats)
    last_position = store.last_position()
    target = continue_target(curriculum, lessons, last_position)
    return HomeData(
        due=stats.due_now,
        stats=stats,
        lessons=lessons,
        last_position=last_position,
        last_interview=last_interview(store),
        continue_at=target,
        continue_title=curriculum.lessons[target.lesson_id].title if target is not None else "",
        content_counts=(len(curriculum.lessons), len(curriculum.questions)),
    )


INTERVIEWS_SHOWN = 10


class StatsData(NamedTuple):
    stats: Stats
    interviews: tuple[PastInterview, ...]  # oldest first, the most recent INTERVIEWS_SHOWN


def stats_data(services: Services) -> StatsData:
    """Everything the Stats screen shows, read in one trip to the store's thread."""
    from gitops_tutor.interview import past_interviews

    stats = services.store.stats(services.curriculum, services.now())
    return StatsData(stats, tuple(past_interviews(services.store, limit=INTERVIEWS_SHOWN)))


def weak_question_ids(services: Services, limit: int = 10) -> list[str]:
    """Questions to cram: the weak spots first, then the lowest recent scores."""
    store, curriculum = services.store, services.curriculum
    stats = store.stats(curriculum, services.now())
    ids: list[str] = [w.id for w in stats.weak_spots if w.kind == "question" and w.id in curriculum.questions]
    ids += [leech.question_id for leech in stats.leeches if leech.question_id in curriculum.questions]
    weak_lessons = {w.id for w in stats.weak_spots if w.kind == "lesson"}
    weak_domains = {w.id for w in stats.weak_spots if w.kind == "domain"}
    ids += [q.id for q in curriculum.questions.values() if q.lesson in weak_lessons or q.domain in weak_domains]
    ids += [row["question_id"] for row in store.rows("SELECT question_id FROM cards ORDER BY last_score, due")]
    unique = list(dict.fromkeys(qid for qid in ids if qid in curriculum.questions))
    return unique[:limit]
