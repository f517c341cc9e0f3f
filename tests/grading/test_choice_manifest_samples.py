"""Choices, which-tool, manifests, and validate's sample check."""

from __future__ import annotations

from pathlib import Path

import pytest

from gitops_tutor.curriculum.loader import load
from gitops_tutor.curriculum.models import (
    ChoiceQuestion,
    Condition,
    Curriculum,
    ManifestCheck,
    ManifestQuestion,
    Option,
    WhichToolQuestion,
)
from gitops_tutor.grading import grade
from gitops_tutor.grading.choice import ChoiceParseError, parse_choices
from gitops_tutor.grading.samples import check_samples

COMMON = {"lesson": "l", "prompt": "?", "difficulty": 1, "tags": (), "domain": "tooling", "explanation": "",
          "content_hash": "h"}  # fmt: skip


def choice(kind: str, *correct: bool) -> ChoiceQuestion:
    options = tuple(Option(f"option {i}", ok, f"why {i}") for i, ok in enumerate(correct))
    return ChoiceQuestion(id="c", type=kind, options=options, **COMMON)  # type: ignore[arg-type]


def test_single_choice_is_exact_and_explains_every_option() -> None:
    question = choice("single-choice", False, True, False)
    right, wrong = grade(question, [1]), grade(question, [0])
    assert (right.score, right.verdict, right.feedback) == (100, "pass", "Correct.")
    assert (wrong.score, wrong.verdict) == (0, "fail")
    assert wrong.details[0] == "✗ 1. option 0 (picked): why 0"
    assert wrong.details[1] == "✓ 2. option 1 (not picked): why 1"


def test_multi_choice_gives_partial_credit_and_wrong_picks_cost() -> None:
    question = choice("multi-choice", True, True, True, False)
    assert grade(question, [0, 1, 2]).score == 100
    assert (grade(question, [0, 1]).score, grade(question, [0, 1]).verdict) == (67, "partial")
    assert grade(question, [0, 1, 3]).score == 33
    assert grade(question, [0, 1, 2, 3]).verdict == "partial"
    assert grade(question, [3]).score == 0
    assert grade(question, []).flags == ("empty",)


def test_out_of_range_indexes_are_ignored_and_reported() -> None:
    result = grade(choice("single-choice", True, False), [0, 9])
    assert result.verdict == "pass" and "ignored unknown option number(s): 10" in result.details


def test_typed_choices_are_one_based_numbers_or_letters() -> None:
    assert parse_choices("1, 3", 4) == (0, 2)
    assert parse_choices("a C b a", 4) == (0, 2, 1)
    with pytest.raises(ChoiceParseError):
        parse_choices("5", 4)
    with pytest.raises(ChoiceParseError):
        parse_choices("first", 4)
    assert grade(choice("single-choice", True, False), "x1").flags == ("invalid",)


def test_which_tool_is_exact_and_gives_the_why() -> None:
    question = WhichToolQuestion(id="w", type="which-tool", answer="flux", why="It is Flux's CRD.", **COMMON)
    assert grade(question, "Flux").verdict == "pass"
    assert grade(question, "fluxcd").verdict == "pass"
    wrong = grade(question, "argo cd")
    assert wrong.verdict == "fail" and wrong.details == ("The answer is flux: It is Flux's CRD.",)
    assert grade(question, "kubectl").flags == ("invalid",)


def manifest(*checks: ManifestCheck) -> ManifestQuestion:
    return ManifestQuestion(id="m", type="manifest", model_answer="", checks=checks, **COMMON)  # type: ignore[arg-type]


REPLICAS = ManifestCheck(
    "ignore-replicas",
    "ignoreDifferences covers /spec/replicas",
    (
        Condition("spec.ignoreDifferences.*.jsonPointers", contains="/spec/replicas", has_contains=True),
        Condition("spec.ignoreDifferences.*.jqPathExpressions", contains=".spec.replicas", has_contains=True),
    ),
    weight=2,
)
RESPECT = ManifestCheck(
    "respect",
    "RespectIgnoreDifferences=true",
    (Condition("spec.syncPolicy.syncOptions", contains="RespectIgnoreDifferences=true", has_contains=True),),
)
KIND = ManifestCheck("kind", "kind is Application", (Condition("kind", equals="Application", has_equals=True),))


