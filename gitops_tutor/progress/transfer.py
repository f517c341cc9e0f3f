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
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gitops_tutor.curriculum.models import VERDICTS, Curriculum
from gitops_tutor.progress.errors import StoreError
from gitops_tutor.progress.models import MODES, RATINGS
from gitops_tutor.progress.scheduling import replay, review_from_row
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
    interview_rows_added: int
    questions_rescheduled: int

    @property
    def changed(self) -> bool:
        return any(
            (self.attempts_added, self.sections_added, self.lessons_completed_added, self.settings_added,
             self.interview_rows_added)
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
        "settings": {row["key"]: json.loads(row["value"]) for row in store.rows("SELECT key, value FROM settings")},
        **{table: store.rows(f"SELECT * FROM [{table}]") for table in EXTRA_TABLES},
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
    return "\n".join(lines).rstrip() + "\n"


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
            f"{r['rating']} | {one_line(r['answer'])} |"
            for r in rows
        ]
        lines.append("")
    return lines if by_question else [*lines, "No attempts yet."]


def one_line(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


# -- import ---------------------------------------------------------------------------------------


def import_data(store: ProgressStore, data: Any, source: str) -> ImportSummary:
    """Merge an export into the store in one transaction; a malformed file changes nothing."""
    attempts = check_export(data, source)
    with store.write() as conn:
        added, touched, days = insert_attempts(conn, attempts)
        recount_study_days(conn, days)
        sections = insert_rows(conn, "lesson_progress", data.get("lesson_sections", []), source)
        completed = insert_rows(conn, "lesson_completion", data.get("lessons_completed", []), source)
        settings = insert_settings(conn, data.get("settings", {}), source)
        interviews = sum(insert_rows(conn, table, data.get(table, []), source) for table in EXTRA_TABLES)
        for question_id in sorted(touched):
            rebuild_card(store, conn, question_id)
    return ImportSummary(added, len(attempts) - added, sections, completed, settings, interviews, len(touched))


def insert_attempts(conn: sqlite3.Connection, attempts: list[dict[str, Any]]) -> tuple[int, set[str], set[str]]:
    """Insert the new attempts; returns how many, and which questions and days they touched."""
    added = 0
    touched: set[str] = set()
    days: set[str] = set()
    for attempt in attempts:
        if insert_attempt(conn, attempt):
            added += 1
            touched.add(attempt["question_id"])
            days.add(attempt["day"])
    return added, touched, days


def rebuild_card(store: ProgressStore, conn: sqlite3.Connection, question_id: str) -> None:
    rows = store.rows(
        "SELECT rating, score, verdict, content_hash, ended_at FROM attempts WHERE question_id = ? "
        "ORDER BY ended_at, id",
        [question_id],
    )
    state = replay(store.scheduler, question_id, [review_from_row(row) for row in rows])
    if state is not None:
        save_card(conn, state)


def insert_rows(conn: sqlite3.Connection, table: str, rows: Any, source: str) -> int:
    """Insert rows the store lacks, using only the columns both sides know (the schema may have grown).

    ``ON CONFLICT DO NOTHING`` skips rows already present but, unlike ``INSERT OR
    IGNORE``, still rejects a row missing a required field instead of dropping it.
    """
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise StoreError(f"{source}: '{table}' must be a list of objects")
    known = {info[1] for info in conn.execute(f"PRAGMA table_info([{table}])")}
    added = 0
    for index, row in enumerate(rows):
        columns = [column for column in row if column in known]
        if not columns:
            raise StoreError(f"{source}: {table}[{index}]: none of its fields belong to {table}")
        try:
            cursor = conn.execute(
                f"INSERT INTO [{table}] ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)}) "
                "ON CONFLICT DO NOTHING",
                [encode(row[column]) for column in columns],
            )
        except sqlite3.IntegrityError as exc:
            raise StoreError(f"{source}: {table}[{index}]: {exc}") from exc
        added += cursor.rowcount
    return added


def insert_settings(conn: sqlite3.Connection, settings: Any, source: str) -> int:
    """Settings already chosen on this machine win; only missing ones are taken from the file."""
    if not isinstance(settings, dict):
        raise StoreError(f"{source}: 'settings' must be an object")
    added = 0
    for key, value in settings.items():
        cursor = conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING", [key, json.dumps(value)]
        )
        added += cursor.rowcount
    return added


def encode(value: Any) -> Any:
    return json.dumps(value) if isinstance(value, (dict, list)) else value


# -- validation -----------------------------------------------------------------------------------


def check_export(data: Any, source: str) -> list[dict[str, Any]]:
    """Validated attempt records ready to insert; StoreError naming the first problem otherwise."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise StoreError(f"{source}: not a gitops-tutor progress export (expected \"format\": \"{EXPORT_FORMAT}\")")
    version = data.get("version")
    if not isinstance(version, int) or version > EXPORT_VERSION:
        raise StoreError(f"{source}: export format version {version!r} is not supported by this gitops-tutor")
    attempts = data.get("attempts", [])
    if not isinstance(attempts, list):
        raise StoreError(f"{source}: 'attempts' must be a list")
    return [check_attempt(item, f"{source}: attempts[{index}]") for index, item in enumerate(attempts)]


ATTEMPT_CHECKS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "uid": (lambda v: isinstance(v, str) and 0 < len(v) <= 64, "a non-empty id"),
    "question_id": (lambda v: isinstance(v, str) and bool(v), "a question id"),
    "content_hash": (lambda v: isinstance(v, str), "a string"),
    "answer": (lambda v: isinstance(v, str), "a string"),
    "score": (lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 100, "an integer 0-100"),
    "verdict": (lambda v: v in VERDICTS, "one of " + ", ".join(VERDICTS)),
    "rating": (lambda v: v in RATINGS, "one of " + ", ".join(RATINGS)),
    "mode": (lambda v: v in MODES, "one of " + ", ".join(MODES)),
    "started_at": (lambda v: is_timestamp(v), "an ISO 8601 timestamp"),
    "ended_at": (lambda v: is_timestamp(v), "an ISO 8601 timestamp"),
}


def check_attempt(item: Any, where: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise StoreError(f"{where}: must be an object")
    for field, (valid, expected) in ATTEMPT_CHECKS.items():
        if field not in item:
            raise StoreError(f"{where}: missing '{field}'")
        if not valid(item[field]):
            raise StoreError(f"{where}: '{field}' must be {expected}, got {item[field]!r:.60}")
    record = {field: item[field] for field in ATTEMPT_CHECKS}
    record["started_at"] = iso(parse_iso(item["started_at"]))
    record["ended_at"] = iso(parse_iso(item["ended_at"]))
    record["day"] = record["ended_at"][:10]
    record["result_json"] = json.dumps(item.get("result") or {}, ensure_ascii=False)
    return record


def is_timestamp(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        parse_iso(value)
    except ValueError:
        return False
    return True
