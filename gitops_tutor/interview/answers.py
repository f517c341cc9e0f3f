"""Answers as typed text, and what the grader expects for each question type.

An interview keeps every answer as the text the candidate typed, because that is
what is saved while typing and restored after a crash. Choice questions are
answered with option numbers ("1 3" or "1,3", counting from 1, in content order;
letters "a,c" too) and which-tool questions with argo/flux/both/neither or their
number: the same syntax as ``gitops-tutor grade``, because both use the grader's
parsers. Turning that text into the grader's input happens in one place, here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gitops_tutor.curriculum.models import AnyQuestion, ChoiceQuestion, WhichToolQuestion
from gitops_tutor.grading.choice import ChoiceParseError, parse_choices, parse_tool

TOOL_CHOICES: tuple[str, ...] = ("argo", "flux", "both", "neither")
TOOL_LABELS: dict[str, str] = {"argo": "Argo CD", "flux": "Flux", "both": "Both", "neither": "Neither"}

GraderAnswer = str | Sequence[int]

# CSI (colours, cursor keys), SS3 (cursor keys in application mode) and OSC (window titles, links).
_TERMINAL_CODES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1bO[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def without_terminal_codes(text: str) -> str:
    """``text`` without terminal colour, cursor-key and title sequences.

    Output copied from a coloured terminal (``argocd app get``, ``flux get``) carries them, and so
    does an arrow key pressed in line mode, which has no line editor. Left in, ``\\x1b[33mOutOfSync``
    hides the word from the grader (a full answer scored 86 instead of 100: QA fresh-eyes-6) and the
    report shows the codes as text. The app's paste filter drops the same sequences; other control
    characters are left for ``printable``/``sanitize`` to show.
    """
    return _TERMINAL_CODES.sub("", text) if "\x1b" in text else text


def grader_input(question: AnyQuestion, text: str) -> GraderAnswer:
    """The grader's input for an answer typed as ``text``."""
    if isinstance(question, ChoiceQuestion):
        return choice_indexes(text, len(question.options))
    if isinstance(question, WhichToolQuestion):
        return tool_answer(text)
    return without_terminal_codes(text)


def choice_indexes(text: str, option_count: int) -> list[int]:
    """0-based indexes from "1 3", "1,3", "a,c" (the grader's syntax); unreadable parts are dropped.

    An answer refused by ``answer_problem`` can still reach here when time runs out, so
    this never raises: what can be read counts, the rest is ignored.
    """
    try:
        return list(parse_choices(text, option_count))
    except ValueError:  # ChoiceParseError, or a digit int() cannot read ("²", 5,000 digits)
        pass
    indexes: list[int] = []
    for token in re.findall(r"[0-9]+", text):
        if len(token) > 6:
            continue  # no option has that number, and int() refuses 5,000 digits
        index = int(token) - 1
        if 0 <= index < option_count and index not in indexes:
            indexes.append(index)
    return indexes


def tool_answer(text: str) -> str:
    """argo/flux/both/neither from a word or its number (1-4), as the grader reads it; else the text."""
    return parse_tool(text) or text.strip().lower()


def answer_problem(question: AnyQuestion, text: str) -> str | None:
    """Why a typed answer cannot be read as this question's kind of answer; None when it can.

    The app offers only valid choices (radio buttons, checkboxes); the line mode must say
    at once that "maybe" is not a tool or "7" not an option, instead of grading it 0 later.
    A blank answer is not a problem: it is a skipped question.
    """
    if not is_answered(text):
        return None
    if isinstance(question, WhichToolQuestion):
        if parse_tool(text) is None:
            return f"{text.strip()!r} is not a choice: answer argo, flux, both or neither (or 1-4)."
        return None
    if isinstance(question, ChoiceQuestion):
        return _choice_problem(text, len(question.options), single=question.type == "single-choice")
    return None


def _choice_problem(text: str, option_count: int, *, single: bool) -> str | None:
    if len(text) > 1000:
        return f"That is not a choice: type option numbers from 1 to {option_count}."
    try:
        picks = parse_choices(text, option_count)
    except ChoiceParseError as error:
        return f"{error}; type option numbers from 1 to {option_count}."
    except ValueError:  # a digit int() cannot read ("²", 5,000 digits)
        return f"That is not a choice: type option numbers from 1 to {option_count}."
    if single and len(picks) > 1:
        return f"Choose one option only: type a single number from 1 to {option_count}."
    return None


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
