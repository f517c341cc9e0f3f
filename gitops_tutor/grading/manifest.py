"""Manifest questions: the answer is YAML, checked path by path.

The YAML is parsed by the curriculum's untrusted reader (several documents are fine; aliases,
nesting and size are budgeted); a syntax error
becomes a failing grade with the line in ``details``, never an exception. Each check
passes when any of its conditions holds in any document; the score is the weighted
share of passed checks.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from gitops_tutor.curriculum.models import Condition, ManifestCheck, ManifestQuestion
from gitops_tutor.curriculum.yamlread import UntrustedYamlError, load_untrusted_documents
from gitops_tutor.grading.linear_regex import UnsupportedPattern, compile_linear
from gitops_tutor.grading.result import GradeResult, rating_for, verdict_for
from gitops_tutor.grading.shape import MAX_ANSWER_CHARS

_MISSING = object()


def grade_manifest(question: ManifestQuestion, text: str) -> GradeResult:
    if len(text) > MAX_ANSWER_CHARS:
        return _failed(question, "too-long", f"Answer is longer than {MAX_ANSWER_CHARS:,} characters.", ())
    if not text.strip():
        return _failed(question, "empty", "No manifest yet.", ())
    try:
        documents = [d for d in load_untrusted_documents(text, source="answer") if d is not None]
    except UntrustedYamlError as exc:
        return _failed(question, "invalid-yaml", "The YAML does not parse.", (_yaml_error(exc),))
    if not any(isinstance(d, dict) for d in documents):
        return _failed(question, "not-a-mapping", "The answer is not a YAML mapping (key: value).", ())
    passed = [_check_passes(check, documents) for check in question.checks]
    total = sum(c.weight for c in question.checks) or 1.0
    score = round(100 * sum(c.weight for c, ok in zip(question.checks, passed, strict=True) if ok) / total)
    verdict = verdict_for(score)
    details = tuple(
        f"✓ {c.label}" if ok else f"✗ {c.label}{_found(c, documents)}"
        for c, ok in zip(question.checks, passed, strict=True)
    )
    missing = [c.label for c, ok in zip(question.checks, passed, strict=True) if not ok]
    feedback = "All checks pass." if not missing else "Missing: " + "; ".join(missing) + "."
    return GradeResult(question.id, score, verdict, feedback=feedback, rating=rating_for(score, verdict),
                       details=details)  # fmt: skip


def _found(check: ManifestCheck, documents: list[Any]) -> str:
    """What the answer holds where a failed check looked: a learner fixes "found `latest`" at once,
    while a bare ✗ leaves them hunting through their own YAML."""
    for condition in check.any:
        for document in documents:
            for value in resolve(document, condition.path):
                if isinstance(value, dict) or (isinstance(value, list) and not all(map(_is_scalar, value))):
                    return f" (found a {'mapping' if isinstance(value, dict) else 'list'} at {condition.path})"
                text = ", ".join(map(_text, value)) if isinstance(value, list) else _text(value)
                shown = " ".join(text.split())
                shown = shown if len(shown) <= 40 else shown[:37] + "..."
                return f" (found `{shown}` at {condition.path})"
    paths = list(dict.fromkeys(condition.path for condition in check.any))
    return f" (nothing at {paths[0]})" if len(paths) == 1 else ""


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def _check_passes(check: ManifestCheck, documents: list[Any]) -> bool:
    return any(_holds(condition, document) for condition in check.any for document in documents)


def _holds(condition: Condition, document: Any) -> bool:
    values = list(resolve(document, condition.path))
    if not values:
        return False
    return any(_value_passes(condition, value) for value in values)


def _value_passes(condition: Condition, value: Any) -> bool:
    if condition.has_equals and not _same(value, condition.equals):
        return False
    if condition.one_of and not any(_same(value, option) for option in condition.one_of):
        return False
    if condition.has_contains and not _contains(value, condition.contains):
        return False
    if condition.matches is not None:
        try:
            pattern = compile_linear(condition.matches)
        except UnsupportedPattern:
            return False  # validate reports it with the file and line; grading never hangs on it
        if not pattern.search(_text(value)):
            return False
    return True


def resolve(node: Any, path: str) -> Iterator[Any]:
    """Values at a dot path; ``*`` is any key or list item; lists are walked through implicitly."""
    yield from _walk(node, [part for part in path.split(".") if part])


def _walk(node: Any, parts: list[str]) -> Iterator[Any]:
    if not parts:
        yield node
        return
    head, rest = parts[0], parts[1:]
    if isinstance(node, list):
        if head == "*":
            for item in node:
                yield from _walk(item, rest)
        elif head.isdigit():
            if int(head) < len(node):
                yield from _walk(node[int(head)], rest)
        else:
            for item in node:
                yield from _walk(item, parts)
    elif isinstance(node, dict):
        if head == "*":
            for value in node.values():
                yield from _walk(value, rest)
        else:
            value = node.get(head, _MISSING)
            if value is _MISSING and head.isdigit():
                value = node.get(int(head), _MISSING)
            if value is not _MISSING:
                yield from _walk(value, rest)


def _same(value: Any, expected: Any) -> bool:
    """Equal, or equal once both are written as text ("3" and 3, "True" and true)."""
    if value == expected and type(value) is type(expected):
        return True
    if isinstance(value, (dict, list)) or isinstance(expected, (dict, list)):
        return bool(value == expected)
    return _text(value).strip().lower() == _text(expected).strip().lower()


def _contains(value: Any, expected: Any) -> bool:
    if isinstance(value, str):
        return _text(expected) in value
    if isinstance(value, list):
        return any(_same(item, expected) for item in value)
    if isinstance(value, dict):
        return expected in value
    return _same(value, expected)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True, default=str)
    return str(value)


def _yaml_error(exc: UntrustedYamlError) -> str:
    mark, problem = exc.error.mark, exc.error.message.removeprefix("YAML syntax error: ")
    return f"YAML error at line {mark.line}, column {mark.column}: {problem}"


def _failed(question: ManifestQuestion, flag: str, feedback: str, details: tuple[str, ...]) -> GradeResult:
    lines = details + tuple(f"✗ {c.label}" for c in question.checks)
    return GradeResult(question.id, 0, "fail", feedback=feedback, rating="again", flags=(flag,), details=lines)
