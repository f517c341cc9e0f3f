"""What the loader gathers from content files, and what a load returns.

Kept apart from the loader and the validator so each can import it: the loader fills a
Collected, the validator turns it into a LoadResult.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gitops_tutor.curriculum.models import (
    AnyQuestion,
    Comparison,
    Curriculum,
    Domain,
    Lesson,
    Misconception,
    Pack,
    Source,
)
from gitops_tutor.curriculum.problems import Problem

if TYPE_CHECKING:  # a type only: a cache hit reads LoadResult without importing the parser
    from gitops_tutor.curriculum.yamlread import YMap


@dataclass
class Collected:
    """Items gathered from all files, before cross-file checks."""

    lessons: list[Lesson] = field(default_factory=list)
    questions: list[AnyQuestion] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    domains: list[tuple[Domain, Source]] = field(default_factory=list)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    packs: list[Pack] = field(default_factory=list)
    misconceptions: list[Misconception] = field(default_factory=list)
    raw_texts: list[tuple[str, YMap]] = field(default_factory=list)  # ``kind: aliases`` files only
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class LoadResult:
    """What a load gives its caller: the curriculum and every problem found on the way."""

    curriculum: Curriculum
    problems: tuple[Problem, ...]
    # The read trees of the ``kind: aliases`` files, for validate's lexicon check (the line of
    # every form). Other files' trees are dropped as soon as they are loaded: at 10x content
    # they held over 100 MB of positions and strings that nothing reads again.
    raw_files: tuple[tuple[str, YMap], ...] = ()

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]
