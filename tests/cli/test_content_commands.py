"""``validate`` and ``list`` as a contributor or a script runs them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from gitops_tutor.cli.main import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def broken_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "broken"
    pack.mkdir()
    (pack / "q.yaml").write_text("kind: questions\nquestions:\n  - id: x\n    promt: hi\n")
    (pack / "bad.yaml").write_text("kind: [\n")
    return pack


def test_validate_shipped_content_exits_zero() -> None:
    code, out, err = run("validate")
    assert code == 0, out
    assert "0 error(s)" in err


def test_validate_reports_every_problem_one_line_each(tmp_path: Path) -> None:
    code, out, _ = run("validate", str(broken_pack(tmp_path)))
    assert code == 1
    lines = out.strip().splitlines()
    assert any(":4:5: error[unknown-field]: unknown field 'promt'" in line for line in lines)
    assert any("bad.yaml:" in line and "error[syntax]" in line for line in lines)
    assert all(line.count(":") >= 4 for line in lines)


def test_validate_json_and_github_formats(tmp_path: Path) -> None:
    pack = str(broken_pack(tmp_path))
    code, out, _ = run("validate", "--format", "json", pack)
    assert code == 1
    items = json.loads(out)
    assert {"path", "line", "column", "code", "message"} <= set(items[0])
    code, out, _ = run("validate", "--format", "github", pack)
    assert code == 1
    assert out.startswith("::error file=") and ",line=" in out and ",col=" in out


def test_content_option_and_environment_add_packs(tmp_path: Path, good_pack: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("--content", str(good_pack), "list", "questions", "--json")
    assert code == 0
    ids = {row["id"] for row in json.loads(out)}
    assert "team-what-does-reconcile-do" in ids
    monkeypatch.setenv("GITOPS_TUTOR_CONTENT", str(good_pack))
    code, out, _ = run("list", "lessons", "--json")
    assert "team-reconcile-basics" in {row["id"] for row in json.loads(out)}


def test_list_json_has_the_promised_fields(good_pack: Path) -> None:
    code, out, _ = run("--content", str(good_pack), "list", "questions", "--json")
    row = json.loads(out)[0]
    assert {"id", "type", "prompt", "lesson", "tags"} <= set(row)


def test_list_table_is_readable(good_pack: Path) -> None:
    code, out, _ = run("--content", str(good_pack), "list", "questions")
    assert code == 0
    assert out.splitlines()[0].startswith("ID")
    assert "team-enable-self-heal" in out and "questions:" in out


def test_usage_errors_exit_two() -> None:
    code, _, _ = run("list", "recipes")
    assert code == 2
    code, _, _ = run("validate", "--format", "xml")
    assert code == 2


def test_missing_pack_is_a_content_error(tmp_path: Path) -> None:
    code, out, _ = run("validate", str(tmp_path / "nope"))
    assert code == 1 and "error[missing-pack]" in out


def test_explain_shows_each_sample_with_its_concepts(good_pack: Path) -> None:
    code, out, _ = run("--content", str(good_pack), "validate", "--explain", "team-what-does-reconcile-do")
    assert code == 0
    assert "ok   sample 1 at line" in out and "expected pass, got pass" in out
    assert "+ compare (required): hit by 'compares', 'desired state'" in out


def test_explain_fails_when_a_sample_is_graded_wrongly(good_pack: Path, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    for path in good_pack.rglob("*.yaml"):
        target = pack / path.relative_to(good_pack)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            path.read_text().replace(
                "      - verdict: fail\n        answer: No idea.", "      - verdict: pass\n        answer: No idea."
            )
        )
    code, out, _ = run("--content", str(pack), "validate", "--explain", "team-what-does-reconcile-do")
    assert code == 1 and "FAIL sample 2" in out


def test_explain_unknown_question_is_a_usage_error() -> None:
    code, _, _ = run("validate", "--explain", "no-such-question")
    assert code == 2
