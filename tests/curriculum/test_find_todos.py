"""The TODO and control-character scan names the line and column of each string it flags, and
only of those (it makes no mark for the others: that is what keeps it cheap on every load)."""

from __future__ import annotations

from gitops_tutor.curriculum.validate import find_todos
from gitops_tutor.curriculum.yamlread import read_yaml

TEXT = """\
kind: lesson
title: Fine
notes:
  - fine
  - "TODO: fill in"
nested:
  label: "bell \\a here"
  both: "TODO \\e[2J"
"""


def test_flagged_strings_get_their_own_line_and_column() -> None:
    found = sorted(find_todos("x.yaml", read_yaml(TEXT).value))
    assert [(p.line, p.column, p.code) for p in found] == [
        (5, 5, "todo"),
        (7, 10, "control-char"),
        (8, 9, "control-char"),
        (8, 9, "todo"),
    ]
    assert "list item still holds a TODO marker" in {p.message for p in found}
    assert any("'label' holds the control character \\x07" in p.message for p in found)


def test_clean_text_is_not_flagged() -> None:
    assert list(find_todos("x.yaml", read_yaml("a: [b, {c: d}]\ne: f\n").value)) == []
