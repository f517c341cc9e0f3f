"""The graded result: why an answer scored as it did, in the learner's own words.

Concept evidence arrives as character offsets into the original answer; we style
those ranges in a Rich Text built from the answer (never parsed as markup).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Markdown, Static

from gitops_tutor.curriculum.models import (
    AnyQuestion,
    ChoiceQuestion,
    FreeTextQuestion,
    ManifestQuestion,
    WhichToolQuestion,
)
from gitops_tutor.tui.safe_text import highlighted, safe_text, sanitize
from gitops_tutor.tui.wording import inline_markdown

VERDICT_STYLES = {"pass": "bold green", "partial": "bold yellow", "fail": "bold red"}
HIT_STYLE, NEGATED_STYLE, WRONG_STYLE = "bold green underline", "bold yellow underline", "bold red underline"
RATINGS: tuple[tuple[str, str], ...] = (("again", "1"), ("hard", "2"), ("good", "3"), ("easy", "4"))
SHOWN_ANSWER_CHARS = 5_000
TOOL_NAMES = {"argo": "Argo CD", "flux": "Flux", "both": "Both", "neither": "Neither"}


def score_line(result: Any, feedback: str | None = None, bar: str = "") -> Text:
    """Score and verdict, then the feedback (``feedback`` replaces the grader's, e.g. renumbered options).

    ``bar`` says where this question's verdict lines are: each rubric may set its own, and "60 PASS"
    next to "62 PARTIAL" on another question looked random without it (QA fresh-eyes-4)."""
    style = VERDICT_STYLES.get(result.verdict, "bold")
    line = Text.assemble((f"{result.score}/100 ", style), (result.verdict.upper(), style))
    if bar:
        line.append(f" ({bar})", style="dim")
    feedback = result.feedback if feedback is None else feedback
    if feedback:
        line.append("  ")
        line.append_text(inline_markdown(feedback))  # P2: `code` styled, not shown with its backticks
    return line


def verdict_bar(question: AnyQuestion) -> str:
    """ "pass at 70, partial at 40" for a free-text question (its rubric's lines, else the defaults)."""
    if not isinstance(question, FreeTextQuestion):
        return ""
    from gitops_tutor.grading.result import DEFAULT_PARTIAL, DEFAULT_PASS

    rubric = question.rubric
    pass_at = DEFAULT_PASS if rubric.pass_threshold is None else float(rubric.pass_threshold)
    partial_at = DEFAULT_PARTIAL if rubric.partial_threshold is None else float(rubric.partial_threshold)
    return f"pass at {pass_at:g}, partial at {min(partial_at, pass_at):g}"


def shown_choice_feedback(
    question: ChoiceQuestion, result: Any, shown_order: Sequence[int], picks: list[int]
) -> tuple[str, Text]:
    """The verdict and per-option lines numbered as the options were shown (they are shuffled on screen).

    The grader numbers options in content order; a learner only ever saw the shuffled order.
    ``picks`` are content indexes, as graded.
    """
    picked = set(picks)
    correct = [str(shown + 1) for shown, index in enumerate(shown_order) if question.options[index].correct]
    if result.score == 100:
        feedback = "Correct."
    elif not picked:
        feedback = f"No option picked. Correct: {', '.join(correct)}."
    else:
        feedback = ("Partly right. " if result.verdict != "fail" else "Not quite. ") + f"Correct: {', '.join(correct)}."
    lines = Text()
    for shown, index in enumerate(shown_order):
        option = question.options[index]
        mark, style = ("✓", "green") if option.correct else ("✗", "red")
        lines.append(f"{mark} ", style=style)
        lines.append(f"{shown + 1}. ", style="bold")
        lines.append_text(inline_markdown(option.text))
        lines.append(" (you picked it)" if index in picked else " (not picked)", style="dim")
        lines.append(": ")
        lines.append_text(inline_markdown(option.why))
        lines.append("\n")
    lines.rstrip()
    return feedback, lines


def which_tool_feedback(question: WhichToolQuestion, answer: Any) -> str:
    """'Correct.' or 'Not Flux: the answer is Argo CD.', with tool names instead of their ids."""
    picked = str(answer)
    if picked == question.answer:
        return "Correct."
    if picked not in TOOL_NAMES:
        return "No tool picked."
    return f"Not {TOOL_NAMES[picked]}: the answer is {TOOL_NAMES.get(question.answer, question.answer)}."


def evidence_spans(result: Any) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for concept in result.concepts:
        style = HIT_STYLE if concept.status == "hit" else NEGATED_STYLE
        spans.extend((start, end, style) for start, end in concept.evidence)
    for claim in result.wrong_claims:
        spans.extend((start, end, WRONG_STYLE) for start, end in claim.evidence)
    return spans


def answer_text(answer: str, result: Any) -> Text:
    """The learner's answer with evidence highlighted; a huge answer is cut for display only."""
    if not answer.strip():
        return Text("(no answer)", style="dim italic")
    shown = answer[:SHOWN_ANSWER_CHARS]
    text = highlighted(shown, evidence_spans(result))
    if len(answer) > SHOWN_ANSWER_CHARS:
        text.append(f"\n… ({len(answer) - SHOWN_ANSWER_CHARS:,} more characters not shown)", style="dim")
    return text


def concept_lines(result: Any) -> Text:
    text = Text()
    for concept in result.concepts:
        mark, style = {"hit": ("✓", "green"), "negated": ("≠", "yellow")}.get(concept.status, ("✗", "red"))
        text.append(f"{mark} ", style=style)
        text.append(sanitize(concept.label))
        if concept.status == "negated":
            text.append("  (you said the opposite)", style="yellow")
        elif concept.status == "missed" and concept.required:
            text.append("  (required)", style="red")
        text.append("\n")
    for claim in result.wrong_claims:
        text.append("! ", style="bold red")
        text.append(sanitize(claim.label), style="red")
        text.append("  (a wrong claim)\n", style="red")
    for detail in result.details:
        text.append("• ", style="dim")
        text.append(sanitize(detail) + "\n")
    text.rstrip()
    return text


def model_markdown(question: AnyQuestion) -> str:
    """The model answer (or correct options) and explanation, as Markdown built from sanitized parts."""
    parts: list[str] = []
    if isinstance(question, ManifestQuestion):
        parts.append("**Model answer**\n\n```yaml\n" + sanitize(question.model_answer).rstrip() + "\n```")
    elif isinstance(question, FreeTextQuestion):
        parts.append("**Model answer**\n\n" + sanitize(question.model_answer))
    elif isinstance(question, ChoiceQuestion):
        pass  # the per-option lines already say why each option is right or wrong
    elif isinstance(question, WhichToolQuestion):
        name = TOOL_NAMES.get(question.answer, question.answer)
        parts.append(f"**Answer: {name}**\n\n" + sanitize(question.why))
        if _same_sentence(question.why, question.explanation):
            return "\n\n".join(parts)
    parts.append("**Why**\n\n" + sanitize(question.explanation))
    return "\n\n".join(parts)


def _same_sentence(first: str, second: str) -> bool:
    """Whether two texts say the same (ignoring case, spacing and end punctuation), to avoid repeating it."""

    def norm(text: str) -> str:
        return " ".join(text.lower().split()).rstrip(".!")

    return norm(first) == norm(second) or norm(second) in norm(first)


class ResultView(VerticalScroll):
    """Score, highlighted answer, concepts, model answer, then the rating buttons."""

    def __init__(
        self,
        question: AnyQuestion,
        answer_shown: str,
        result: Any,
        *,
        shown_order: Sequence[int] | None = None,
        picks: Any = None,
    ) -> None:
        super().__init__(id="result")
        self.question = question
        self.answer_shown = answer_shown
        self.result = result
        self.shown_order = shown_order
        self.picks = picks

    def compose(self) -> ComposeResult:
        result, question = self.result, self.question
        feedback: str | None = None
        lines = concept_lines(result)
        if isinstance(question, ChoiceQuestion) and self.shown_order is not None:
            feedback, lines = shown_choice_feedback(question, result, self.shown_order, list(self.picks or []))
        elif isinstance(question, WhichToolQuestion):
            feedback, lines = which_tool_feedback(question, self.picks), Text()
        yield Static(score_line(result, feedback, verdict_bar(question)), id="score")
        yield Static(Text("Your answer", style="bold"), classes="heading")
        shown = (
            TOOL_NAMES.get(self.answer_shown, self.answer_shown) if isinstance(question, WhichToolQuestion) else None
        )
        yield Static(answer_text(shown or self.answer_shown, result), id="your-answer")
        if lines.plain:
            yield Static(Text("What the grader looked for", style="bold"), classes="heading")
            yield Static(lines, id="concepts")
        yield Markdown(model_markdown(self.question), id="model-answer")
        yield Static(
            safe_text("How well did you know it? Pick a rating to save and go on (1-4; the suggestion is marked)."),
            classes="heading",
        )
        with Horizontal(id="ratings"):
            for rating, key in RATINGS:
                suggested = " (suggested)" if rating == result.rating else ""
                yield Button(
                    f"{key} {rating.title()}{suggested}",
                    id=f"rate-{rating}",
                    variant="primary" if rating == result.rating else "default",
                )

    def on_mount(self) -> None:
        self.query_one(f"#rate-{self.result.rating}", Button).focus(scroll_visible=False)
        self.scroll_home(animate=False)

    async def show_claim(self, claimed: str) -> None:
        """The learner's disputed verdict, under the grader's (which stays as it was)."""
        line = Text.assemble(
            ("You claimed ", "bold"),
            (claimed, VERDICT_STYLES.get(claimed, "bold")),
            (" — recorded", "bold"),
            (f"  (graded {self.result.verdict}; both are kept)", "dim"),
        )
        shown = self.query("#claim")
        if shown:
            shown.first(Static).update(line)
        else:
            await self.mount(Static(line, id="claim"), after="#score")

    def mark_suggested(self, rating: str) -> None:
        """Move the "(suggested)" mark and the primary look to ``rating`` (the claim's, after a dispute)."""
        for name, key in RATINGS:
            button = self.query_one(f"#rate-{name}", Button)
            button.label = f"{key} {name.title()}" + (" (suggested)" if name == rating else "")
            button.variant = "primary" if name == rating else "default"
