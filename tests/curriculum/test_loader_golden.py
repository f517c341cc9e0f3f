"""One pack broken in many ways at once: the exact problems, positions and messages.

The loader's speed work (the builder's fast paths, the compiled schema test, the TODO
precheck, dropping trees early) must never change what a contributor is told; this list
was the same before that work (checked against the tree of 2026-11-30 18:10 UTC).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from gitops_tutor.curriculum.loader import load

FILES = {
    "broken-syntax.yaml": "kind: questions\nquestions:\n  - id: [unclosed\n",
    "dupes.yaml": textwrap.dedent("""\
        kind: questions
        questions:
          - id: gold-dup
            lesson: what-is-gitops
            type: which-tool
            prompt: Which tool?
            prompt: Which tool, again?
            difficulty: 1
            tags: []
            domain: tooling
            explanation: Because.
            answer: flux
            why: "TODO: say why \\e[2J"
            options: [a, b]
          - &base
            id: gold-schema
            lesson: what-is-gitops
            type: which-tool
            prompt: "   "
            difficulty: 9
            tags: [x, 3]
            domain: tooling
            explanation: Because.
            answer: maybe
            why: No.
          - <<: *base
            id: gold-merged
            prompt: A merged one.
            difficulty: 2
            answer: argo
          - just a string
        """),
    "lesson.yaml": textwrap.dedent("""\
        kind: lesson
        id: gold-lesson
        title: A lesson
        order: 1
        summary: TODO
        domain: nowhere
        objectives: [Learn]
        body: |
          ## One
          ```yaml
          metadata: {name: x}
          ```
          ```yaml
          a: [b
          ```
        check_questions: [gold-merged, gold-missing]
        """),
    "not-a-map.yaml": "- a\n- b\n",
    "wrong-kind.yaml": "kind: recipe\n",
    "bom-crlf.yaml": "\ufeffkind: questions\r\nquestions: []\r\n",
}

EXPECTED = [
    (
        "bom-crlf.yaml",
        1,
        1,
        "modeline",
        "warning",
        "first line should be '# yaml-language-server: $schema=<path to>/questions.schema.json' so editors check the file",  # noqa: E501
    ),
    ("broken-syntax.yaml", 4, 1, "syntax", "error", "YAML syntax error: did not find expected ',' or ']'"),
    (
        "dupes.yaml",
        1,
        1,
        "modeline",
        "warning",
        "first line should be '# yaml-language-server: $schema=<path to>/questions.schema.json' so editors check the file",  # noqa: E501
    ),
    (
        "dupes.yaml",
        7,
        5,
        "duplicate-key",
        "error",
        "key 'prompt' appears twice (first at line 6); YAML would silently keep only the last one",
    ),
    (
        "dupes.yaml",
        13,
        10,
        "control-char",
        "warning",
        "'why' holds the control character \\x1b (shown escaped, never sent)",
    ),
    ("dupes.yaml", 13, 10, "todo", "error", "'why' still holds a TODO marker"),
    ("dupes.yaml", 14, 15, "type", "error", "question gold-dup.options[1] should be a mapping, not text"),
    ("dupes.yaml", 14, 18, "type", "error", "question gold-dup.options[2] should be a mapping, not text"),
    ("dupes.yaml", 19, 13, "empty", "error", "question gold-schema.prompt is empty"),
    ("dupes.yaml", 20, 17, "range", "error", "question gold-schema.difficulty is 9; the most allowed is 3"),
    ("dupes.yaml", 21, 15, "type", "error", "question gold-merged.tags[2] should be text, not a number"),
    ("dupes.yaml", 21, 15, "type", "error", "question gold-schema.tags[2] should be text, not a number"),
    (
        "dupes.yaml",
        24,
        13,
        "enum",
        "error",
        "question gold-schema.answer is 'maybe'; expected one of: argo, flux, both, neither",
    ),
    ("dupes.yaml", 31, 5, "type", "error", "question 4 should be a mapping, not text"),
    (
        "lesson.yaml",
        1,
        1,
        "example",
        "error",
        "lesson 'gold-lesson', example at body line 3: Kubernetes object lacks apiVersion, kind",
    ),
    (
        "lesson.yaml",
        1,
        1,
        "example",
        "error",
        "lesson 'gold-lesson', example at body line 6: does not parse as YAML (while parsing a flow sequence)",
    ),
    (
        "lesson.yaml",
        1,
        1,
        "modeline",
        "warning",
        "first line should be '# yaml-language-server: $schema=<path to>/lesson.schema.json' so editors check the file",
    ),
    ("lesson.yaml", 1, 1, "unknown-ref", "error", "lesson 'gold-lesson' lists unknown check question 'gold-merged'"),
    ("lesson.yaml", 1, 1, "unknown-ref", "error", "lesson 'gold-lesson' lists unknown check question 'gold-missing'"),
    ("lesson.yaml", 5, 10, "todo", "error", "'summary' still holds a TODO marker"),
    ("not-a-map.yaml", 1, 1, "kind", "error", "a content file must be a mapping with a 'kind' field"),
    (
        "wrong-kind.yaml",
        1,
        7,
        "kind",
        "error",
        "'kind' is 'recipe'; expected one of: lesson, questions, comparison, aliases, domains, pack, misconceptions",
    ),
]


def test_a_pack_broken_in_many_ways_gets_exactly_these_problems(tmp_path: Path) -> None:
    folder = tmp_path / "gold"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
    found = [(Path(p.path).name, p.line, p.column, p.code, p.severity, p.message) for p in load([folder]).problems]
    assert found == EXPECTED
