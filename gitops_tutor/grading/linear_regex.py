"""Regular expressions from content packs, matched in linear time.

A manifest check's ``matches`` is written by a pack author we may not know. Python's ``re``
backtracks, so ``^(a+)+$`` against 30 ``a``s and a ``!`` runs for minutes and hangs ``validate``
and grading. Argo CD, Flux and Prometheus use Go's RE2 for the same reason. We keep Python's
syntax (parsed by ``re``'s own parser) but run it on a Pike VM: every alternative advances in
step, so the cost is at most (text length) x (pattern size), whatever the pattern. Constructs
that need backtracking by nature (backreferences, lookaround, atomic groups, possessive
repeats, inline flags other than ``(?i)``) are refused when the pattern is compiled, which
``validate`` does with the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

try:  # Python 3.11+
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants
    import sre_parse

MAX_PATTERN_CHARS = 500
MAX_PROGRAM = 5_000
Predicate = Callable[[str], bool]


class UnsupportedPattern(ValueError):
    """The pattern cannot be matched in linear time, or does not parse; ``str()`` says why."""


@dataclass(frozen=True)
class LinearRegex:
    """A compiled program; ``search`` answers whether the pattern occurs anywhere in a text."""

    program: tuple[tuple[Any, ...], ...]

    def search(self, text: str) -> bool:
        return run(self.program, text)


@lru_cache(maxsize=512)
def compile_linear(pattern: str) -> LinearRegex:
    if len(pattern) > MAX_PATTERN_CHARS:
        raise UnsupportedPattern(f"pattern longer than {MAX_PATTERN_CHARS} characters")
    try:
        parsed = sre_parse.parse(pattern)
    except re.error as exc:
        raise UnsupportedPattern(f"not a regular expression: {exc}") from None
    flags = parsed.state.flags
    ignore_case = bool(flags & re.IGNORECASE)
    if flags & ~(re.IGNORECASE | re.UNICODE):
        raise UnsupportedPattern("only the (?i) flag is supported")
    builder = Builder(ignore_case)
    builder.sequence(list(parsed))
    builder.emit(("match",))
    return LinearRegex(tuple(tuple(step) for step in builder.program))


class Builder:
    """Turns ``re``'s parse tree into Pike VM instructions: char, split, jmp, assert, match."""

    def __init__(self, ignore_case: bool) -> None:
        self.ignore_case = ignore_case
        self.program: list[Any] = []

    def emit(self, instruction: tuple[Any, ...]) -> int:
        if len(self.program) >= MAX_PROGRAM:
            raise UnsupportedPattern("pattern expands to too many steps (repeat counts too large)")
        self.program.append(list(instruction))
        return len(self.program) - 1

    def sequence(self, items: list[tuple[Any, Any]]) -> None:
        for op, arg in items:
            self.item(op, arg)

    def item(self, op: Any, arg: Any) -> None:
        c = sre_constants
        if op in (c.LITERAL, c.NOT_LITERAL, c.ANY, c.IN):
            self.emit(("char", self.predicate(op, arg)))
        elif op is c.SUBPATTERN:
            _group, add_flags, del_flags, sub = arg
            if add_flags or del_flags:
                raise UnsupportedPattern("inline flags inside a group are not supported")
            self.sequence(list(sub))
        elif op is c.BRANCH:
            self.branch(arg[1])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            self.repeat(*arg)
        elif op is c.AT:
            self.emit(("assert", arg))
        else:
            raise UnsupportedPattern(f"{str(op).lower()} is not supported (patterns must run in linear time)")

    def branch(self, alternatives: list[Any]) -> None:
        jumps = []
        for index, alternative in enumerate(alternatives):
            if index < len(alternatives) - 1:
                split = self.emit(("split", 0, 0))
                self.program[split][1] = split + 1
                self.sequence(list(alternative))
                jumps.append(self.emit(("jmp", 0)))
                self.program[split][2] = len(self.program)
            else:
                self.sequence(list(alternative))
        for jump in jumps:
            self.program[jump][1] = len(self.program)

    def repeat(self, low: int, high: Any, sub: Any) -> None:
        for _ in range(low):
            self.sequence(list(sub))
        if high is sre_constants.MAXREPEAT:
            loop = self.emit(("split", 0, 0))
            self.program[loop][1] = loop + 1
            self.sequence(list(sub))
            self.emit(("jmp", loop))
            self.program[loop][2] = len(self.program)
            return
        splits = []
        for _ in range(int(high) - low):
            splits.append(self.emit(("split", 0, 0)))
            self.program[splits[-1]][1] = splits[-1] + 1
            self.sequence(list(sub))
        for split in splits:
            self.program[split][2] = len(self.program)

    def predicate(self, op: Any, arg: Any) -> Predicate:
        c = sre_constants
        fold = self.ignore_case
        if op is c.LITERAL:
            return literal(chr(arg), fold)
        if op is c.NOT_LITERAL:
            same = literal(chr(arg), fold)
            return lambda ch: not same(ch)
        if op is c.ANY:
            return lambda ch: ch != "\n"
        return char_class(arg, fold)


