"""Export the whole history and merge an export back in.

The JSON export holds the facts only (attempts, lessons read and completed,
settings, interviews); spaced-repetition cards are derived from attempts, so an
import inserts the attempts it does not have (matched by their ``uid``) and
replays each touched question's full history through fsrs. Importing the same
file twice therefore changes nothing, and merging two machines' histories gives
each question the schedule its combined answers deserve.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any, BinaryIO

from fsrs import Scheduler

from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.progress.disputes import COLUMNS as DISPUTE_COLUMNS
from gitops_tutor.progress.disputes import upsert as upsert_dispute
from gitops_tutor.progress.errors import StoreError
from gitops_tutor.progress.import_checks import RowChecker, short
from gitops_tutor.progress.jsonstream import Cursor, JsonStreamError, NotUtf8Error, Utf8Reader, iter_members
from gitops_tutor.progress.scheduling import RECENT_SCORES, CardState, new_card, to_rating
from gitops_tutor.progress.store import ATTEMPT_COLUMNS, insert_attempt, recount_study_days, save_card
from gitops_tutor.progress.timeutil import iso, parse_iso

if TYPE_CHECKING:
    from gitops_tutor.progress.store import ProgressStore

EXPORT_FORMAT = "gitops-tutor-progress"
EXPORT_VERSION = 1
EXTRA_TABLES = ("interviews", "interview_answers")


@dataclass(frozen=True)
class ImportSummary:
    attempts_added: int
    attempts_skipped: int
    sections_added: int
    lessons_completed_added: int
    settings_added: int
    interviews_added: int
    questions_rescheduled: int
    interview_answers_added: int = 0
    disputes_added: int = 0

    @property
    def changed(self) -> bool:
        return any(
            (
                self.attempts_added,
                self.sections_added,
                self.lessons_completed_added,
                self.settings_added,
                self.interviews_added,
                self.interview_answers_added,
                self.disputes_added,
            )
        )


# -- export ---------------------------------------------------------------------------------------


def export_data(store: ProgressStore) -> dict[str, Any]:
    """Everything the learner did, as JSON-ready data that ``import_data`` accepts."""
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": iso(store.now()),
        "schema_version": store.schema_version,
        "attempts": [export_attempt(row) for row in store.rows("SELECT * FROM attempts ORDER BY ended_at, id")],
        "lesson_sections": store.rows("SELECT lesson_id, section, read_at FROM lesson_progress ORDER BY read_at"),
        "lessons_completed": store.rows("SELECT lesson_id, completed_at FROM lesson_completion ORDER BY lesson_id"),
        "settings": {
            row["key"]: json.loads(row["value"])
            for row in store.rows("SELECT key, value FROM settings WHERE substr(key, 1, 1) != '_'")  # '_': internal
        },
        **{table: store.rows(f"SELECT * FROM [{table}]") for table in EXTRA_TABLES},
        "disputes": [
            {column: row[column] for column in DISPUTE_COLUMNS}
            for row in store.rows("SELECT * FROM disputes ORDER BY created_at, id")
        ],
    }


def export_attempt(row: dict[str, Any]) -> dict[str, Any]:
    record = {column: row[column] for column in ATTEMPT_COLUMNS if column not in ("day", "result_json")}
    try:
        record["result"] = json.loads(row["result_json"] or "{}")
    except ValueError:
        record["result"] = {}
    return record


def export_markdown(store: ProgressStore, curriculum: Curriculum | None = None) -> str:
    """A readable history: lessons, then every attempt grouped by question."""
    data = export_data(store)
    lines = [
        "# gitops-tutor progress",
        "",
        f"Exported {data['exported_at'][:19].replace('T', ' ')} UTC: {len(data['attempts'])} attempts.",
        "",
    ]
    lines += markdown_lessons(data, curriculum)
    lines += markdown_attempts(data["attempts"], curriculum)
    lines += markdown_disputes(data["disputes"])
    return "\n".join(lines).rstrip() + "\n"


def markdown_disputes(disputes: list[dict[str, Any]]) -> list[str]:
    """The verdicts the learner disputed, each beside the grader's; nothing when there are none."""
    if not disputes:
        return []
    lines = ["", "## Disputed verdicts", "", "| when (UTC) | question | graded | claimed | note | answer |"]
    lines.append("|" + " --- |" * 6)
    lines += [
        f"| {d['created_at'][:16].replace('T', ' ')} | {d['question_id']} | {d['verdict']} ({d['score']}) | "
        f"{d['claimed']} | {one_line(d['note'])} | {answer_cell(d['answer'])} |"
        for d in disputes
    ]
    return lines


