"""Terminal codes in typed answers (QA fresh-eyes-6): text pasted from a coloured terminal, or an arrow
key pressed in line mode (no line editor there), carried escape sequences into the stored answer and
the grader, which then missed the words they were glued to (a full answer scored 86 instead of 100)."""

from __future__ import annotations

import sqlite3

from click.testing import CliRunner

from gitops_tutor.cli.main import cli
from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.interview.answers import grader_input, without_terminal_codes
from tests.interview.conftest import FIXTURES

PACK = str(FIXTURES / "good-pack")
COLOURED = "It \x1b[1mcompares\x1b[0m them and \x1b[32mreconciles\x1b[0m the difference."
PLAIN = "It compares them and reconciles the difference."


def test_colour_cursor_and_title_sequences_are_dropped_and_other_controls_kept() -> None:
    assert without_terminal_codes(COLOURED) == PLAIN
    assert without_terminal_codes("ab\x1b[Dc\x1bOA d") == "abc d"  # arrow keys, normal and application mode
    assert without_terminal_codes("\x1b]0;title\x07x \x1b]8;;http://e.x\x1b\\link\x1b]8;;\x1b\\") == "x link"
    assert without_terminal_codes("tab\there \x01 kept\nline") == "tab\there \x01 kept\nline"


def test_the_interview_grades_the_words_not_the_codes(curriculum: Curriculum) -> None:
    question = curriculum.questions["team-what-does-reconcile-do"]
    assert grader_input(question, COLOURED) == PLAIN


def test_line_mode_stores_a_pasted_coloured_line_without_its_codes() -> None:
    stdin = f"{COLOURED}\nmore \x1b[Awords\n.\n:finish\nyes\n"
    command = ["--content", PACK, "interview", "--plain", "--lesson", "team-reconcile-basics"]
    result = CliRunner().invoke(cli, [*command, "--questions", "3", "--seed", "4"], input=stdin)
    assert result.exit_code == 0, result.output
    assert "\\x1b" not in result.stdout  # the report shows the answer without codes made visible
    with sqlite3.connect(_db()) as conn:
        answers = [row[0] for row in conn.execute("SELECT answer FROM interview_answers ORDER BY position")]
    assert answers[0] == f"{PLAIN}\nmore words"


def test_grade_reads_a_coloured_answer_as_its_words() -> None:
    result = CliRunner().invoke(cli, ["--content", PACK, "grade", "team-what-does-reconcile-do"], input=COLOURED)
    assert result.exit_code == 0, result.output
    plain = CliRunner().invoke(cli, ["--content", PACK, "grade", "team-what-does-reconcile-do", "--answer", PLAIN])
    assert result.stdout == plain.stdout
    assert '<- "compares"' in result.stdout


def _db() -> str:
    import os

    return os.environ["GITOPS_TUTOR_DB"]
