"""What an imported row must look like: as strict as the app's own writes, or the file is refused.

An import is someone else's file. A row the app could never have written (a year-9999 time, an
interview whose saved state is not a list of questions, a score of 0 with a "pass") would crash a
screen later or skew the schedule, so every row is checked here before the store sees it, and the
first bad one names its place and refuses the whole file (the import runs in one transaction).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import cached_property
from typing import Any

from gitops_tutor.curriculum.models import VERDICTS
from gitops_tutor.progress.disputes import CLAIMS, MAX_NOTE_CHARS, JudgedAnswer, dispute_record
from gitops_tutor.progress.errors import StoreError
from gitops_tutor.progress.models import MODES, RATINGS
from gitops_tutor.progress.timeutil import iso

EARLIEST = datetime(2020, 1, 1, tzinfo=timezone.utc)
FUTURE_SLACK = timedelta(days=1)
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}")
INTERVIEW_STATUSES = ("running", "finished", "discarded")
Check = Callable[[Any], bool]

A_TIME = "an ISO 8601 time with its UTC offset, 2020 to now"  # what every imported time must be


def is_int(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def is_number(value: Any, low: float, high: float) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and low <= value <= high
    )


def is_id(value: Any) -> bool:
    return isinstance(value, str) and ID_PATTERN.fullmatch(value) is not None


def optional(check: Check) -> Check:
    return lambda value: value is None or check(value)


@dataclass(frozen=True)
class RowChecker:
    """Checks rows against the clock of the store they go into (no times from before 2020 or the future)."""

    now: datetime

    def timestamp(self, value: Any) -> bool:
        return self.moment(value) is not None

    def moment(self, value: Any) -> datetime | None:
        """The UTC time a field holds, or None when it is not one the app could have written."""
        if not isinstance(value, str) or len(value) > 40:
            return None
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
        if moment.tzinfo is None:
            return None  # the app always writes UTC with its offset; a naive time is ambiguous
        try:
            moment = moment.astimezone(timezone.utc)
        except OverflowError:
            return None
        return moment if EARLIEST <= moment <= self.latest else None

    @cached_property
    def latest(self) -> datetime:
        return self.now + FUTURE_SLACK

    def fields(self, item: Any, where: str, checks: Mapping[str, tuple[Check, str]], required: bool = True) -> None:
        if not isinstance(item, dict):
            raise StoreError(f"{where}: must be an object")
        for field, (valid, expected) in checks.items():
            if field not in item:
                if required:
                    raise StoreError(f"{where}: missing '{field}'")
                continue
            if not valid(item[field]):
                raise StoreError(f"{where}: '{field}' must be {expected}, got {short(item[field])}")

    # -- attempts ---------------------------------------------------------------------------------

    @cached_property
    def attempt_checks(self) -> dict[str, tuple[Check, str]]:
        """Built once per import, not once per row: a million rows made ten closures each."""
        return {
            "uid": (lambda v: isinstance(v, str) and 0 < len(v) <= 64, "a non-empty id"),
            "question_id": (is_id, "a question id"),
            "content_hash": (lambda v: isinstance(v, str) and len(v) <= 128, "a string"),
            "answer": (lambda v: isinstance(v, str), "a string"),
            "score": (lambda v: is_int(v, 0, 100), "an integer 0-100"),
            "verdict": (lambda v: v in VERDICTS, "one of " + ", ".join(VERDICTS)),
            "rating": (lambda v: v in RATINGS, "one of " + ", ".join(RATINGS)),
            "mode": (lambda v: v in MODES, "one of " + ", ".join(MODES)),
            "started_at": (self.timestamp, A_TIME),
            "ended_at": (self.timestamp, A_TIME),
        }

    def attempt(self, item: Any, where: str) -> dict[str, Any]:
        """A record ready to insert, or StoreError naming the first thing wrong with it."""
        checks = self.attempt_checks
        self.fields(item, where, checks)
        started, ended = self.moment(item["started_at"]), self.moment(item["ended_at"])
        assert started is not None and ended is not None  # fields() has checked both
        if started > ended:
            raise StoreError(f"{where}: 'started_at' is after 'ended_at'")
        if item["verdict"] == "pass" and item["score"] == 0:
            raise StoreError(f"{where}: a score of 0 cannot be a pass")
        result = item.get("result") or {}
        if not isinstance(result, dict):
            raise StoreError(f"{where}: 'result' must be an object")
        record = {field: item[field] for field in checks}
        record["started_at"] = iso(started)
        record["ended_at"] = iso(ended)
        record["day"] = record["ended_at"][:10]
        record["result_json"] = json.dumps(result, ensure_ascii=False)
        return record

    # -- the smaller sections ---------------------------------------------------------------------

    def lesson_section(self, item: Any, where: str) -> None:
        self.fields(
            item,
            where,
            {
                "lesson_id": (is_id, "a lesson id"),
                "section": (lambda v: isinstance(v, str) and 0 < len(v) <= 500, "a section title"),
                "read_at": (self.timestamp, A_TIME),
            },
        )

    def lesson_completed(self, item: Any, where: str) -> None:
        self.fields(
            item,
            where,
            {
                "lesson_id": (is_id, "a lesson id"),
                "completed_at": (self.timestamp, A_TIME),
            },
        )

    def interview(self, item: Any, where: str) -> None:
        """An interview row whose saved state the app can resume or report without crashing."""
        self.fields(
            item,
            where,
            {
                "id": (is_id, "an interview id"),
                "created_at": (self.timestamp, A_TIME),
                "updated_at": (self.timestamp, A_TIME),
                "status": (lambda v: v in INTERVIEW_STATUSES, "one of " + ", ".join(INTERVIEW_STATUSES)),
            },
        )
        self.fields(
            item,
            where,
            {
                "score": (optional(lambda v: is_int(v, 0, 100)), "an integer 0-100 or null"),
                "band": (optional(lambda v: isinstance(v, str) and len(v) <= 40), "a short text or null"),
            },
            required=False,
        )
        config = json_object(item.get("config_json", "{}"), f"{where}: 'config_json'")
        self.interview_config(config, f"{where}: config")
        state = json_object(item.get("state_json", "{}"), f"{where}: 'state_json'")
        self.interview_state(state, f"{where}: state")
        if item.get("report_json") is not None:
            json_object(item["report_json"], f"{where}: 'report_json'")

    def interview_config(self, config: dict[str, Any], where: str) -> None:
        self.fields(
            config,
            where,
            {
                "minutes": (lambda v: is_int(v, 1, 240), "a whole number of minutes, 1-240"),
                "questions": (lambda v: is_int(v, 1, 100), "a number of questions, 1-100"),
                "preset": (lambda v: isinstance(v, str) and len(v) <= 40, "a preset name"),
            },
            required=False,
        )

    def interview_state(self, state: dict[str, Any], where: str) -> None:
        if not state:
            return  # an interview that never started; the app treats it as empty
        items = state.get("items")
        if not isinstance(items, list) or not items:
            raise StoreError(f"{where}: 'items' must be a non-empty list of questions")
        self.fields(
            state,
            where,
            {
                "created_at": (self.timestamp, A_TIME),
                "elapsed": (lambda v: is_number(v, 0, 240 * 60 + 60), "seconds within the interview's limit"),
                "position": (lambda v: is_int(v, 0, len(items) - 1), f"a position 0-{len(items) - 1}"),
            },
            required=False,
        )
        for index, entry in enumerate(items):
            self.fields(
                entry,
                f"{where}: items[{index}]",
                {
                    "question_id": (is_id, "a question id"),
                    "answer": (optional(lambda v: isinstance(v, str)), "a string"),
                    "seconds": (optional(lambda v: is_number(v, 0, 10**6)), "seconds"),
                },
                required=False,
            )
            if "question_id" not in entry:
                raise StoreError(f"{where}: items[{index}]: missing 'question_id'")

    def interview_answer(self, item: Any, where: str) -> None:
        self.fields(
            item,
            where,
            {
                "interview_id": (is_id, "an interview id"),
                "position": (lambda v: is_int(v, 0, 1000), "a position 0-1000"),
                "question_id": (is_id, "a question id"),
            },
        )
        self.fields(
            item,
            where,
            {
                "answer": (optional(lambda v: isinstance(v, str)), "a string or null"),
                "seconds_spent": (optional(lambda v: is_number(v, 0, 10**6)), "seconds or null"),
                "flagged": (lambda v: v in (0, 1, True, False), "0 or 1"),
                "score": (optional(lambda v: is_int(v, 0, 100)), "an integer 0-100 or null"),
                "verdict": (optional(lambda v: v in VERDICTS), "a verdict or null"),
            },
            required=False,
        )
        if item.get("result_json") is not None:
            json_object(item["result_json"], f"{where}: 'result_json'")

    def dispute(self, item: Any, where: str) -> dict[str, Any]:
        """A dispute ready to insert: the judged answer named one way only, a real claim, a one-line note.

        Its ``answer_key`` is derived again from the fields, never taken from the file, so a
        hand-edited key cannot attach a claim to another answer.
        """
        self.fields(
            item,
            where,
            {
                "question_id": (is_id, "a question id"),
                "content_hash": (lambda v: isinstance(v, str) and len(v) <= 128, "a string"),
                "answer": (lambda v: isinstance(v, str), "a string"),
                "verdict": (lambda v: v in VERDICTS, "one of " + ", ".join(VERDICTS)),
                "score": (lambda v: is_int(v, 0, 100), "an integer 0-100"),
                "claimed": (lambda v: v in CLAIMS, "one of " + ", ".join(CLAIMS)),
                "created_at": (self.timestamp, A_TIME),
            },
        )
        self.fields(
            item,
            where,
            {
                "note": (
                    lambda v: isinstance(v, str) and len(v) <= MAX_NOTE_CHARS,
                    f"a text of at most {MAX_NOTE_CHARS} characters",
                ),
                "attempt_uid": (optional(lambda v: isinstance(v, str) and 0 < len(v) <= 64), "an attempt uid"),
                "interview_id": (optional(is_id), "an interview id"),
                "position": (optional(lambda v: is_int(v, 0, 1000)), "a position 0-1000"),
            },
            required=False,
        )
        judged = JudgedAnswer(
            question_id=item["question_id"],
            content_hash=item["content_hash"],
            answer=item["answer"],
            verdict=item["verdict"],
            score=item["score"],
            attempt_uid=item.get("attempt_uid"),
            interview_id=item.get("interview_id"),
            position=item.get("position"),
        )
        moment = self.moment(item["created_at"])
        assert moment is not None  # fields() has checked it
        try:
            return dispute_record(judged, item["claimed"], item.get("note", ""), iso(moment))
        except ValueError as exc:
            raise StoreError(f"{where}: {exc}") from None


def json_object(value: Any, where: str) -> dict[str, Any]:
    """A stored JSON column: an object, or text holding one."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            raise StoreError(f"{where} does not hold valid JSON") from None
    if not isinstance(value, dict):
        raise StoreError(f"{where} must hold a JSON object")
    return value


def short(value: Any) -> str:
    try:
        text = repr(value)
    except ValueError:  # an integer past Python's int-to-text limit
        return "a number too long to show"
    return text if len(text) <= 60 else text[:57] + "..."
