"""Commands that load content say when part of it failed to load, instead of answering for less.

QA 2026-11-30: a pack file with one YAML syntax error made ``list``, ``grade`` and ``stats`` drop its
four questions silently (exit 0, nothing on stderr), and the app named a follow-on unknown reference as
the "first" problem instead of the syntax error behind it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from gitops_tutor.cli.main import cli
from gitops_tutor.curriculum.problems import Problem, by_cause, summary_line

TEAM_PACK = Path(__file__).resolve().parents[2] / "examples" / "team-pack"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def pack_with_a_syntax_error(tmp_path: Path) -> tuple[Path, int]:
    """The team pack with one `]` missing in its questions file; returns the pack and the broken line."""
    pack = tmp_path / "team"
    shutil.copytree(TEAM_PACK, pack)
    questions = pack / "questions" / "acme-deploy-conventions.yaml"
    lines = questions.read_text(encoding="utf-8").splitlines(keepends=True)
    broken = next(n for n, line in enumerate(lines) if "tags: [promotion, acme]" in line)
    lines[broken] = lines[broken].replace("acme]", "acme")
    questions.write_text("".join(lines), encoding="utf-8")
    return pack, broken + 1


def test_list_names_the_broken_file_and_its_syntax_error_first(tmp_path: Path) -> None:
    pack, line = pack_with_a_syntax_error(tmp_path)
    code, out, err = run("--content", str(pack), "list", "questions", "--json")
    assert code == 0 and out.startswith("[")  # the rest still lists, as JSON on stdout
    warning = err.strip().splitlines()
    assert len(warning) == 1 and warning[0].startswith("gitops-tutor: warning: ")
    first = warning[0].split("First: ", 1)[1]
    # libyaml notices the missing `]` on the next line
    assert f"questions/acme-deploy-conventions.yaml:{line + 1}:11: error[syntax]" in first
    assert "validate" in warning[0]


def test_grade_of_a_question_from_the_broken_file_says_why_it_is_unknown(tmp_path: Path) -> None:
    pack, _ = pack_with_a_syntax_error(tmp_path)
    code, _, err = run("--content", str(pack), "grade", "acme-how-to-roll-back", "--answer", "revert the commit")
    assert code != 0
    assert "error[syntax]" in err and "unknown question id" in err


def test_clean_content_prints_nothing_on_stderr() -> None:
    code, _, err = run("list", "lessons")
    assert code == 0 and err == ""


def test_a_missing_pack_is_refused_by_every_content_command(tmp_path: Path) -> None:
    for command in (["list", "questions"], ["grade", "roll-back-bad-deploy", "--answer", "x"], ["stats"]):
        code, _, err = run("--content", str(tmp_path / "nowhere"), *command)
        assert code == 1 and "error[missing-pack]" in err, command


def test_causes_come_before_their_echoes() -> None:
    echo = Problem("a/lessons/l.yaml", 2, 1, "unknown-ref", "lists unknown check question 'q'")
    cause = Problem("a/questions/q.yaml", 44, 11, "syntax", "YAML syntax error")
    todo = Problem("a/questions/z.yaml", 1, 1, "todo", "TODO marker", severity="warning")
    assert by_cause([todo, echo, cause]) == [cause, echo, todo]
    assert "2 content problems in a/questions/q.yaml, a/lessons/l.yaml" in summary_line([echo, cause])
    assert "First: a/questions/q.yaml:44:11: error[syntax]" in summary_line([echo, cause])