def markdown_lessons(data: dict[str, Any], curriculum: Curriculum | None) -> list[str]:
    sections: dict[str, list[str]] = {}
    for row in data["lesson_sections"]:
        sections.setdefault(row["lesson_id"], []).append(row["section"])
    completed = {row["lesson_id"] for row in data["lessons_completed"]}
    lines = ["## Lessons", ""]
    for lesson_id in sorted(set(sections) | completed):
        title = curriculum.lessons[lesson_id].title if curriculum and lesson_id in curriculum.lessons else lesson_id
        mark = "x" if lesson_id in completed else " "
        read = ", ".join(sections.get(lesson_id, [])) or "no sections read"
        lines.append(f"- [{mark}] {title}: {read}")
    return [*lines, ""] if len(lines) > 2 else [*lines, "No lessons read yet.", ""]


def markdown_attempts(attempts: list[dict[str, Any]], curriculum: Curriculum | None) -> list[str]:
    by_question: dict[str, list[dict[str, Any]]] = {}
    for attempt in attempts:
        by_question.setdefault(attempt["question_id"], []).append(attempt)
    lines = ["## Attempts", ""]
    for question_id, rows in sorted(by_question.items()):
        question = curriculum.questions.get(question_id) if curriculum else None
        lines.append(f"### {question_id}")
        if question is not None:
            lines += ["", f"> {one_line(question.prompt)}"]
        lines += ["", "| when (UTC) | mode | score | verdict | rating | answer |", "|" + " --- |" * 6]
        lines += [
            f"| {r['ended_at'][:16].replace('T', ' ')} | {r['mode']} | {r['score']} | {r['verdict']} | "
            f"{r['rating']} | {answer_cell(r['answer'])} |"
            for r in rows
        ]
        lines.append("")
        lines += answer_blocks(rows)
    return lines if by_question else [*lines, "No attempts yet."]


def answer_cell(answer: str) -> str:
    """A one-line answer in its table cell; a multi-line one (a manifest) is pointed to, and shown below."""
    text = str(answer).strip()
    return f"{len(text.splitlines())} lines, below" if "\n" in text else one_line(text)


def answer_blocks(rows: list[dict[str, Any]]) -> list[str]:
    """Multi-line answers as code blocks after the table: YAML flattened into one cell cannot be read."""
    lines: list[str] = []
    for r in rows:
        text = str(r["answer"]).strip()
        if "\n" in text:
            longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
            fence = "`" * max(3, longest + 1)
            when = r["ended_at"][:16].replace("T", " ")
            lines += [f"Answer of {when} ({r['mode']}):", "", f"{fence}text", text, fence, ""]
    return lines


