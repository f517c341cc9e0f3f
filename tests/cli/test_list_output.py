"""``list``: whole IDs at any width, and unknown filters or missing packs as errors (R6, P4, P6)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from gitops_tutor.cli.main import cli


def run(*args: str, columns: int = 80) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env={"COLUMNS": str(columns)}, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("columns", [60, 250])
def test_question_ids_are_never_shortened(columns: int) -> None:
    code, out, _ = run("list", "questions", columns=columns)
    assert code == 0
    _code, raw, _ = run("list", "questions", "--json")
    ids = [row["id"] for row in json.loads(raw)]
    table_ids = [line.split()[0] for line in out.splitlines()[1:] if line.strip() and not line[0].isdigit()]
    assert table_ids == ids
    assert all(len(line) <= max(columns, 140) for line in out.splitlines())


def test_unknown_type_or_lesson_is_a_usage_error() -> None:
    code, _out, err = run("list", "questions", "--type", "bogus")
    assert code == 2 and "'bogus' is not a question type" in err and "free-text" in err
    code, _out, err = run("list", "questions", "--lesson", "no-such-lesson")
    assert code == 2 and "no lesson 'no-such-lesson'" in err


def test_a_missing_content_pack_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _out, err = run("--content", str(tmp_path / "nonexistent"), "list", "lessons")
    assert code == 1 and "nonexistent" in err and "does not exist" in err
    monkeypatch.setenv("GITOPS_TUTOR_CONTENT", str(tmp_path / "gone"))
    code, _out, err = run("list", "questions")
    assert code == 1 and "gone" in err


def test_counts_read_as_english_and_lessons_count_all_their_questions(good_pack: Path) -> None:
    code, out, _ = run(
        "--content", str(good_pack), "list", "questions", "--lesson", "team-reconcile-basics", "--type", "which-tool"
    )
    assert code == 0 and out.rstrip().endswith("\n1 question: 1 which-tool")
    code, out, _ = run(
        "--content", str(good_pack), "list", "questions", "--lesson", "team-reconcile-basics", "--type", "free-text"
    )
    assert out.rstrip().endswith("1 question: 1 free-text")
    code, out, _ = run("--content", str(good_pack), "list", "lessons", "--json")
    lesson = next(row for row in json.loads(out) if row["id"] == "team-reconcile-basics")
    assert (lesson["checks"], lesson["questions"]) == (2, 5)
    code, out, _ = run("--content", str(good_pack), "list", "lessons")
    assert out.splitlines()[0].split() == ["ORDER", "ID", "CHECKS", "QUESTIONS", "TITLE"]
