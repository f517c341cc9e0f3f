"""The progress store: every attempt, the spaced-repetition cards, lesson progress, settings.

A learner's history is the one thing the app must never lose, so every write is
one short ``BEGIN IMMEDIATE`` transaction (a second copy of the app waits for it
rather than failing), synchronous=FULL in WAL mode (a killed process keeps every
committed attempt), and sqlite errors leave here only as ``StoreError``.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gitops_tutor.curriculum.models import AnyQuestion, Curriculum, Question
from gitops_tutor.progress import opening
from gitops_tutor.progress.drafts import drop_recorded_in as drop_recorded_drafts_in
from gitops_tutor.progress.due import due_cutoff
from gitops_tutor.progress.migrations import schema_version
from gitops_tutor.progress.models import MODES, Attempt, GradeLike, LessonProgress, QueueItem, Stats
from gitops_tutor.progress.timeutil import Clock, end_of_day, iso, parse_iso, system_clock, to_utc

if TYPE_CHECKING:
    from fsrs import Scheduler
    from sqlite_utils import Database

    from gitops_tutor.progress.disputes import Dispute, JudgedAnswer
    from gitops_tutor.progress.drafts import Draft
    from gitops_tutor.progress.scheduling import CardState

NEW_PER_DAY_KEY = "new_per_day"
DEFAULT_NEW_PER_DAY = 15


class ProgressStore:
    """Open with ``ProgressStore.open(path)``; the clock is injectable so tests never read the real date."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        clock: Clock,
        scheduler: Scheduler | None = None,
        *,
        fuzz: bool = True,
    ) -> None:
        self.conn = conn
        self._db: Database | None = None
        self.path = path
        self._clock = clock
        self._scheduler = scheduler
        self._fuzz = fuzz
        self._depth = 0

    @classmethod
    def open(cls, db_path: Path | str, clock: Clock | None = None, *, fuzz: bool = True) -> ProgressStore:
        """Open (creating or migrating) the database; StoreError explains any refusal."""
        clock = clock or system_clock
        path = Path(db_path)
        conn = opening.open_database(path, to_utc(clock()))
        return cls(conn, path, clock, fuzz=fuzz)

    # -- plumbing ---------------------------------------------------------------------------------

    def now(self) -> datetime:
        return to_utc(self._clock())

    @property
    def scheduler(self) -> Scheduler:
        """fsrs, made at the first review: opening the store and counting what is due (all Home and
        Stats do) never import it."""
        if self._scheduler is None:
            from gitops_tutor.progress.scheduling import make_scheduler

            self._scheduler = make_scheduler(self._fuzz)
        return self._scheduler

    @property
    def db(self) -> Database:
        """The connection as a sqlite-utils ``Database``, for code that wants its table helpers.

        Made on first use: the store's own queries are plain SQL on ``conn``, and importing
        sqlite-utils costs ~45 ms that the app's start-up does not need."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn)
        return self._db

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @property
    def known_schema_version(self) -> int:
        return schema_version()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; nested uses join the outer one (that is how batches stay fast)."""
        conn = self.conn
        if self._depth:
            self._depth += 1
            try:
                yield conn
            finally:
                self._depth -= 1
            return
        with self.guard():
            conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")
            finally:
                self._depth = 0

    batch = write

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Turn a sqlite3 error into a StoreError that names the file."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise opening.write_error(self.path, exc) from exc

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self.guard():
            cursor = self.conn.execute(sql, params)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self.guard():
            row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    def backup(self, reason: str) -> Path:
        """A copy of the whole database in the backups folder, e.g. before a reset."""
        return opening.backup_copy(self.path, self.now(), reason)

    # -- attempts and cards -----------------------------------------------------------------------

    def record_attempt(
        self,
        question: Question,
        answer_text: str | Sequence[int],
        result: GradeLike,
        *,
        rating: str | None = None,
        mode: str = "practice",
        started_at: datetime | None = None,
        ended_at: datetime | None = None,
        uid: str | None = None,
    ) -> int:
        """Save an answer and review the question's card; returns the attempt id.

        ``rating`` is the learner's choice, defaulting to the grader's suggestion. ``uid`` is
        given by a caller that names the attempt before saving it (a dispute of its verdict
        is recorded while the learner has not yet picked a rating).
        """
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        from gitops_tutor.progress.scheduling import to_rating

        rating = rating or result.rating
        to_rating(rating)
        ended = to_utc(ended_at or self.now())
        started = to_utc(started_at or ended)
        answer = answer_text if isinstance(answer_text, str) else json.dumps(list(answer_text))
        record = {
            "uid": uid or new_attempt_uid(),
            "question_id": question.id,
            "content_hash": question.content_hash,
            "answer": answer,
            "score": int(result.score),
            "verdict": str(result.verdict),
            "rating": rating,
            "mode": mode,
            "started_at": iso(started),
            "ended_at": iso(ended),
            "day": iso(ended)[:10],
            "result_json": json.dumps(result.to_dict(), ensure_ascii=False, default=str),
        }
        with self.write() as conn:
            attempt_id = insert_attempt(conn, record)
            add_to_study_day(conn, record)
            self._review_card(conn, record)
            if mode != "interview":  # an interview keeps its own answers; a study draft is answered now
                drop_recorded_drafts_in(conn, question.id, answer)
        return attempt_id

    def _review_card(self, conn: sqlite3.Connection, record: dict[str, Any]) -> None:
        from gitops_tutor.progress.scheduling import Review, apply_review

        state = self.card_state(record["question_id"])
        review = Review(
            record["rating"], record["score"], record["verdict"], record["content_hash"], parse_iso(record["ended_at"])
        )
        updated = apply_review(self.scheduler, state, record["question_id"], review)
        save_card(conn, updated)

    def card_state(self, question_id: str) -> CardState | None:
        from gitops_tutor.progress.scheduling import CardState

        rows = self.rows("SELECT * FROM cards WHERE question_id = ?", [question_id])
        return CardState.from_record(rows[0]) if rows else None

    def attempts(self, question_id: str | None = None) -> list[Attempt]:
        """Attempts oldest first, for one question or all."""
        where, params = ("WHERE question_id = ?", [question_id]) if question_id else ("", [])
        rows = self.rows(f"SELECT * FROM attempts {where} ORDER BY ended_at, id", params)
        return [attempt_from_row(row) for row in rows]

    def attempt_count(self) -> int:
        return int(self.value("SELECT count(*) FROM attempts"))

    # -- disputes (the learner's claims against a verdict; see progress.disputes) -----------------

    def record_dispute(self, judged: JudgedAnswer, claimed: str, note: str = "") -> Dispute:
        from gitops_tutor.progress import disputes

        return disputes.record(self, judged, claimed, note)

    def disputes(self, curriculum: Curriculum | None = None) -> list[Dispute]:
        """Oldest first; given the content, only disputes of questions it still has."""
        from gitops_tutor.progress import disputes

        return disputes.all_disputes(self, None if curriculum is None else curriculum.questions)

    def withdraw_dispute(self, dispute_id: int) -> bool:
        from gitops_tutor.progress import disputes

        return disputes.withdraw(self, dispute_id)

    # -- drafts (unsubmitted study answers; see progress.drafts) ---------------------------------

    def save_draft(
        self, question_id: str, answer: str, window: str = "", retire: tuple[str, str] | None = None
    ) -> None:
        from gitops_tutor.progress import drafts

        drafts.save(self, question_id, window, answer, retire)

    def draft_count(self) -> int:
        return int(self.value("SELECT count(*) FROM answer_drafts"))

    def draft_for(self, question_id: str) -> Draft | None:
        from gitops_tutor.progress import drafts

        return drafts.newest(self, question_id)

    def drafted_question_ids(self) -> list[str]:
        from gitops_tutor.progress import drafts

        return drafts.drafted_question_ids(self)

    def discard_draft(self, question_id: str, window: str = "", retire: tuple[str, str] | None = None) -> None:
        from gitops_tutor.progress import drafts

        drafts.discard(self, question_id, window, retire)

    # -- queues -----------------------------------------------------------------------------------

    def review_queue(
        self, curriculum: Curriculum, now: datetime | None = None, new_limit: int | None = None
    ) -> list[QueueItem]:
        """Due questions (most overdue first), then unseen ones up to today's new-question allowance.

        Questions no longer in the content keep their history but never appear here.
        """
        moment = to_utc(now or self.now())
        due = [
            QueueItem(
                row["question_id"],
                parse_iso(row["due"]),
                False,
                row["content_hash"] != curriculum.questions[row["question_id"]].content_hash,
            )
            for row in self.rows(
                "SELECT question_id, due, content_hash FROM cards WHERE due <= ? ORDER BY due, question_id",
                [due_cutoff(moment)],
            )
            if row["question_id"] in curriculum.questions
        ]
        allowance = self.new_allowance(moment, new_limit)
        new = [QueueItem(q.id, None, True) for q in self.unseen_questions(curriculum)[:allowance]]
        return due + new

    def due_count(self, curriculum: Curriculum, now: datetime | None = None) -> int:
        moment = to_utc(now or self.now())
        due = self.rows("SELECT question_id FROM cards WHERE due <= ?", [due_cutoff(moment)])
        return sum(1 for row in due if row["question_id"] in curriculum.questions)

    def new_allowance(self, now: datetime, new_limit: int | None = None) -> int:
        """How many unseen questions may still be introduced today (UTC day)."""
        limit = new_limit if new_limit is not None else self.new_per_day()
        day_end = end_of_day(now)
        introduced = self.value(
            "SELECT count(*) FROM cards WHERE first_seen >= ? AND first_seen < ?",
            [iso(day_end - timedelta(days=1)), iso(day_end)],
        )
        return max(0, limit - int(introduced))

    def new_per_day(self) -> int:
        value = self.get_setting(NEW_PER_DAY_KEY, DEFAULT_NEW_PER_DAY)
        return value if isinstance(value, int) and value >= 0 else DEFAULT_NEW_PER_DAY

    def seen_question_ids(self) -> set[str]:
        return {row["question_id"] for row in self.rows("SELECT question_id FROM cards")}

    def unseen_questions(self, curriculum: Curriculum) -> list[AnyQuestion]:
        """Never-answered questions in study order: lesson order, then content order."""
        seen = self.seen_question_ids()
        return [q for q in questions_in_study_order(curriculum) if q.id not in seen]

    # -- lessons ----------------------------------------------------------------------------------

    def mark_section_read(self, lesson_id: str, section: str) -> None:
        with self.write() as conn:
            conn.execute(
                "INSERT INTO lesson_progress (lesson_id, section, read_at) VALUES (?, ?, ?) "
                "ON CONFLICT (lesson_id, section) DO UPDATE SET read_at = excluded.read_at",
                [lesson_id, section, iso(self.now())],
            )

    def complete_lesson(self, lesson_id: str) -> None:
        with self.write() as conn:
            conn.execute(
                "INSERT INTO lesson_completion (lesson_id, completed_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [lesson_id, iso(self.now())],
            )

    def lesson_progress(self, lesson_id: str) -> LessonProgress:
        sections = self.rows("SELECT section, read_at FROM lesson_progress WHERE lesson_id = ?", [lesson_id])
        completed = self.value("SELECT count(*) FROM lesson_completion WHERE lesson_id = ?", [lesson_id])
        last = max((row["read_at"] for row in sections), default=None)
        return LessonProgress(
            lesson_id=lesson_id,
            sections_read=frozenset(row["section"] for row in sections),
            completed=bool(completed),
            last_read_at=parse_iso(last) if last else None,
        )

    def completed_lessons(self) -> set[str]:
        return {row["lesson_id"] for row in self.rows("SELECT lesson_id FROM lesson_completion")}

    def last_position(self) -> tuple[str, str] | None:
        """The section read most recently: where "continue" takes the learner."""
        rows = self.rows("SELECT lesson_id, section FROM lesson_progress ORDER BY read_at DESC LIMIT 1")
        return (rows[0]["lesson_id"], rows[0]["section"]) if rows else None

    # -- settings ---------------------------------------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        raw = self.value("SELECT value FROM settings WHERE key = ?", [key])
        if raw is None:
            return default
        try:
            return json.loads(raw)
        except ValueError:
            return default

    def set_setting(self, key: str, value: Any) -> None:
        """Values are stored as JSON so numbers and lists come back as they went in."""
        with self.write() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, json.dumps(value)],
            )

    # -- stats, reset -----------------------------------------------------------------------------

    def stats(self, curriculum: Curriculum, now: datetime | None = None) -> Stats:
        from gitops_tutor.progress.stats import compute_stats

        return compute_stats(self, curriculum, to_utc(now or self.now()))

    def has_progress(self) -> bool:
        return any(self.value(f"SELECT EXISTS (SELECT 1 FROM [{table}])") for table in PROGRESS_TABLES)

    def reset(self) -> Path:
        """Wipe the learner's progress (settings stay), after a backup copy whose path is returned."""
        backup = self.backup("before-reset")
        with self.write() as conn:
            for table in PROGRESS_TABLES:
                conn.execute(f"DELETE FROM [{table}]")
        return backup


