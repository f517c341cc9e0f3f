"""The compiled schema test says yes exactly when the position-aware walk finds nothing."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from gitops_tutor.curriculum.schema import check, schema_for, validator
from gitops_tutor.curriculum.yamlread import Mark, read_yaml
from gitops_tutor.paths import shipped_content_dir

REPLACEMENTS = ["", "   ", None, 0, -1, 5, 100, 1.5, True, False, "x", "Bad Id", "free-text", "flux", [], {}, ["a"],
                [{"a": 1}], {"a": 1}, "a" * 5000, "<delete>"]  # fmt: skip


@cache
def shipped_values() -> tuple[tuple[str, Any], ...]:
    """(kind, value) for every shipped file, plus every question on its own."""
    found: list[tuple[str, Any]] = []
    for path in sorted(shipped_content_dir().rglob("*.yaml")):
        data = read_yaml(path.read_text(encoding="utf-8")).value
        if not isinstance(data, dict) or data.get("kind") not in ("lesson", "questions", "comparison", "domains",
                                                                   "aliases", "pack"):  # fmt: skip
            continue
        found.append((data["kind"], data))
        if data["kind"] == "questions":
            found.extend(("question", item) for item in data["questions"])
    return tuple(found)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*prefix, index))
    return found


def mutate(value: Any, path: tuple[Any, ...], replacement: Any) -> Any:
    value = copy.deepcopy(dict(value))
    parent = value
    for step in path[:-1]:
        parent = parent[step]
    if replacement == "<delete>":
        del parent[path[-1]]
    else:
        parent[path[-1]] = replacement
    return value


def agree(kind: str, value: Any) -> bool:
    schema = schema_for("questions", "question") if kind == "question" else schema_for(kind)
    test = validator("questions", "question") if kind == "question" else validator(kind)
    return test(value) == (not list(check(value, schema, Mark(1, 1), "file")))


def test_every_shipped_file_and_question_passes_both() -> None:
    for kind, value in shipped_values():
        test = validator("questions", "question") if kind == "question" else validator(kind)
        assert test(value), (kind, value.get("id"))
        assert agree(kind, value)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_a_broken_field_is_caught_by_both_or_neither(data: st.DataObject) -> None:
    kind, value = data.draw(st.sampled_from(shipped_values()))
    where = data.draw(st.sampled_from(paths(value) or [("kind",)]))
    replacement = data.draw(st.sampled_from(REPLACEMENTS))
    try:
        broken = mutate(value, where, replacement)
    except (KeyError, IndexError, TypeError):
        return
    if isinstance(where[-1], int) and replacement == "<delete>":
        return
    assert agree(kind, broken), (kind, where, replacement)
