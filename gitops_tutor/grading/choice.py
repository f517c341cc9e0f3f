"""Choice and which-tool questions: exact answers, partial credit for multi-choice.

Every option's "why" goes into ``details`` so a learner sees why each pick was
right or wrong, not only the score.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from gitops_tutor.curriculum.models import TOOL_ANSWERS, ChoiceQuestion, WhichToolQuestion
from gitops_tutor.grading.result import GradeResult, rating_for, verdict_for

TOOL_NAMES = {
    "argo": "argo",
    "argocd": "argo",
    "argo cd": "argo",
    "flux": "flux",
    "fluxcd": "flux",
    "both": "both",
    "neither": "neither",
    "none": "neither",
    # The options' numbers as every screen lists them (1 Argo CD, 2 Flux, 3 Both, 4 Neither),
    # so `grade --answer 4`, the line-mode interview and the app accept the same answers.
    **{str(number): name for number, name in enumerate(TOOL_ANSWERS, start=1)},
}


class ChoiceParseError(ValueError):
    """An option list the user typed could not be read (the message says why)."""


def parse_choices(text: str, option_count: int) -> tuple[int, ...]:
    """ "1,3", "a c" or "B" (1-based numbers or letters) -> 0-based indexes."""
    picks: list[int] = []
    for part in re.split(r"[\s,;]+", text.strip()):
        if not part:
            continue
        if part.isdigit():
            index = int(part) - 1
        elif len(part) == 1 and part.isalpha():
            index = ord(part.lower()) - ord("a")
        else:
            raise ChoiceParseError(f"cannot read option {part!r}: use numbers (1,3) or letters (a,c)")
        if not 0 <= index < option_count:
            raise ChoiceParseError(f"option {part!r} is out of range (1-{option_count})")
        if index not in picks:
            picks.append(index)
    return tuple(picks)


def parse_tool(text: str) -> str | None:
    return TOOL_NAMES.get(" ".join(text.lower().replace("-", " ").split()))


def grade_choice(question: ChoiceQuestion, picks: Iterable[int]) -> GradeResult:
    chosen = {int(i) for i in picks}
    invalid = sorted(i for i in chosen if not 0 <= i < len(question.options))
    chosen -= set(invalid)
    correct = question.correct_indexes
    details = tuple(_option_line(i, question, chosen) for i in range(len(question.options)))
    if invalid:
        details += (f"ignored unknown option number(s): {', '.join(str(i + 1) for i in invalid)}",)
    if question.type == "single-choice" or len(correct) <= 1:
        score = 100 if chosen == correct else 0
    else:
        right = len(chosen & correct)
        wrong = len(chosen - correct)
        score = max(0, round(100 * (right - wrong) / len(correct)))
    verdict = verdict_for(score)
    if chosen == correct:
        feedback = "Correct."
    elif not chosen:
        feedback = "No option picked. " + _correct_text(question)
    else:
        feedback = ("Partly right. " if verdict != "fail" else "Not quite. ") + _correct_text(question)
    flags = ("empty",) if not chosen else ()
    return GradeResult(question.id, score, verdict, feedback=feedback, rating=rating_for(score, verdict),
                       flags=flags, details=details)  # fmt: skip


def _option_line(index: int, question: ChoiceQuestion, chosen: set[int]) -> str:
    option = question.options[index]
    mark = "✓" if option.correct else "✗"
    picked = "picked" if index in chosen else "not picked"
    return f"{mark} {index + 1}. {option.text} ({picked}): {option.why}"


def _correct_text(question: ChoiceQuestion) -> str:
    numbers = ", ".join(str(i + 1) for i in sorted(question.correct_indexes))
    return f"Correct: {numbers}."


def grade_which_tool(question: WhichToolQuestion, answer: str) -> GradeResult:
    picked = parse_tool(answer) or answer.strip().lower()
    if picked not in TOOL_ANSWERS:
        return GradeResult(question.id, 0, "fail", feedback="Answer with argo, flux, both or neither.",
                           rating="again", flags=("empty",) if not picked else ("invalid",),
                           details=(f"The answer is {question.answer}: {question.why}",))  # fmt: skip
    right = picked == question.answer
    score = 100 if right else 0
    verdict = verdict_for(score)
    feedback = "Correct." if right else f"Not {picked}: the answer is {question.answer}."
    return GradeResult(question.id, score, verdict, feedback=feedback, rating=rating_for(score, verdict),
                       details=(f"The answer is {question.answer}: {question.why}",))  # fmt: skip
