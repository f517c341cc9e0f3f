"""Pack regexes run in linear time and agree with Python's ``re`` (issue 16, F3).

``matches: "^(a+)+$"`` made ``validate`` hang for minutes; ``re`` backtracks, our Pike VM does not.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from gitops_tutor.cli.main import cli
from gitops_tutor.grading.linear_regex import UnsupportedPattern, compile_linear

SHIPPED_STYLE = [
    r"platform-bases//web\?ref=[0-9a-f]{40}$",
    r"platform-bases//monitoring/?\?(.*&)?ref=v2\.3\.1",
    r"replicas:?\s*5|value:\s*5",
    r"^-[0-9]+$",
    r"^\S+\s+\S+\s+\S+\s+\S+\s+(6|sat|SAT|Sat)$",
    r"^notification\.toolkit\.fluxcd\.io/v1(beta[23])?$",
    r"\{\{-?\s*\.?name\s*-?\}\}",
    r"(?i)prune=false\b",
    r"a{2,5}b[^a-c]?",
    r"(a|ab)(c|bcd)(d*)",
    r"\Bx\w*\Z",
]
TEXT = st.text(alphabet="ab cd5x-_?=&/.{}\nAB", max_size=16)


@pytest.mark.parametrize("pattern", SHIPPED_STYLE)
@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_agrees_with_re_search(pattern: str, text: str) -> None:
    assert compile_linear(pattern).search(text) == (re.search(pattern, text) is not None)


@pytest.mark.parametrize(
    ("pattern", "found"), [(r"^(a+)+$", False), (r"(a|a)*b", False), (r"(a*)*$", True), (r"(.*a){12}", True)]
)
def test_catastrophic_patterns_answer_quickly(pattern: str, found: bool) -> None:
    # re needs minutes or more for the first two on 30+ characters; the VM is linear in the text
    started = time.process_time()
    assert compile_linear(pattern).search("a" * 3000 + "!") is found
    assert time.process_time() - started < 5


@pytest.mark.parametrize("pattern", [r"(a)\1", r"(?=a)b", r"(?<!a)b", r"(?>ab)", r"a++", r"(?m)^a", "a" * 600])
def test_constructs_that_need_backtracking_are_refused(pattern: str) -> None:
    with pytest.raises(UnsupportedPattern):
        compile_linear(pattern)


def test_validate_names_a_refused_pattern_and_does_not_hang(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "good-pack", pack)
    question = """
  - id: team-redos-manifest
    lesson: team-reconcile-basics
    type: manifest
    prompt: Write a ConfigMap.
    difficulty: 1
    tags: [redos]
    domain: tooling
    explanation: A ConfigMap.
    model_answer: |
      apiVersion: v1
      kind: ConfigMap
      data: {a: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!}
    checks:
      - id: data
        label: data
        any:
          - {path: data.a, matches: "^(a+)+$"}
          - {path: data.a, matches: "(a)\\\\1"}
"""
    questions = pack / "questions" / "reconcile-basics.yaml"
    questions.write_text(questions.read_text(encoding="utf-8") + question, encoding="utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["validate", str(pack)])
    assert time.monotonic() - started < 60
    assert "bad-pattern" in result.output and "groupref is not supported" in result.output