def literal(expected: str, fold: bool) -> Predicate:
    if fold:
        folded = expected.casefold()
        return lambda ch: ch.casefold() == folded
    return lambda ch: ch == expected


CATEGORIES: dict[Any, Predicate] = {
    sre_constants.CATEGORY_DIGIT: str.isdecimal,
    sre_constants.CATEGORY_NOT_DIGIT: lambda ch: not ch.isdecimal(),
    sre_constants.CATEGORY_SPACE: str.isspace,
    sre_constants.CATEGORY_NOT_SPACE: lambda ch: not ch.isspace(),
    sre_constants.CATEGORY_WORD: lambda ch: ch.isalnum() or ch == "_",
    sre_constants.CATEGORY_NOT_WORD: lambda ch: not (ch.isalnum() or ch == "_"),
}


def char_class(items: list[tuple[Any, Any]], fold: bool) -> Predicate:
    """A ``[...]`` set: literals, ranges and categories, maybe negated."""
    c = sre_constants
    negate = False
    tests: list[Predicate] = []
    for op, arg in items:
        if op is c.NEGATE:
            negate = True
        elif op is c.LITERAL:
            tests.append(literal(chr(arg), fold))
        elif op is c.RANGE:
            tests.append(char_range(chr(arg[0]), chr(arg[1]), fold))
        elif op is c.CATEGORY and arg in CATEGORIES:
            tests.append(CATEGORIES[arg])
        else:
            raise UnsupportedPattern(f"{str(op).lower()} inside [...] is not supported")

    def test(ch: str) -> bool:
        return any(t(ch) for t in tests) != negate

    return test


def char_range(low: str, high: str, fold: bool) -> Predicate:
    if fold:
        return lambda ch: low <= ch <= high or low <= ch.lower() <= high or low <= ch.upper() <= high
    return lambda ch: low <= ch <= high


def is_word(text: str, index: int) -> bool:
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] == "_")


def holds(kind: Any, text: str, pos: int) -> bool:
    c = sre_constants
    if kind in (c.AT_BEGINNING, c.AT_BEGINNING_STRING):
        return pos == 0
    if kind is c.AT_END:
        return pos == len(text) or (pos == len(text) - 1 and text[pos] == "\n")
    if kind is c.AT_END_STRING:
        return pos == len(text)
    if kind is c.AT_BOUNDARY:
        return is_word(text, pos - 1) != is_word(text, pos)
    if kind is c.AT_NON_BOUNDARY:
        return is_word(text, pos - 1) == is_word(text, pos)
    return False


def run(program: tuple[tuple[Any, ...], ...], text: str) -> bool:
    """Pike VM search: the set of live threads advances one character at a time."""
    current: list[int] = []
    seen: set[int] = set()
    for pos in range(len(text) + 1):
        if add_thread(program, text, pos, 0, current, seen):  # a match may start at every position
            return True
        if pos == len(text):
            return False
        following: list[int] = []
        following_seen: set[int] = set()
        ch = text[pos]
        for pc in current:
            if program[pc][1](ch) and add_thread(program, text, pos + 1, pc + 1, following, following_seen):
                return True
        current, seen = following, following_seen
    return False


def add_thread(program: Any, text: str, pos: int, start: int, into: list[int], seen: set[int]) -> bool:
    """Follow jumps, splits and assertions from ``start``; char steps join ``into``. True on a match."""
    stack = [start]
    while stack:
        pc = stack.pop()
        if pc in seen:
            continue
        seen.add(pc)
        op = program[pc][0]
        if op == "match":
            return True
        if op == "char":
            into.append(pc)
        elif op == "jmp":
            stack.append(program[pc][1])
        elif op == "split":
            stack.extend((program[pc][2], program[pc][1]))
        elif op == "assert" and holds(program[pc][1], text, pos):
            stack.append(pc + 1)
    return False
