"""The lesson-example check: PyYAML's wording for text that is not YAML, never a crash.

``example_problems`` used to build every example with ``yaml.load_all``, which raised a bare
ValueError on a value it could not construct (``released: 2024-13-01``): one such example
in a team pack stopped every ``validate``, ``list`` and app start with an internal error.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from gitops_tutor.curriculum.loader import load
from gitops_tutor.curriculum.validate import code_blocks, example_problems
from gitops_tutor.paths import shipped_content_dir

UNCONSTRUCTIBLE = [
    "released: 2024-13-01",
    "when: !!timestamp 2024-02-30",
    "replicas: !!int three",
    "ratio: !!float x",
]


def _reference(text: str) -> list[str]:
    """The check as it was, for texts PyYAML can construct: the wording must not move."""
    try:
        docs = [d for d in yaml.load_all(text, Loader=yaml.CSafeLoader) if d is not None]
    except yaml.YAMLError as exc:
        return [f"does not parse as YAML ({str(exc).splitlines()[0]})"]
    found = []
    for doc in docs:
        if isinstance(doc, dict) and ("apiVersion" in doc or "kind" in doc or "metadata" in doc):
            missing = [f for f in ("apiVersion", "kind") if f not in doc]
            if missing:
                found.append(f"Kubernetes object lacks {', '.join(missing)}")
    return found


AGREEING = [
    "kind: [unclosed",
    "apiVersion: v1\nmetadata: {name: x}\n",
    "a: 1\n  b: 2\n",
    "apiVersion: v1\nkind: Pod\n---\nmetadata: {}\n---\n",
    "---\n---\nkind: Job\n",
    "base: &b {apiVersion: v1}\nobj:\n  <<: *b\n",
    "<<: {apiVersion: v1, kind: Pod}\nmetadata: {name: x}\n",
    "- apiVersion: v1\n- kind: Pod\n",
    "\"apiVersion\": v1\n'kind': Pod\n",
    "key: 'unterminated\n",
    "*unknown\n",
    "a: &x 1\nb: &x 2\n",
    "\tkind: Pod\n",
    "",
    "# only a comment\n",
    "apiVersion: v1\nkind: Pod\napiVersion: v2\n",
]


@pytest.mark.parametrize("text", UNCONSTRUCTIBLE)
def test_a_value_pyyaml_cannot_construct_is_text_not_a_crash(text: str) -> None:
    with pytest.raises(ValueError):
        _reference(text)  # what the old check did: an exception out of every load
    assert example_problems(f"apiVersion: v1\nkind: ConfigMap\ndata:\n  {text}\n") == []
    assert example_problems(f"metadata: {{name: x}}\ndata:\n  {text}\n") == ["Kubernetes object lacks apiVersion, kind"]


@pytest.mark.parametrize("text", AGREEING)
def test_the_messages_are_the_ones_pyyaml_words(text: str) -> None:
    assert example_problems(text) == _reference(text)


def test_every_shipped_example_reads_as_before() -> None:
    lessons = load([], shipped=shipped_content_dir()).curriculum.lessons.values()
    blocks = [text for lesson in lessons for _o, lang, text in code_blocks(lesson.body) if lang in ("yaml", "yml")]
    assert len(blocks) > 50
    assert [example_problems(t) for t in blocks] == [_reference(t) for t in blocks]


def test_an_alias_bomb_in_an_example_is_reported_at_once() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(6)
    )
    (message,) = example_problems(bomb)
    assert message.startswith("does not parse as YAML (aliases expand to more than")


def test_a_pack_whose_example_holds_a_bad_date_still_loads(tmp_path: Path) -> None:
    (tmp_path / "lesson.yaml").write_text(
        textwrap.dedent("""\
            kind: lesson
            id: dated-lesson
            title: A lesson
            order: 1
            summary: A summary.
            domain: gitops-principles
            objectives: [Learn]
            check_questions: []
            body: |
              ## One
              ```yaml
              apiVersion: v1
              kind: ConfigMap
              metadata: {name: x}
              data:
                released: 2024-13-01
              ```
            """)
    )
    result = load([tmp_path], shipped=shipped_content_dir())
    assert "dated-lesson" in result.curriculum.lessons
    assert not [p for p in result.problems if p.code == "example" and "dated-lesson" in p.message]