def one_line(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


# -- import ---------------------------------------------------------------------------------------

STREAMED = frozenset({"attempts", "lesson_sections", "lessons_completed", "disputes", *EXTRA_TABLES})
MAX_IMPORT_BYTES = 1 << 30
ATTEMPTS_PER_REPORT = 2000  # how often an import offers its progress (the listener decides whether to show it)
QUESTIONS_PER_REPORT = 20

# Told ("attempts", read so far, estimated total) while reading and ("questions", done, total)
# while rescheduling: the caller decides whether and how often to show it.
ProgressListener = Callable[[str, int, int], None]


def import_text(store: ProgressStore, text: str, source: str) -> ImportSummary:
    """Merge an export given as JSON text, reading its big arrays one item at a time."""
    cursor = Cursor(text)
    return import_cursor(store, cursor, source, ReadingGauge(cursor, len(text)))


def import_file(
    store: ProgressStore, stream: BinaryIO, source: str, progress: ProgressListener | None = None
) -> ImportSummary:
    """Merge an export read from a binary file a window at a time: memory does not grow with the file."""
    reader = Utf8Reader(stream)
    cursor = Cursor("", reader.read)
    try:
        size = os.fstat(stream.fileno()).st_size
    except (AttributeError, OSError, ValueError):  # not a real file (tests pass BytesIO)
        size = 0
    try:
        return import_cursor(store, cursor, source, ReadingGauge(cursor, size), progress)
    except NotUtf8Error as exc:
        raise StoreError(f"{source}: not UTF-8 text (byte {exc.offset}); export with 'gitops-tutor export'") from None


def import_cursor(
    store: ProgressStore,
    cursor: Cursor,
    source: str,
    gauge: ReadingGauge,
    progress: ProgressListener | None = None,
) -> ImportSummary:
    try:
        return import_members(store, iter_members(cursor, STREAMED), source, gauge, progress)
    except JsonStreamError as exc:
        raise StoreError(
            f"{source}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.reason}); export with 'gitops-tutor export'"
        ) from None


def import_data(store: ProgressStore, data: Any, source: str) -> ImportSummary:
    """Merge an export already parsed into Python data (the same checks as ``import_text``)."""
    if not isinstance(data, dict):
        raise StoreError(f"{source}: not a gitops-tutor progress export (expected a JSON object)")
    return import_members(store, iter(data.items()), source)


def import_members(
    store: ProgressStore,
    members: Iterator[tuple[str, Any]],
    source: str,
    gauge: ReadingGauge | None = None,
    progress: ProgressListener | None = None,
) -> ImportSummary:
    """One transaction: every row is checked as it is inserted, and the first bad one undoes it all."""
    run = ImportRun(store, RowChecker(store.now()), source, gauge, progress)
    with store.write() as conn, larger_page_cache(conn):
        for key, value in members:
            run.member(conn, key, value)
        run.finish(conn)
    return run.summary()


@contextmanager
def larger_page_cache(conn: sqlite3.Connection, kib: int = 64 * 1024) -> Iterator[None]:
    """A 64 MB page cache for the one import transaction, then the connection's own again.

    The uid index of a million random uids outgrows sqlite's default 2 MB cache, and every
    insert then reads index pages back from the OS: a larger cache keeps them at hand.
    """
    previous = int(conn.execute("PRAGMA cache_size").fetchone()[0])
    conn.execute(f"PRAGMA cache_size = -{kib}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {previous}")


@dataclass(frozen=True)
class ReadingGauge:
    """How far through the export the reader is, to estimate how many attempts it holds in all."""

    cursor: Cursor
    size: int

    def estimated_total(self, seen: int) -> int:
        read = self.cursor.consumed
        return max(seen, round(seen * self.size / read)) if read and self.size else seen


class ImportRun:
    """The state of one import: which header it saw, what it added, which questions it touched."""

    def __init__(
        self,
        store: ProgressStore,
        checker: RowChecker,
        source: str,
        gauge: ReadingGauge | None = None,
        progress: ProgressListener | None = None,
    ) -> None:
        self.store, self.checker, self.source = store, checker, source
        self.gauge, self.progress = gauge, progress
        self.header: dict[str, Any] = {}
        self.attempts_seen = self.attempts_added = 0
        self.touched: set[str] = set()
        self.days: set[str] = set()
        self.counts = dict.fromkeys(("lesson_sections", "lessons_completed", "settings", "interviews"), 0)
        self.counts["interview_answers"] = 0
        self.counts["disputes"] = 0

    def member(self, conn: sqlite3.Connection, key: str, value: Any) -> None:
        if key in ("format", "version"):
            self.header[key] = value
            self.check_header(complete=False)
        elif key == "attempts":
            self.insert_attempts(conn, value)
        elif key == "lesson_sections":
            self.counts[key] += self.insert_checked(conn, "lesson_progress", value, key, self.checker.lesson_section)
        elif key == "lessons_completed":
            checker = self.checker.lesson_completed
            self.counts[key] += self.insert_checked(conn, "lesson_completion", value, key, checker)
        elif key == "settings":
            self.counts[key] += insert_settings(conn, value, self.source)
        elif key == "interviews":
            self.counts[key] += self.insert_checked(conn, key, value, key, self.checker.interview)
        elif key == "interview_answers":
            checker = self.checker.interview_answer
            self.counts[key] += self.insert_checked(conn, key, value, key, checker)
        elif key == "disputes":
            self.counts[key] += self.insert_disputes(conn, value)

    def check_header(self, complete: bool) -> None:
        """The format first (a wrong file is named as such), then a version this release can read."""
        if ("format" in self.header or complete) and self.header.get("format") != EXPORT_FORMAT:
            raise StoreError(
                f'{self.source}: not a gitops-tutor progress export (expected "format": "{EXPORT_FORMAT}")'
            )
        if "version" in self.header or complete:
            version = self.header.get("version")
            if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= EXPORT_VERSION:
                raise StoreError(
                    f"{self.source}: export format version {short(version)} is not supported by this gitops-tutor"
                )

    def insert_attempts(self, conn: sqlite3.Connection, items: Any) -> None:
        if isinstance(items, dict) or not hasattr(items, "__iter__") or isinstance(items, str):
            raise StoreError(f"{self.source}: 'attempts' must be a list")
        for item in items:
            record = self.checker.attempt(item, f"{self.source}: attempts[{self.attempts_seen}]")
            self.attempts_seen += 1
            if insert_attempt(conn, record):
                self.attempts_added += 1
                self.touched.add(record["question_id"])
                self.days.add(record["day"])
            if self.attempts_seen % ATTEMPTS_PER_REPORT == 0:
                self.report_reading()
        self.report("attempts", self.attempts_seen, self.attempts_seen)

    def report_reading(self) -> None:
        if self.progress is not None and self.gauge is not None:
            self.progress("attempts", self.attempts_seen, self.gauge.estimated_total(self.attempts_seen))

    def report(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)

    def insert_checked(
        self, conn: sqlite3.Connection, table: str, rows: Any, key: str, check: Callable[[Any, str], None]
    ) -> int:
        if isinstance(rows, (dict, str)) or not hasattr(rows, "__iter__"):
            raise StoreError(f"{self.source}: '{key}' must be a list of objects")
        added = 0
        for index, row in enumerate(rows):
            check(row, f"{self.source}: {key}[{index}]")
            added += insert_row(conn, table, row, f"{self.source}: {key}[{index}]")
        return added

    def insert_disputes(self, conn: sqlite3.Connection, rows: Any) -> int:
        """Disputes the store lacks, or later claims on an answer it has; one for an unknown
        question is kept (like its attempts) and only left out of what the learner is shown."""
        if isinstance(rows, (dict, str)) or not hasattr(rows, "__iter__"):
            raise StoreError(f"{self.source}: 'disputes' must be a list of objects")
        return sum(
            upsert_dispute(conn, self.checker.dispute(row, f"{self.source}: disputes[{index}]"), only_if_newer=True)
            for index, row in enumerate(rows)
        )

    def finish(self, conn: sqlite3.Connection) -> None:
        self.check_header(complete=True)
        recount_study_days(conn, self.days)
        questions = sorted(self.touched)
        for done, question_id in enumerate(questions, 1):
            rebuild_card(self.store, conn, question_id)
            if done % QUESTIONS_PER_REPORT == 0 or done == len(questions):
                self.report("questions", done, len(questions))

    def summary(self) -> ImportSummary:
        return ImportSummary(
            self.attempts_added,
            self.attempts_seen - self.attempts_added,
            self.counts["lesson_sections"],
            self.counts["lessons_completed"],
            self.counts["settings"],
            self.counts["interviews"],
            len(self.touched),
            self.counts["interview_answers"],
            self.counts["disputes"],
        )


HISTORY_SQL = (
    "SELECT rating, score, verdict, content_hash, ended_at FROM attempts WHERE question_id = ? ORDER BY ended_at, id"
)


def rebuild_card(store: ProgressStore, conn: sqlite3.Connection, question_id: str) -> None:
    """The card of one question recomputed from all its attempts (after an import or a salvage)."""
    state = replay_history(store.scheduler, question_id, conn.execute(HISTORY_SQL, [question_id]).fetchall())
    if state is not None:
        save_card(conn, state)


def replay_history(scheduler: Scheduler, question_id: str, rows: Sequence[Sequence[Any]]) -> CardState | None:
    """The card ``scheduling.replay`` builds from these attempt rows, made without its per-answer costs.

    ``replay`` makes a ``Review`` and a new ``CardState`` for every answer (three ISO strings and
    a dataclass copy each): a million-attempt import spent a third of its replay there. Only fsrs
    needs each answer; the summary (counts, last and recent scores, times) follows from the whole
    list. Rows are (rating, score, verdict, content_hash, ended_at), oldest first; the stable sort by
    parsed time keeps ``replay``'s order for equal times. ``tests/progress/test_import_replay.py``
    checks that both give the same cards.
    """
    if not rows:
        return None
    history = sorted(((parse_iso(row[4]), row) for row in rows), key=itemgetter(0))
    first, last = history[0][0], history[-1][0]
    card = new_card(question_id, first).card
    review_card = scheduler.review_card
    lapses = passes = 0
    for at, (rating, _score, verdict, _hash, _ended) in history:
        card, _log = review_card(card, to_rating(rating), review_datetime=at)
        lapses += rating == "again"
        passes += verdict == "pass"
    return CardState(
        question_id=question_id,
        card=card,
        first_seen=iso(first),
        last_attempt_at=iso(last),
        reviews=len(history),
        lapses=lapses,
        passes=passes,
        last_score=history[-1][1][1],
        recent_scores=tuple(row[1] for _at, row in history[-RECENT_SCORES:]),
        content_hash=history[-1][1][3],
    )


def insert_row(conn: sqlite3.Connection, table: str, row: dict[str, Any], where: str) -> int:
    """Insert a row the store lacks, using only the columns both sides know (the schema may have grown).

    ``ON CONFLICT DO NOTHING`` skips rows already present but, unlike ``INSERT OR
    IGNORE``, still rejects a row missing a required field instead of dropping it.
    """
    known = {info[1] for info in conn.execute(f"PRAGMA table_info([{table}])")}
    columns = [column for column in row if column in known]
    if not columns:
        raise StoreError(f"{where}: none of its fields belong to {table}")
    try:
        cursor = conn.execute(
            f"INSERT INTO [{table}] ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)}) "
            "ON CONFLICT DO NOTHING",
            [encode(row[column]) for column in columns],
        )
    except sqlite3.IntegrityError as exc:
        raise StoreError(f"{where}: {exc}") from exc
    return int(cursor.rowcount)


def insert_settings(conn: sqlite3.Connection, settings: Any, source: str) -> int:
    """Settings already chosen on this machine win; only missing ones are taken from the file."""
    if not isinstance(settings, dict):
        raise StoreError(f"{source}: 'settings' must be an object")
    added = 0
    for key, value in settings.items():
        if not isinstance(key, str) or not 0 < len(key) <= 100:
            raise StoreError(f"{source}: settings: a setting name must be a short text, got {short(key)}")
        cursor = conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING", [key, json.dumps(value)]
        )
        added += cursor.rowcount
    return added


def encode(value: Any) -> Any:
    return json.dumps(value) if isinstance(value, (dict, list)) else value
