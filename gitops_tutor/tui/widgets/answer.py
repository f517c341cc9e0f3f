"""The answer inputs of a question card: a text box or a proper choice widget per type.

Choice options are shown shuffled; each widget maps the learner's pick back to the
content's option indexes, which is what the grader expects.
"""

from __future__ import annotations

import random
from typing import Any

from rich.text import Text
from textual import events
from textual.widgets import RadioButton, RadioSet, SelectionList, TextArea
from textual.widgets.selection_list import Selection

from gitops_tutor.curriculum.models import AnyQuestion, ChoiceQuestion, ManifestQuestion
from gitops_tutor.tui.picking import ShuffledOptions
from gitops_tutor.tui.safe_text import safe_text, sanitize

MAX_ANSWER_CHARS = 50_000
TOOLS: tuple[tuple[str, str], ...] = (("argo", "Argo CD"), ("flux", "Flux"), ("both", "Both"), ("neither", "Neither"))


class AnswerArea(TextArea):
    """A multi-line answer box that refuses giant pastes and shows control characters as text.

    A 1 MB paste would make the text area lay out megabytes on the event loop, so it
    is refused with a message instead; pasted control characters become visible escapes.
    """

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.cursor_blink = False

    async def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()
        event.stop()
        if len(event.text) + len(self.text) > MAX_ANSWER_CHARS:
            self.app.notify(
                f"That paste is {len(event.text):,} characters; answers are limited to {MAX_ANSWER_CHARS:,}. "
                "Nothing was pasted.",
                title="Answer too long",
                severity="error",
            )
            return
        if self.read_only:
            return
        if result := self._replace_via_keyboard(sanitize(event.text), *self.selection):
            self.move_cursor(result.end_location)


class AnswerInput:
    """Builds the input widget for a question and reads the answer back in grader terms."""

    def __init__(self, question: AnyQuestion, rng: random.Random) -> None:
        self.question = question
        self.shuffled: ShuffledOptions | None = None
        if isinstance(question, ChoiceQuestion):
            self.shuffled = ShuffledOptions.for_question(question, rng)
        self.widget = self._build()

    def _build(self) -> Any:
        question = self.question
        if isinstance(question, ChoiceQuestion) and self.shuffled is not None:
            labels = [safe_text(question.options[index].text) for index in self.shuffled.order]
            if question.type == "single-choice":
                return RadioSet(*(RadioButton(label) for label in labels), id="answer")
            return SelectionList[int](*(Selection(label, pos) for pos, label in enumerate(labels)), id="answer")
        if question.type == "which-tool":
            return RadioSet(*(RadioButton(label) for _, label in TOOLS), id="answer")
        starter = question.starter if isinstance(question, ManifestQuestion) else ""
        language = "yaml" if question.type == "manifest" else None
        return AnswerArea(
            sanitize(starter),
            id="answer",
            language=language,
            soft_wrap=True,
            tab_behavior="indent",
            show_line_numbers=question.type == "manifest",
        )

    def answer(self) -> tuple[Any, str] | None:
        """(grader answer, text kept in the attempt log), or None when nothing is chosen yet."""
        widget, question = self.widget, self.question
        if isinstance(widget, AnswerArea):
            return widget.text, widget.text
        if isinstance(widget, RadioSet):
            index = widget.pressed_index
            if index < 0:
                return None
            if question.type == "which-tool":
                return TOOLS[index][0], TOOLS[index][0]
            return self._choice([index])
        if isinstance(widget, SelectionList):
            picked = list(widget.selected)
            return self._choice(picked) if picked else None
        return None

    def _choice(self, displayed: list[int]) -> tuple[list[int], str]:
        assert self.shuffled is not None and isinstance(self.question, ChoiceQuestion)
        indexes = self.shuffled.to_content(displayed)
        return indexes, "; ".join(self.question.options[i].text for i in indexes)

    def describe(self) -> Text:
        hints = {
            "free-text": "Write your answer in your own words.",
            "manifest": "Write or fix the YAML.",
            "single-choice": "Pick one option (arrow keys, then space or enter).",
            "multi-choice": "Pick every correct option (space toggles).",
            "which-tool": "Which tool is this: Argo CD, Flux, both or neither?",
        }
        return Text(hints[self.question.type], style="italic dim")
