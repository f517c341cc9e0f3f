"""Problems found in content, with the one-line formats contributors and CI read."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a content file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}[{self.code}]: {self.message}"

    def github(self) -> str:
        """A GitHub Actions workflow command, so PRs show the problem on the changed line."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        title = f"gitops-tutor {self.code}"
        return f"::{self.severity} file={self.path},line={self.line},col={self.column},title={title}::{message}"


def format_problems(problems: Iterable[Problem], fmt: str) -> str:
    """Render problems as ``text`` (one per line), ``json`` or ``github`` lines."""
    items = sorted(problems)
    if fmt == "json":
        return json.dumps([asdict(p) for p in items], indent=2)
    if fmt == "github":
        return "\n".join(p.github() for p in items)
    return "\n".join(str(p) for p in items)