PROGRESS_TABLES = (
    "attempts",
    "cards",
    "study_days",
    "lesson_progress",
    "lesson_completion",
    "interview_answers",
    "interviews",
    "disputes",
    "interview_leases",
    "interview_recoveries",  # answers a window typed after losing its interview: progress too
    "answer_drafts",
)
ATTEMPT_COLUMNS = (
    "uid",
    "question_id",
    "content_hash",
    "answer",
    "score",
    "verdict",
    "rating",
    "mode",
    "started_at",
    "ended_at",
    "day",
    "result_json",
)


def new_attempt_uid() -> str:
    return uuid.uuid4().hex


def insert_attempt(conn: sqlite3.Connection, record: dict[str, Any]) -> int:
    """Insert unless an attempt with the same uid exists; returns the new id, or 0 for a duplicate.

    The uid is a random key given once, when the attempt is recorded, and carried by
    exports: it is what lets an import skip attempts it already has.
    """
    placeholders = ", ".join("?" for _ in ATTEMPT_COLUMNS)
    cursor = conn.execute(
        f"INSERT INTO attempts ({', '.join(ATTEMPT_COLUMNS)}) VALUES ({placeholders}) ON CONFLICT (uid) DO NOTHING",
        [record[column] for column in ATTEMPT_COLUMNS],
    )
    return int(cursor.lastrowid or 0) if cursor.rowcount else 0


