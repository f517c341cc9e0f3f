"""The examples in CONTRIBUTING.md are real: they load, and their samples grade as promised.

A contributor copies these; if the grader or the format changes under them, this fails
before the documentation starts teaching something untrue.
"""

from __future__ import annotations

import re
from pathlib import Path

from gitops_tutor.curriculum.loader import load
from gitops_tutor.grading import Grader
from gitops_tutor.grading.samples import check_samples

DOC = Path(__file__).resolve().parents[2] / "CONTRIBUTING.md"
FIXTURE_LESSON = Path(__file__).resolve().parents[1] / "fixtures" / "good-pack" / "lessons" / "reconcile-basics.yaml"
COMMON = (
    "  - id: {id}\n    lesson: team-reconcile-basics\n    difficulty: 2\n"
    "    tags: []\n    domain: tooling\n    explanation: x.\n"
)
SKIP = ("difficulty", "tags", "domain", "explanation", "lesson:", "- id: flux")


def yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", DOC.read_text(), re.S)


def as_item(block: str, question_id: str) -> str:
    lines = [line for line in block.splitlines() if not line.strip().startswith(SKIP)]
    return COMMON.format(id=question_id) + "\n".join(lines) + "\n"


def build_pack(tmp_path: Path) -> Path:
    blocks = yaml_blocks()
    picks = {
        "doc-free-text": next(b for b in blocks if "type: free-text" in b),
        "doc-manifest": next(b for b in blocks if "type: manifest" in b),
        "doc-choice": next(b for b in blocks if "type: multi-choice" in b),
    }
    pack = tmp_path / "doc-pack"
    (pack / "lessons").mkdir(parents=True)
    (pack / "lessons" / "l.yaml").write_text(FIXTURE_LESSON.read_text())
    text = "kind: questions\nquestions:\n" + "".join(as_item(b, qid) for qid, b in picks.items())
    (pack / "q.yaml").write_text(text)
    return pack


def test_documented_question_examples_load_and_their_samples_hold(tmp_path: Path) -> None:
    result = load([build_pack(tmp_path)], shipped=None)
    errors = [str(p) for p in result.errors if p.code != "unknown-ref"]
    errors += [str(p) for p in check_samples(result.curriculum)]
    assert errors == []
    assert {"doc-free-text", "doc-manifest", "doc-choice"} <= set(result.curriculum.questions)


def test_documented_manifest_check_accepts_the_jq_alternative(tmp_path: Path) -> None:
    result = load([build_pack(tmp_path)], shipped=None)
    question = result.curriculum.questions["doc-manifest"]
    answer = (
        "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: web}\nspec:\n"
        "  project: default\n  ignoreDifferences:\n  - group: apps\n    kind: Deployment\n"
        "    jqPathExpressions: [.spec.replicas]\n"
    )
    assert Grader(result.curriculum.aliases).grade(question, answer).verdict == "pass"
