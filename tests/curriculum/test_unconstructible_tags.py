"""An explicit tag PyYAML cannot construct leaves the value as text, never an exception.

``senior: !!bool maybe`` in a pack raised KeyError out of the reader, and an empty
``!!int`` IndexError: every ``validate``, ``list`` and app start of the pack stopped with an
internal error, and a learner's manifest answer holding one reached the grader the same way.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from gitops_tutor.curriculum.loader import load
from gitops_tutor.curriculum.yamlread import load_untrusted_documents, read_yaml

TAGGED = ["!!bool maybe", "!!bool", "!!int", "!!int +", "!!float", "!!int 0x", "!!float 1:2:x", "!!null x"]


@pytest.mark.parametrize("tagged", TAGGED)
def test_a_tagged_value_pyyaml_cannot_build_is_text(tagged: str) -> None:
    text = tagged.partition(" ")[2]
    expected = None if tagged.startswith("!!null") else text
    assert read_yaml(f"a: {tagged}\n").value == {"a": expected}
    assert load_untrusted_documents(f"spec:\n  replicas: {tagged}\n", source="answer") == [
        {"spec": {"replicas": expected}}
    ]


def test_a_question_with_such_a_value_gets_a_schema_problem_on_its_line(tmp_path: Path) -> None:
    (tmp_path / "questions.yaml").write_text(
        textwrap.dedent("""\
            kind: questions
            questions:
              - id: q-tagged
                lesson: what-is-gitops
                type: which-tool
                prompt: Which tool?
                difficulty: 1
                tags: []
                domain: tooling
                explanation: Because.
                answer: flux
                why: Flux has no UI of its own.
                senior: !!bool maybe
            """)
    )
    problems = [(p.line, p.code, p.message) for p in load([tmp_path]).problems if p.code != "modeline"]
    assert problems == [(13, "type", "question q-tagged.senior should be true or false, not text")]