def add_to_study_day(conn: sqlite3.Connection, record: dict[str, Any]) -> None:
    """Keep the per-day totals that stats, streaks and trends read instead of scanning attempts."""
    conn.execute(
        "INSERT INTO study_days (day, attempts, score_sum, passes) VALUES (?, 1, ?, ?) "
        "ON CONFLICT (day) DO UPDATE SET attempts = attempts + 1, score_sum = score_sum + excluded.score_sum, "
        "passes = passes + excluded.passes",
        [record["day"], record["score"], int(record["verdict"] == "pass")],
    )


def recount_study_days(conn: sqlite3.Connection, days: set[str]) -> None:
    """Recompute the totals of some days from the attempts themselves (after an import)."""
    for day in sorted(days):
        conn.execute("DELETE FROM study_days WHERE day = ?", [day])
        conn.execute(
            "INSERT INTO study_days (day, attempts, score_sum, passes) "
            "SELECT day, count(*), sum(score), sum(verdict = 'pass') FROM attempts WHERE day = ? GROUP BY day",
            [day],
        )


def save_card(conn: sqlite3.Connection, state: CardState) -> None:
    record = state.to_record()
    columns = ", ".join(record)
    placeholders = ", ".join("?" for _ in record)
    conn.execute(f"INSERT OR REPLACE INTO cards ({columns}) VALUES ({placeholders})", list(record.values()))


def attempt_from_row(row: dict[str, Any]) -> Attempt:
    try:
        result = json.loads(row["result_json"] or "{}")
    except ValueError:
        result = {}
    return Attempt(
        id=row["id"],
        uid=row["uid"],
        question_id=row["question_id"],
        content_hash=row["content_hash"],
        answer=row["answer"],
        score=row["score"],
        verdict=row["verdict"],
        rating=row["rating"],
        mode=row["mode"],
        started_at=parse_iso(row["started_at"]),
        ended_at=parse_iso(row["ended_at"]),
        result=result,
    )


def questions_in_study_order(curriculum: Curriculum) -> list[AnyQuestion]:
    """Lesson order first, then the order the content lists them; orphans last."""
    rank = {lesson.id: index for index, lesson in enumerate(curriculum.lessons_in_order())}
    position = {qid: index for index, qid in enumerate(curriculum.questions)}
    return sorted(curriculum.questions.values(), key=lambda q: (rank.get(q.lesson, len(rank)), position[q.id]))
