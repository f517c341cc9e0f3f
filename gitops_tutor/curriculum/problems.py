"""Problems found in content, with the one-line formats contributors and CI read."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """Make text safe to print as one line: control characters (escape codes too) become visible."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a content file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = "error"

    def __post_init__(self) -> None:
        # Messages quote content, and content comes from strangers: never let it reach the
        # terminal as an escape sequence or split one problem over several lines.
        object.__setattr__(self, "message", one_line(self.message))
        object.__setattr__(self, "path", one_line(self.path))

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


# Problems that stop a whole file (or pack) from loading. Everything in such a file is missing, so the
# lessons and questions that refer to it report unknown references too: those echoes must never be shown
# as the "first" problem ahead of their cause (QA 2026-11-30: the app named an unknown-ref, not the YAML
# syntax error behind it).
FILE_LEVEL_CODES = frozenset(
    {
        "missing-pack",
        "pack-too-large",
        "unreadable",
        "link",
        "not-a-file",
        "too-large",
        "too-deep",
        "encoding",
        "syntax",
        "kind",
    }
)


def by_cause(problems: Iterable[Problem]) -> list[Problem]:
    """Errors before warnings, and within them problems that drop a whole file before the rest."""
    return sorted(problems, key=lambda p: (p.severity != "error", p.code not in FILE_LEVEL_CODES, p))


def summary_line(problems: Iterable[Problem]) -> str:
    """One line for a learner who did not ask to validate: how many, where, and the telling first one."""
    ordered = by_cause(problems)
    files = list(dict.fromkeys(problem.path for problem in ordered))
    named = ", ".join(files[:3]) + (f" and {len(files) - 3} more files" if len(files) > 3 else "")
    noun = "problem" if len(ordered) == 1 else "problems"
    return (
        f"{len(ordered)} content {noun} in {named}; the rest loaded. First: {ordered[0]}. "
        "Run 'gitops-tutor validate' for details."
    )
