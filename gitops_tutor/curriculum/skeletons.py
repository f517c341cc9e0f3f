"""Skeleton content files for ``gitops-tutor new``.

A skeleton is valid YAML in the final format with ``TODO`` markers where a person must
write; ``validate`` reports each marker until it is gone, so a half-written question can
never slip into a pack unnoticed.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from gitops_tutor.curriculum.files import MODELINE_PREFIX
from gitops_tutor.curriculum.schema import schema_path

_BODIES = {
    "free-text": """\
    model_answer: TODO the answer a strong candidate gives, in two or three sentences.
    rubric:
      concepts:
        - id: main-idea
          label: TODO what the learner must say, as they will see it
          weight: 2
          required: true
          any: ["TODO phrasing", "TODO another phras*"]
        - id: second-idea
          label: TODO a supporting idea
          any: ["TODO phrasing"]
      wrong_claims:
        - id: classic-mistake
          label: Claims TODO what a wrong answer says (the truth in parentheses)
          penalty: 30
          any: ["TODO wrong phrasing"]
    samples:
      - verdict: pass
        answer: TODO a correct answer in other words than the model answer
      - verdict: partial
        answer: TODO an answer with only part of the ideas
      - verdict: fail
        kind: negated
        answer: TODO the right words used to say the wrong thing
""",
    "single-choice": """\
    options:
      - text: TODO the right option
        correct: true
        why: TODO why it is right
      - text: TODO a plausible wrong option
        correct: false
        why: TODO why it is wrong
      - text: TODO another plausible wrong option
        correct: false
        why: TODO why it is wrong
""",
    "which-tool": """\
    answer: argo
    why: TODO why this tool (argo, flux, both or neither)
""",
    "manifest": """\
    starter: |
      # TODO a snippet to fix, or leave empty to write from scratch
    model_answer: |
      apiVersion: argoproj.io/v1alpha1
      kind: Application
      metadata:
        name: todo-example
    checks:
      - id: first-check
        label: TODO what the answer must contain
        any:
          - {path: kind, equals: Application}
""",
}
_BODIES["multi-choice"] = _BODIES["single-choice"].replace(
    "TODO another plausible wrong option\n        correct: false", "TODO another right option\n        correct: true"
)
QUESTION_TYPES = tuple(_BODIES)


def fresh_id(prefix: str) -> str:
    """A new id unlikely to clash; authors usually rename it to something descriptive."""
    return f"{prefix}-{secrets.token_hex(3)}"


def modeline(kind: str, target: Path) -> str:
    schema = Path(schema_path(kind))
    try:
        relative = os.path.relpath(schema, target.parent.resolve())
    except ValueError:  # another drive on Windows
        relative = str(schema)
    return f"{MODELINE_PREFIX}{Path(relative).as_posix()}\n"


def question_item(question_id: str, lesson: str, qtype: str) -> str:
    return (
        f"  - id: {question_id}\n"
        f"    lesson: {lesson}\n"
        f"    type: {qtype}\n"
        "    prompt: TODO the question, as an interviewer would ask it\n"
        "    difficulty: 2\n"
        "    tags: []\n"
        "    domain: tooling\n"
        "    explanation: TODO why the answer is what it is, for the learner to read afterwards\n" + _BODIES[qtype]
    )


def questions_file(target: Path, item: str) -> str:
    return modeline("questions", target) + "kind: questions\nquestions:\n" + item


def lesson_file(target: Path, lesson_id: str, order: int) -> str:
    return modeline("lesson", target) + (
        "kind: lesson\n"
        f"id: {lesson_id}\n"
        "title: TODO a title\n"
        f"order: {order}\n"
        "summary: TODO one or two sentences on what the learner gets\n"
        "domain: patterns\n"
        "objectives:\n"
        "  - TODO what the learner can do afterwards\n"
        "key_terms:\n"
        "  - term: TODO term\n"
        "    definition: TODO definition\n"
        "body: |\n"
        "  ## TODO first section\n"
        "  TODO the text, in Markdown. Level-2 headings are the sections a learner marks as read.\n"
        "\n"
        "  ## Common mistakes\n"
        "  TODO what people get wrong.\n"
        "check_questions: []\n"
    )
