"""Answers as typed text, and what the grader expects for each question type.

An interview keeps every answer as the text the candidate typed, because that is
what is saved while typing and restored after a crash. Choice questions are
answered with option numbers ("1 3" or "1,3", counting from 1, in content order)
and which-tool questions with argo/flux/both/neither or their number. Turning that
text into the grader's input happens in one place, here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gitops_tutor.curriculum.models import AnyQuestion, ChoiceQuestion, WhichToolQuestion

TOOL_CHOICES: tuple[str, ...] = ("argo", "flux", "both", "neither")
TOOL_LABELS: dict[str, str] = {"argo": "Argo CD", "flux": "Flux", "both": "Both", "neither": "Neither"}
_TOOL_WORDS = {"argo cd": "argo", "argocd": "argo", **{name: name for name in TOOL_CHOICES}}

GraderAnswer = str | Sequence[int]


def grader_input(question: AnyQuestion, text: str) -> GraderAnswer:
    """The grader's input for an answer typed as ``text``."""
    if isinstance(question, ChoiceQuestion):
        return choice_indexes(text, len(question.options))
    if isinstance(question, WhichToolQuestion):
        return tool_answer(text)
    return text


def choice_indexes(text: str, option_count: int) -> list[int]:
    """0-based indexes from "1 3", "1,3" or "1;3"; numbers out of range and repeats are dropped."""
    indexes: list[int] = []
    for token in re.findall(r"\d+", text):
        index = int(token) - 1
        if 0 <= index < option_count and index not in indexes:
            indexes.append(index)
    return indexes


def tool_answer(text: str) -> str:
    """argo/flux/both/neither from a word or its number (1-4); unknown text stays as typed."""
    cleaned = text.strip().lower()
    if cleaned.isdigit() and 1 <= int(cleaned) <= len(TOOL_CHOICES):
        return TOOL_CHOICES[int(cleaned) - 1]
    return _TOOL_WORDS.get(cleaned, cleaned)


def answer_for_indexes(indexes: Sequence[int]) -> str:
    """The text form of chosen options, as a screen with checkboxes stores it."""
    return ",".join(str(i + 1) for i in sorted(indexes))


def is_answered(text: str | None) -> bool:
    return bool(text and text.strip())


def option_lines(question: AnyQuestion) -> list[str]:
    """Numbered options for choice and which-tool questions; nothing for typed answers."""
    if isinstance(question, ChoiceQuestion):
        return [f"{i}. {option.text}" for i, option in enumerate(question.options, start=1)]
    if isinstance(question, WhichToolQuestion):
        return [f"{i}. {TOOL_LABELS[name]}" for i, name in enumerate(TOOL_CHOICES, start=1)]
    return []


def answer_hint(question: AnyQuestion) -> str:
    """How to answer this question, in one short line."""
    if isinstance(question, ChoiceQuestion):
        if question.type == "multi-choice":
            return "Choose every correct option: type their numbers, e.g. 1,3."
        return "Choose one option: type its number."
    if isinstance(question, WhichToolQuestion):
        return "Answer argo, flux, both or neither (or 1-4)."
    if question.type == "manifest":
        return "Write the YAML manifest."
    return "Answer in your own words, as you would say it in an interview."


def model_answer(question: AnyQuestion) -> str:
    """What a good answer looks like, shown only in the report."""
    if isinstance(question, ChoiceQuestion):
        right = [f"{i}. {o.text} ({o.why})" for i, o in enumerate(question.options, start=1) if o.correct]
        return "; ".join(right)
    if isinstance(question, WhichToolQuestion):
        return f"{TOOL_LABELS.get(question.answer, question.answer)}: {question.why}"
    return question.model_answer.strip()
