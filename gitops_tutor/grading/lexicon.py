"""Checks on the lexicon (and aliases): a class of meaning must not swallow ordinary words.

Every form in ``kind: aliases`` files (aliases.yaml and lexicon.yaml) is read as its class
name in answers and rubrics alike, so one careless form changes every rubric at once: "set"
in a class would make "set the replicas" mean something else, and a form claimed by two
classes would mean whichever file loaded first. ``validate`` reports both at the form's line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from gitops_tutor.curriculum.problems import Problem
from gitops_tutor.grading.aliases import AliasMap
from gitops_tutor.grading.shape import FUNCTION_WORDS, word_set
from gitops_tutor.grading.text import stem, tokenize

# Words too common to stand for one meaning of this field; a form may hold them inside a
# phrase ("turn off", "what is declared") but never be one of them alone.
GENERIC_WORDS = word_set(
    """able about again all also always any back bad best big both change changed changes come
    did different does each else even ever every fine first get give go going good got great
    have just keep keeps kind know last let like long look lot made make makes many more most much
    need needs new next now off ok okay old on one only other out over part put run runs same see
    set sets should show so some start state still stop such sure take tell than that them thing
    things time turn up use used uses using very want way ways well what when where which while work
    works yes"""
)
ORDINARY_WORDS = FUNCTION_WORDS | GENERIC_WORDS
ORDINARY_STEMS = frozenset(map(stem, ORDINARY_WORDS))


def ordinary_form(form: str) -> bool:
    """Whether a form is a single ordinary word (by any of its word forms)."""
    words = [t.raw for t in tokenize(form)]
    return len(words) == 1 and (words[0] in ORDINARY_WORDS or stem(words[0]) in ORDINARY_STEMS)


def check_lexicon(result: Any) -> Iterator[Problem]:
    """Lexicon problems of a LoadResult (its raw files keep the line of every form)."""
    files = getattr(result, "raw_files", None) or getattr(result, "raw_texts", None) or ()
    return lexicon_problems(files)


def lexicon_problems(files: Iterable[tuple[str, Any]]) -> Iterator[Problem]:
    """Problems in every ``kind: aliases`` file among the loaded ``(shown path, data)`` pairs."""
    owner: dict[tuple[str, ...], tuple[str, str]] = {}  # form stems -> (class, where it was claimed)
    for shown, data in files:
        if not isinstance(data, Mapping) or data.get("kind") != "aliases":
            continue
        classes = data.get("aliases")
        if not isinstance(classes, Mapping):
            continue
        for name, forms in classes.items():
            if not isinstance(forms, Sequence) or isinstance(forms, str):
                continue
            yield from _class_problems(shown, classes, str(name), forms, owner)


def _class_problems(
    shown: str,
    classes: Mapping[str, Any],
    name: str,
    forms: Sequence[Any],
    owner: dict[tuple[str, ...], tuple[str, str]],
) -> Iterator[Problem]:
    head = _key(name)
    claimed = owner.setdefault(head, (name, _at(shown, classes, name)))
    if claimed[0] != name:
        message = f"class {name!r} is also a form of {claimed[0]!r} ({claimed[1]})"
        yield _problem(shown, _line(classes, name), "lexicon-clash", message)
    for index, form in enumerate(forms):
        text = str(form)
        line = _line(forms, index)
        if ordinary_form(text):
            message = f"class {name!r}: form {text!r} is an ordinary word; it would change everyday sentences"
            yield _problem(shown, line, "lexicon-ordinary", message)
            continue
        key = _key(text)
        if not key or key == head:
            continue
        previous = owner.setdefault(key, (name, f"{shown}:{line}"))
        if previous[0] != name:
            message = f"class {name!r}: form {text!r} already belongs to {previous[0]!r} ({previous[1]})"
            yield _problem(shown, line, "lexicon-clash", message)


def classes_used(aliases: AliasMap, words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The classes (and aliases) whose name is among ``words``: what a rubric leans on."""
    present = set(words)
    return {name: forms for name, forms in aliases.classes.items() if set(name.split()) <= present}


def _key(text: str) -> tuple[str, ...]:
    return tuple(t.stem for t in tokenize(text))


def _line(container: Any, key: Any) -> int:
    where = getattr(container, "where", None)
    if where is None:
        return 1
    try:
        return int(where(key).line)
    except (KeyError, IndexError, AttributeError):
        return 1


def _at(shown: str, container: Any, key: Any) -> str:
    return f"{shown}:{_line(container, key)}"


def _problem(shown: str, line: int, code: str, message: str) -> Problem:
    return Problem(shown, line, 1, code, message)
