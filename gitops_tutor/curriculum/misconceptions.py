"""Cross-file checks of misconceptions: unique ids, a scope that names real content, known opt-outs.

A misconception is checked in every free-text question its ``applies_to`` names, so a scope
that names a tag, lesson or domain no content has would silently check nothing; and a scope
that names nothing would mean "everything", which no false belief deserves. Whether its
phrasings catch its examples (and only them) needs the grader: see grading/myths.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from gitops_tutor.curriculum.models import Curriculum, FreeTextQuestion, Misconception, Scope, Source
from gitops_tutor.curriculum.problems import Problem


def unique_misconceptions(items: Iterable[Misconception], problems: list[Problem]) -> tuple[Misconception, ...]:
    """The first of each id (a pack may add its own, never redefine one); later copies are errors."""
    seen: dict[str, Misconception] = {}
    for item in items:
        first = seen.get(item.id)
        if first is not None:
            message = f"misconception id '{item.id}' is already defined at {first.source}"
            problems.append(_problem(item.source, "duplicate-id", message))
            continue
        seen[item.id] = item
    return tuple(seen.values())


def check_misconceptions(cur: Curriculum) -> Iterator[Problem]:
    named = _Named.of(cur)
    for myth in cur.misconceptions:
        yield from _scope_problems(myth, cur, named)
    known = {myth.id for myth in cur.misconceptions}
    for question in cur.questions.values():
        if not isinstance(question, FreeTextQuestion):
            continue
        for myth_id in question.rubric.ignore_misconceptions:
            if myth_id not in known:
                message = f"question '{question.id}' ignores unknown misconception '{myth_id}'"
                yield _problem(question.source, "unknown-ref", message)


@dataclass(frozen=True)
class _Named:
    """What the content names, read once: per misconception, reading every question again made the
    check grow with misconceptions x questions (a 30x pack took 0.7 s of 0.85 s in its tag sets)."""

    tags: frozenset[str]  # of every question
    free_text: tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]  # ids, lessons, domains, tags

    @classmethod
    def of(cls, cur: Curriculum) -> _Named:
        free = [q for q in cur.questions.values() if isinstance(q, FreeTextQuestion)]
        return cls(
            tags=frozenset(tag for question in cur.questions.values() for tag in question.tags),
            free_text=(
                frozenset(q.id for q in free),
                frozenset(q.lesson for q in free),
                frozenset(q.domain for q in free),
                frozenset(tag for q in free for tag in q.tags),
            ),
        )

    def covers_free_text(self, scope: Scope) -> bool:
        """Whether ``scope`` names at least one free-text question (any one list is enough, as in Scope.covers)."""
        wanted = (scope.questions, scope.lessons, scope.domains, scope.tags)
        return any(not present.isdisjoint(names) for present, names in zip(self.free_text, wanted, strict=True))


def _scope_problems(myth: Misconception, cur: Curriculum, named: _Named) -> Iterator[Problem]:
    scope = myth.applies_to
    if not (scope.tags or scope.lessons or scope.domains or scope.questions):
        message = f"misconception '{myth.id}': applies_to names no tags, lessons, domains or questions"
        yield _problem(myth.source, "scope", message)
        return
    unknown = [
        *(f"tag '{t}'" for t in scope.tags if t not in named.tags),
        *(f"lesson '{x}'" for x in scope.lessons if x not in cur.lessons),
        *(f"domain '{x}'" for x in scope.domains if cur.domains and x not in cur.domains),
        *(f"question '{x}'" for x in scope.questions if x not in cur.questions),
    ]
    for name in unknown:
        yield _problem(myth.source, "unknown-ref", f"misconception '{myth.id}' applies to unknown {name}")
    if not unknown and not named.covers_free_text(scope):
        yield _problem(myth.source, "scope", f"misconception '{myth.id}' applies to no free-text question")


def _problem(src: Source, code: str, message: str) -> Problem:
    return Problem(src.path, src.line, src.column, code, message)
