"""The TODO and control-character scan names the line and column of each string it flags, and
only of those (it makes no mark for the others: that is what keeps it cheap on every load)."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from gitops_tutor.curriculum.validate import find_todos, may_hold_flags
from gitops_tutor.curriculum.yamlread import YamlError, read_yaml
from gitops_tutor.terminal_text import first_control

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


_PIECES = st.sampled_from(
    ["a: ", "- ", "TO", "DO", "TODO", "\\", "e", "x54", "x1b", '"', "'", "\n", "  ", "|\n  ", ">\n  ", "\r", "\x1b"]
    + ["\x85", "\t", " ", "#", "x", ": ", "[", "]", "{", "}", ", "]
    + ['"\\e"', '"\\x54ODO"', '"TO\\\n  DO"', "'TO''DO'", '"\\u0007"', "TO\n  DO"]
)


@settings(max_examples=400, deadline=None)
@example('a: "\\e[2J"\n')
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_a_file_the_precheck_skips_holds_nothing_to_flag(text: str) -> None:
    """The loader walks a file's strings only when its text may hold a flag; a file it skips must
    truly hold no TODO marker and no control character in any value."""
    try:
        value = read_yaml(text).value
    except YamlError:
        return
    if not may_hold_flags(text):
        assert list(find_todos("x.yaml", value)) == []


def test_the_precheck_keeps_every_flag_of_the_shipped_content_and_the_example() -> None:
    from gitops_tutor.paths import shipped_content_dir

    assert may_hold_flags(TEXT)
    for path in shipped_content_dir().rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if not may_hold_flags(text):
            assert list(find_todos(str(path), read_yaml(text).value)) == []


def test_the_precheck_sees_every_control_character_the_scan_flags() -> None:
    """Its byte test must agree with ``first_control`` on each character (C0, DEL and C1 included)."""
    for code in [*range(0x0000, 0x0800), 0x2028, 0x2029, 0xFEFF, 0x1F600]:
        char = chr(code)
        expected = first_control(char) is not None
        assert may_hold_flags(f"a: b{char}c\n") == expected, hex(code)


def test_every_escape_that_can_make_a_flag_sends_the_file_through_the_walk() -> None:
    """A backslash alone no longer does (regular expressions in manifest checks are full of them), so
    each escape that makes a control, a letter by number, or joins two lines must still be seen."""
    risky = ["\\0", "\\a", "\\b", "\\v", "\\f", "\\r", "\\e", "\\N", "\\x54", "\\u0054", "\\U00000054"]
    risky += ["\\\n", "\\\r\n"]  # an escaped line break: "TO\\<break>  DO" reads "TODO"
    for escape in risky:
        assert may_hold_flags(f'a: "b{escape}c"\n'), escape
    assert list(find_todos("x.yaml", read_yaml('a: "TO\\\n  DO"\n').value))  # the walk does flag that one
    for harmless in ["\\s", "\\.", '\\"', "\\\\", "\\/", "\\t", "\\n", "\\{", "\\ "]:
        assert not may_hold_flags(f"a: \"b{harmless}c\"\nb: 'x{harmless}'\n"), harmless
