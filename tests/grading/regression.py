"""Loading the regression set (shared by the tests and bench/grading.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

REGRESSION_FILE = Path(__file__).with_name("regression.yaml")


@dataclass(frozen=True)
class Case:
    question_id: str
    kind: str
    verdict: str
    answer: str
    accept: tuple[str, ...] = ()  # verdicts a fair interviewer would accept (blind sets); else just ``verdict``

    def agrees(self, verdict: str) -> bool:
        return verdict in (self.accept or (self.verdict,))

    def label(self) -> str:
        return f"{self.question_id}/{self.kind}: {self.answer[:50]}"


def load_cases(path: Path = REGRESSION_FILE) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Case(question_id, item["kind"], item["verdict"], item["answer"] or "")
        for question_id, items in data["cases"].items()
        for item in items
    ]


def load_blind(path: Path) -> list[Case]:
    """A blind half (tests/grading/blind/*.yaml): ``cases: {question: [{kind, accept, answer}]}``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Case(question_id, item["kind"], item["accept"][0], item["answer"] or "", tuple(item["accept"]))
        for question_id, items in (data.get("cases") or {}).items()
        for item in items
    ]
