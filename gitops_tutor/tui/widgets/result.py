"""The graded result: why an answer scored as it did, in the learner's own words.

Concept evidence arrives as character offsets into the original answer; we style
those ranges in a Rich Text built from the answer (never parsed as markup).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Markdown, Static

from gitops_tutor.curriculum.models import AnyQuestion, ChoiceQuestion, FreeTextQuestion, ManifestQuestion
from gitops_tutor.tui.safe_text import highlighted, safe_text, sanitize

VERDICT_STYLES = {"pass": "bold green", "partial": "bold yellow", "fail": "bold red"}
HIT_STYLE, NEGATED_STYLE, WRONG_STYLE = "bold green underline", "bold yellow underline", "bold red underline"
RATINGS: tuple[tuple[str, str], ...] = (("again", "1"), ("hard", "2"), ("good", "3"), ("easy", "4"))
SHOWN_ANSWER_CHARS = 5_000


def score_line(result: Any) -> Text:
    style = VERDICT_STYLES.get(result.verdict, "bold")
    line = Text.assemble((f"{result.score}/100 ", style), (result.verdict.upper(), style))
    if result.feedback:
        line.append("  ")
        line.append(sanitize(result.feedback))
    return line


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
        pass  # the grader's per-option lines (details) already say why each option is right or wrong
    else:
        answer = getattr(question, "answer", "")
        parts.append(f"**Answer: {answer}**\n\n" + sanitize(getattr(question, "why", "")))
    parts.append("**Why**\n\n" + sanitize(question.explanation))
    return "\n\n".join(parts)


class ResultView(VerticalScroll):
    """Score, highlighted answer, concepts, model answer, then the rating buttons."""

    def __init__(self, question: AnyQuestion, answer_shown: str, result: Any) -> None:
        super().__init__(id="result")
        self.question = question
        self.answer_shown = answer_shown
        self.result = result

    def compose(self) -> ComposeResult:
        result = self.result
        yield Static(score_line(result), id="score")
        yield Static(Text("Your answer", style="bold"), classes="heading")
        yield Static(answer_text(self.answer_shown, result), id="your-answer")
        lines = concept_lines(result)
        if lines.plain:
            yield Static(Text("What the grader looked for", style="bold"), classes="heading")
            yield Static(lines, id="concepts")
        yield Markdown(model_markdown(self.question), id="model-answer")
        yield Static(
            safe_text("How well did you know it? Pick a rating (the suggestion is highlighted) to save and go on."),
            classes="heading",
        )
        with Horizontal(id="ratings"):
            for rating, key in RATINGS:
                yield Button(
                    f"{key} {rating.title()}",
                    id=f"rate-{rating}",
                    variant="primary" if rating == result.rating else "default",
                )

    def on_mount(self) -> None:
        self.query_one(f"#rate-{self.result.rating}", Button).focus(scroll_visible=False)
        self.scroll_home(animate=False)
