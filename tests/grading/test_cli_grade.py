"""``gitops-tutor grade`` as a learner or an author runs it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from gitops_tutor.cli.main import cli


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_readable_output_names_verdict_concepts_and_matched_words() -> None:
    code, out, _ = run("grade", "roll-back-bad-deploy", "--answer", "git revert the bad commit and let Argo CD sync")
    assert code == 0
    assert "roll-back-bad-deploy: PASS" in out
    assert '✓ hit     Revert the bad commit in Git (required)  <- "git revert the bad commit"' in out
    assert "suggested rating" in out


def test_answer_comes_from_stdin_when_not_given() -> None:
    code, out, _ = run("grade", "roll-back-bad-deploy", "--json", stdin="Run kubectl rollout undo.\n")
    data = json.loads(out)
    assert code == 0
    assert data["question"] == "roll-back-bad-deploy"
    assert data["verdict"] == "fail"
    assert [c["id"] for c in data["wrong_claims"]] == ["rollout-undo"]
    assert {"question", "score", "verdict", "concepts", "wrong_claims", "feedback", "rating"} <= set(data)
    assert set(data["concepts"][0]) >= {"id", "label", "status", "evidence"}


def test_unknown_question_is_one_clear_line() -> None:
    code, _, err = run("grade", "no-such-question", "--answer", "x")
    assert code == 1
    assert "unknown question id 'no-such-question'" in err
    assert "Traceback" not in err


def test_choice_answers_take_numbers_or_letters(good_pack: Path) -> None:
    code, out, _ = run("--content", str(good_pack), "grade", "team-pick-flux-objects", "--answer", "a,b")
    assert code == 0 and "PASS" in out
    code, out, _ = run("--content", str(good_pack), "grade", "team-pick-flux-objects", "--answer", "1,3", "--json")
    assert json.loads(out)["verdict"] == "fail"
    code, _, err = run("--content", str(good_pack), "grade", "team-pick-flux-objects", "--answer", "7")
    assert code == 1 and "out of range" in err


def test_which_tool_answer(good_pack: Path) -> None:
    code, out, _ = run("--content", str(good_pack), "grade", "team-which-tool-kustomization", "--answer", "flux")
    assert code == 0 and "PASS" in out and "Kustomization CRD" in out


def test_batch_keeps_order_and_turns_bad_lines_into_error_objects(tmp_path: Path) -> None:
    lines = [
        json.dumps({"question": "what-is-app-of-apps", "answer": "A root Application that bootstraps child apps."}),
        "not json",
        json.dumps({"question": "missing-id", "answer": "x"}),
        "",
        json.dumps({"question": "what-is-app-of-apps", "answer": 42}),
        json.dumps({"question": "what-is-app-of-apps"}),
    ]
    batch = tmp_path / "answers.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run("grade", "--batch", str(batch))
    results = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and "3 of 5 lines could not be graded" in err  # every line answered, then a non-zero exit
    assert [r["line"] for r in results] == [1, 2, 3, 5, 6]
    assert results[0]["verdict"] == "pass"
    assert "not JSON" in results[1]["error"]
    assert results[2] == {"line": 3, "question": "missing-id", "error": "unknown question id"}
    assert "answer must be text" in results[3]["error"]
    assert results[4]["verdict"] == "fail" and results[4]["flags"] == ["empty"]


def test_batch_from_stdin() -> None:
    stdin = json.dumps({"question": "roll-back-bad-deploy", "answer": "git revert, then Flux reconciles"}) + "\n"
    code, out, _ = run("grade", "--batch", "-", stdin=stdin)
    assert code == 0 and json.loads(out)["question"] == "roll-back-bad-deploy"


def test_grade_without_question_or_batch_is_a_usage_error() -> None:
    code, _, err = run("grade", "--answer", "x")
    assert code == 2 and "QUESTION_ID" in err


def test_manifest_answer_from_stdin_and_parse_errors_as_details(good_pack: Path) -> None:
    manifest = "spec:\n  syncPolicy:\n    automated:\n      prune: true\n      selfHeal: true\n"
    code, out, _ = run("--content", str(good_pack), "grade", "team-enable-self-heal", stdin=manifest)
    assert code == 0 and "PASS" in out and "✓ selfHeal is on" in out
    code, out, _ = run("--content", str(good_pack), "grade", "team-enable-self-heal", "--json", stdin="spec: [\n")
    data = json.loads(out)
    assert data["verdict"] == "fail" and data["details"][0].startswith("YAML error at line")
