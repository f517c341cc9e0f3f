"""Schema changes, as an append-only list of sqlite-utils migrations.

Rules: never edit or reorder a function below once it has shipped; add a new
``mNNN_...`` function at the end instead. The store applies pending ones at
start-up, after a backup copy of the file, inside one write transaction. The
number of migrations an app knows is its schema version (also written to
``PRAGMA user_version``): a database that has applied migrations this list does
not contain was written by a newer app, and the store refuses to touch it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from sqlite_utils import Database

MigrationFn = TypeVar("MigrationFn", bound="Callable[[Database], None]")


class MigrationList:
    """The migrations in order, registered as with sqlite-utils' ``Migrations`` and applied by it.

    Only applying needs sqlite-utils; listing the names (every open compares them with the
    file's record) does not, so opening an up-to-date database never imports sqlite-utils
    (~45 ms of the app's start-up).
    """

    migrations_table = "_sqlite_migrations"  # where sqlite-utils records what it applied

    def __init__(self, name: str) -> None:
        self.name = name
        self.functions: list[Callable[[Database], None]] = []

    def __call__(self) -> Callable[[MigrationFn], MigrationFn]:
        def register(function: MigrationFn) -> MigrationFn:
            self.functions.append(function)
            return function

        return register

    def names(self) -> list[str]:
        return [function.__name__ for function in self.functions]

    def apply(self, db: Database, *, stop_before: str | Iterable[str] | None = None) -> None:
        """Apply the pending ones through sqlite-utils, which records each in ``migrations_table``."""
        from sqlite_utils import Migrations

        real = Migrations(self.name)
        for function in self.functions:
            real()(function)
        real.apply(db, stop_before=stop_before)


MIGRATION_SET = "gitops_tutor"
migrations = MigrationList(MIGRATION_SET)


def known_migration_names() -> list[str]:
    """Names in application order."""
    return migrations.names()


def schema_version() -> int:
    return len(known_migration_names())


@migrations()
def m001_initial(db: Database) -> None:
    """The first schema: attempts, cards, lessons, settings and the interview tables."""
    db.execute(
        """
        CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            question_id TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            answer TEXT NOT NULL,
            score INTEGER NOT NULL,
            verdict TEXT NOT NULL,
            rating TEXT NOT NULL,
            mode TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT NOT NULL,
            day TEXT NOT NULL,
            result_json TEXT NOT NULL DEFAULT '{}'
        )
        """
    )
    db.execute(
        """
        CREATE TABLE cards (
            question_id TEXT PRIMARY KEY,
            card_json TEXT NOT NULL,
            due TEXT NOT NULL,
            state INTEGER NOT NULL,
            reviews INTEGER NOT NULL DEFAULT 0,
            lapses INTEGER NOT NULL DEFAULT 0,
            passes INTEGER NOT NULL DEFAULT 0,
            last_score INTEGER,
            recent_scores TEXT NOT NULL DEFAULT '[]',
            content_hash TEXT NOT NULL DEFAULT '',
            first_seen TEXT NOT NULL,
            last_attempt_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE lesson_progress (
            lesson_id TEXT NOT NULL,
            section TEXT NOT NULL,
            read_at TEXT NOT NULL,
            PRIMARY KEY (lesson_id, section)
        )
        """
    )
    db.execute("CREATE TABLE lesson_completion (lesson_id TEXT PRIMARY KEY, completed_at TEXT NOT NULL)")
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """
        CREATE TABLE interviews (
            id TEXT PRIMARY KEY,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            status TEXT NOT NULL,
            config_json TEXT NOT NULL DEFAULT '{}',
            state_json TEXT NOT NULL DEFAULT '{}',
            score INTEGER,
            band TEXT,
            report_json TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TABLE interview_answers (
            interview_id TEXT NOT NULL REFERENCES interviews(id),
            position INTEGER NOT NULL,
            question_id TEXT NOT NULL,
            answer TEXT,
            seconds_spent REAL,
            flagged INTEGER NOT NULL DEFAULT 0,
            score INTEGER,
            verdict TEXT,
            result_json TEXT,
            PRIMARY KEY (interview_id, position)
        )
        """
    )


@migrations()
def m002_indexes(db: Database) -> None:
    """Indexes that keep the queue and stats fast with 100,000 attempts."""
    db.execute("CREATE INDEX attempts_by_question ON attempts (question_id, ended_at)")
    db.execute("CREATE INDEX attempts_by_day ON attempts (day, score)")
    db.execute("CREATE INDEX cards_by_due ON cards (due)")
    db.execute("CREATE INDEX cards_by_first_seen ON cards (first_seen)")


@migrations()
def m003_daily_totals(db: Database) -> None:
    """Per-day totals and each card's recent average, kept up to date on every write.

    With 100,000 attempts, grouping them by day on every ``stats`` call cost more
    than the 100 ms budget; both are derived data and filled here from what exists.
    """
    db.execute(
        """
        CREATE TABLE study_days (
            day TEXT PRIMARY KEY,
            attempts INTEGER NOT NULL,
            score_sum INTEGER NOT NULL,
            passes INTEGER NOT NULL
        )
        """
    )
    db.execute(
        "INSERT INTO study_days (day, attempts, score_sum, passes) "
        "SELECT day, count(*), sum(score), sum(verdict = 'pass') FROM attempts GROUP BY day"
    )
    db.execute("ALTER TABLE cards ADD COLUMN recent_score REAL NOT NULL DEFAULT 0")
    db.execute("UPDATE cards SET recent_score = coalesce((SELECT avg(value) FROM json_each(recent_scores)), 0)")
    # Covering indexes: stats and the queue read these columns of 2,000 cards without
    # touching the wide rows that hold the fsrs JSON.
    db.execute("CREATE INDEX cards_summary ON cards (question_id, recent_score, lapses, last_score, due)")
    db.execute("DROP INDEX cards_by_due")
    db.execute("CREATE INDEX cards_queue ON cards (due, question_id, content_hash)")


@migrations()
def m004_disputes(db: Database) -> None:
    """The learner's claims that the grader got an answer wrong (issue 12).

    A dispute copies the answer, the grader's verdict and score and the question's content hash,
    so it still says what was judged after the rubric or the attempt changes. ``answer_key``
    names the judged answer ("attempt:<uid>" or "interview:<id>:<position>"): one claim per
    answer, which a second claim replaces and which an import matches on.
    """
    db.execute(
        """
        CREATE TABLE disputes (
            id INTEGER PRIMARY KEY,
            answer_key TEXT NOT NULL UNIQUE,
            attempt_uid TEXT,
            interview_id TEXT,
            position INTEGER,
            question_id TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            answer TEXT NOT NULL,
            verdict TEXT NOT NULL,
            score INTEGER NOT NULL,
            claimed TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )
        """
    )


@migrations()
def m005_interview_leases(db: Database) -> None:
    """Which window owns a running interview, and what a window that lost it had typed.

    Two copies of the app on one database both saved the same interview, the last writer
    winning (and a stale one reopening a finished interview). A lease names the owner
    (a random token per window, its pid and host) and its heartbeat; a save writes only
    while its window holds the lease. A save that finds the lease lost is kept whole in
    ``interview_recoveries`` instead, so nothing typed is dropped silently.
    """
    db.execute(
        """
        CREATE TABLE interview_leases (
            interview_id TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            pid INTEGER NOT NULL,
            host TEXT NOT NULL,
            since TEXT NOT NULL,
            heartbeat TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE interview_recoveries (
            id INTEGER PRIMARY KEY,
            interview_id TEXT NOT NULL,
            owner TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            reason TEXT NOT NULL,
            state_json TEXT NOT NULL
        )
        """
    )


@migrations()
def m006_answer_drafts(db: Database) -> None:
    """What the learner typed in a study session and has not submitted yet, per question and window.

    A practice or review answer lived only in the text box: a dead terminal, a dropped SSH
    session or a quit lost it (an interview's answers were already saved as they changed).
    The box is copied here as the learner types; the draft comes back when the question is
    asked again and is dropped when its answer is recorded or the learner discards it. Each
    window (app process) writes its own row, so two windows on one question never overwrite
    or delete each other's text.
    """
    db.execute(
        """
        CREATE TABLE answer_drafts (
            question_id TEXT NOT NULL,
            window TEXT NOT NULL,
            answer TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            PRIMARY KEY (question_id, window)
        )
        """
    )