def test_manifest_alternatives_and_weights() -> None:
    question = manifest(REPLICAS, RESPECT)
    jq = "spec:\n  ignoreDifferences:\n  - kind: Deployment\n    jqPathExpressions: [.spec.replicas]\n"
    full = jq + "  syncPolicy:\n    syncOptions: [RespectIgnoreDifferences=true]\n"
    assert grade(question, full).score == 100
    partial = grade(question, jq)
    assert (partial.score, partial.verdict) == (67, "partial")
    assert partial.details == (
        "✓ ignoreDifferences covers /spec/replicas",
        "✗ RespectIgnoreDifferences=true (nothing at spec.syncPolicy.syncOptions)",
    )
    wrong_option = jq + "  syncPolicy:\n    syncOptions: [CreateNamespace=true, Prune=false]\n"
    assert grade(question, wrong_option).details[1] == (
        "✗ RespectIgnoreDifferences=true (found `CreateNamespace=true, Prune=false` at spec.syncPolicy.syncOptions)"
    )
    pointers = "spec:\n  ignoreDifferences:\n  - jsonPointers: [/spec/replicas]\n"
    assert grade(question, pointers).score == 67


def test_manifest_checks_any_document_and_values_loosely() -> None:
    question = manifest(
        KIND, ManifestCheck("prune", "prune on", (Condition("spec.prune", equals=True, has_equals=True),))
    )
    answer = "kind: Namespace\n---\nkind: Application\nspec:\n  prune: 'true'\n"
    assert grade(question, answer).score == 100


def test_manifest_paths_support_wildcards_indexes_and_regex() -> None:
    check = ManifestCheck(
        "img", "pinned image", (Condition("spec.template.spec.containers.0.image", matches=r"@sha256:"),)
    )
    question = manifest(check)
    pinned = "spec:\n  template:\n    spec:\n      containers:\n      - image: web@sha256:abc\n"
    assert grade(question, pinned).verdict == "pass"
    assert grade(question, pinned.replace("@sha256:abc", ":latest")).verdict == "fail"


def test_manifest_parse_error_is_feedback_with_the_line() -> None:
    result = grade(manifest(KIND), "kind: Application\nspec:\n  a: [b\n  c: d\n")
    assert result.verdict == "fail" and result.flags == ("invalid-yaml",)
    assert result.details[0].startswith("YAML error at line 4")


@pytest.mark.parametrize(
    ("answer", "flag"), [("", "empty"), ("just words", "not-a-mapping"), ("- a\n- b\n", "not-a-mapping")]
)
def test_manifest_non_mappings_fail_cleanly(answer: str, flag: str) -> None:
    assert grade(manifest(KIND), answer).flags == (flag,)


def test_manifest_refuses_a_megabyte() -> None:
    assert grade(manifest(KIND), "kind: Application\n" * 60_000).flags == ("too-long",)


def test_check_samples_reports_a_wrong_verdict_at_the_sample_line(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "questions").mkdir(parents=True)
    (pack / "pack.yaml").write_text("kind: pack\nname: t\ntitle: T\n")
    (pack / "questions" / "q.yaml").write_text(
        """kind: questions
questions:
  - id: t-reconcile
    lesson: t-lesson
    type: free-text
    prompt: What does reconcile do?
    difficulty: 1
    tags: []
    domain: principles
    explanation: x
    model_answer: It reconciles the desired state.
    rubric:
      concepts:
        - {id: rec, label: Reconciles, required: true, any: ["reconcil*"]}
        - {id: des, label: Desired state, any: ["desired state", "st*"]}
    samples:
      - verdict: pass
        answer: It reconciles the desired state.
      - verdict: pass
        kind: negated
        answer: It never reconciles.
  - id: t-manifest
    lesson: t-lesson
    type: manifest
    prompt: Write it.
    difficulty: 1
    tags: []
    domain: tooling
    explanation: x
    model_answer: "kind: Deployment"
    checks:
      - {id: kind, label: kind is Application, any: [{path: kind, equals: Application}]}
"""
    )
    curriculum = load((pack,)).curriculum
    problems = [p for p in check_samples(curriculum) if p.path.endswith("q.yaml")]
    codes = {(p.code, p.line) for p in problems}
    assert ("sample-verdict", 19) in codes  # the second sample's line
    message = next(p.message for p in problems if p.code == "sample-verdict")
    assert "expected pass, grader says fail" in message and "negated: rec" in message
    assert ("model-answer", 22) in codes
    assert ("short-prefix", 3) in codes


def test_shipped_content_samples_all_hold(shipped: Curriculum) -> None:
    assert [str(p) for p in check_samples(shipped) if p.severity == "error"] == []
