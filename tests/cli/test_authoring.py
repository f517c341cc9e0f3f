"""``gitops-tutor new``: skeletons parse, carry the modeline, and validate flags every TODO."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from gitops_tutor.cli.main import cli
from gitops_tutor.curriculum.loader import load
from gitops_tutor.curriculum.skeletons import QUESTION_TYPES


def invoke(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("qtype", QUESTION_TYPES)
def test_each_question_skeleton_is_structurally_valid(tmp_path: Path, qtype: str) -> None:
    pack = tmp_path / "pack"
    invoke("new", "lesson", "--id", "team-lesson", "--pack", str(pack))
    invoke("new", "question", "--type", qtype, "--lesson", "team-lesson", "--pack", str(pack))
    result = load([pack], shipped=None)
    codes = {p.code for p in result.errors}
    assert codes == {"todo"}, [str(p) for p in result.errors if p.code != "todo"]
    question = next(iter(result.curriculum.questions.values()))
    assert question.type == qtype and question.lesson == "team-lesson"
    text = (pack / "questions" / "team-lesson.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=") and "questions.schema.json" in text.splitlines()[0]


def test_questions_are_appended_with_fresh_ids(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    for _ in range(3):
        invoke("new", "question", "--lesson", "team-lesson", "--pack", str(pack))
    result = load([pack], shipped=None)
    assert len(result.curriculum.questions) == 3


def test_existing_lesson_is_not_overwritten(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    invoke("new", "lesson", "--id", "mine", "--pack", str(pack))
    result = CliRunner().invoke(cli, ["new", "lesson", "--id", "mine", "--pack", str(pack)])
    assert result.exit_code == 1 and "already exists" in result.output
