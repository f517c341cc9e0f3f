"""The command line prints only sanitised text and never loses a batch line (issue 16, F2 and F4).

A pack's lesson title or concept label holding ESC ] 0 ; ... BEL (retitle the window), ESC [ 2 J
(clear the screen) or OSC 52 (write the clipboard) reached the terminal raw through ``grade`` and
``stats``; ``grade --batch`` aborted on one deep, huge or non-UTF-8 line and lost the rest.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from gitops_tutor.cli.main import cli

GOOD_PACK = Path(__file__).resolve().parents[1] / "fixtures" / "good-pack"
HOSTILE = "\x1b]0;PWNED\x07\x1b[2J\x1b]52;c;cHduZWQ=\x07\x9b31m"
HOSTILE_IN_YAML = r"\e]0;PWNED\a\e[2J\e]52;c;cHduZWQ=\a\x9b31m"  # the same, as YAML escapes (raw controls are not YAML)
RAW_CONTROLS = ("\x1b", "\x07", "\x9b")


@pytest.fixture
def hostile_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(GOOD_PACK, pack)
    questions = pack / "questions" / "reconcile-basics.yaml"
    text = questions.read_text(encoding="utf-8")
    hostile_label = f'label: "Compares {HOSTILE_IN_YAML}"'
    questions.write_text(text.replace("label: Compares desired state with live state", hostile_label), encoding="utf-8")
    return pack


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    outcome = CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
    return outcome.exit_code, outcome.stdout, outcome.stderr


def assert_no_raw_controls(text: str) -> None:
    assert not any(c in text for c in RAW_CONTROLS), repr(text[:300])


def test_grade_shows_escape_codes_from_a_pack_as_visible_text(hostile_pack: Path) -> None:
    code, out, _ = run("--content", str(hostile_pack), "grade", "team-what-does-reconcile-do", "--answer", "x")
    assert code == 0
    assert_no_raw_controls(out)
    assert "\\x1b]0;PWNED" in out
    code, out, _ = run("--content", str(hostile_pack), "grade", "team-what-does-reconcile-do", "-a", "x", "--json")
    assert_no_raw_controls(out)
    assert json.loads(out)["concepts"][0]["label"].startswith("Compares \x1b]0;PWNED")


def test_an_answer_with_escape_codes_is_quoted_back_safely(hostile_pack: Path) -> None:
    answer = f"desired state {HOSTILE} compared with live state"
    code, out, _ = run("--content", str(hostile_pack), "grade", "team-what-does-reconcile-do", "--answer", answer)
    assert code == 0
    assert_no_raw_controls(out)


def test_batch_gives_every_line_its_own_result_whatever_it_holds(hostile_pack: Path) -> None:
    good = json.dumps({"question": "team-what-does-reconcile-do", "answer": "compares desired and live state"})
    lines = [
        b'{"question": "team-what-does-reconcile-do", "answer": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b'{"question": "team-what-does-reconcile-do", "answer": ' + b"9" * 5000 + b"}",
        b'{"question": "team-what-does-reconcile-do", "answer": "bad \xff byte"}',
        good.encode(),
    ]
    code, out, _ = run("--content", str(hostile_pack), "grade", "--batch", "-", stdin=b"\n".join(lines) + b"\n")
    assert code == 1  # three lines could not be graded; all four were answered
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["line"] for r in results] == [1, 2, 3, 4]
    assert all("error" in r for r in results[:3])
    assert "not UTF-8" in results[2]["error"]
    assert "score" in results[3]


def test_batch_refuses_option_indexes_out_of_range() -> None:
    from gitops_tutor.cli.context import Settings

    curriculum = Settings.from_options((), None).load().curriculum
    choice = next(q for q in curriculum.questions.values() if q.type == "single-choice")
    correct = next(i for i, option in enumerate(choice.options) if option.correct)  # type: ignore[attr-defined]
    line = json.dumps({"question": choice.id, "answer": [-3, 8, correct]})
    code, out, _ = run("grade", "--batch", "-", stdin=line.encode())
    result = json.loads(out)
    assert "out of range" in result["error"] and "score" not in result


def test_a_choice_answer_of_5000_digits_is_one_clear_error() -> None:
    from gitops_tutor.cli.context import Settings

    curriculum = Settings.from_options((), None).load().curriculum
    choice = next(q for q in curriculum.questions.values() if q.type == "single-choice")
    code, out, err = run("grade", choice.id, "--answer", "9" * 5000)
    assert code == 1 and "internal error" not in err and "option numbers or letters" in err


def test_validate_warns_about_control_characters_in_content(hostile_pack: Path) -> None:
    code, out, _ = run("validate", str(hostile_pack))
    assert "warning[control-char]" in out and "'label' holds the control character \\x1b" in out
    assert_no_raw_controls(out)
