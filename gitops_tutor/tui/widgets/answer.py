"""The answer inputs of a question card: a text box or a proper choice widget per type.

Choice options are shown shuffled; each widget maps the learner's pick back to the
content's option indexes, which is what the grader expects.
"""

from __future__ import annotations

import random
import re
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.widgets import Checkbox, OptionList, RadioButton, RadioSet, SelectionList, TextArea
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import Selection

from gitops_tutor.curriculum.models import AnyQuestion, ChoiceQuestion, ManifestQuestion
from gitops_tutor.grading.shape import MAX_ANSWER_CHARS
from gitops_tutor.tui.picking import ShuffledOptions
from gitops_tutor.tui.safe_text import safe_text, sanitize
from gitops_tutor.tui.widgets.keyorder import handle_key_in_order

TOOLS: tuple[tuple[str, str], ...] = (("argo", "Argo CD"), ("flux", "Flux"), ("both", "Both"), ("neither", "Neither"))
TOOL_KEYS: dict[str, int] = {"a": 0, "f": 1, "b": 2, "n": 3}
NUMBER_KEYS: dict[str, int] = {str(number): number - 1 for number in range(1, 10)}

# Colour and cursor codes in pasted terminal output (CSI ... final byte, OSC ... BEL/ST).
_TERMINAL_CODES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def clean_paste(text: str) -> str:
    """Pasted text as the learner meant it: any line ending is a newline, colour codes are dropped.

    Terminals paste line breaks as CR (tmux, xterm, VTE); pasted ``kubectl`` output
    carries colour codes. Other control characters stay visible as escapes.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return sanitize(_TERMINAL_CODES.sub("", text))


class AnswerArea(TextArea):
    """A multi-line answer box that keeps typed keys in order, refuses giant pastes and shows control characters.

    A 1 MB paste would make the text area lay out megabytes on the event loop, so it
    is refused with a message instead; pasted control characters become visible escapes.
    The box's limit is the grader's (QA 2026-11-30: the box took 50,000 characters, the grader
    then failed anything over 20,000 and that fail was recorded): it refuses what would not grade.
    """

    BINDINGS = [
        Binding("ctrl+home", "document_start", "Start of answer", show=False),
        Binding("ctrl+end", "document_end", "End of answer", show=False),
    ]

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.cursor_blink = False

    def action_document_start(self) -> None:
        self.move_cursor((0, 0))

    def action_document_end(self) -> None:
        """ctrl+end, as in every editor: TextArea has no key for the end of the document."""
        self.move_cursor(self.document.end)

    async def _on_key(self, event: events.Key) -> None:
        if self._would_overflow(event):
            await handle_key_in_order(self, event, self._refuse_at_limit)
            return
        if event.key == "escape":
            # Esc belongs to the screen (leave, finish), which asks before a draft is lost;
            # TextArea would move the focus instead, onto the Submit button.
            await handle_key_in_order(self, event, _ignore_key)
            return
        await handle_key_in_order(self, event, super()._on_key)

    def _would_overflow(self, event: events.Key) -> bool:
        """A key that adds a character to an answer already at the limit (with nothing selected to replace)."""
        adds = event.is_printable or event.key in ("enter", "tab")
        return adds and len(self.text) >= MAX_ANSWER_CHARS and self.selection.is_empty and not self.read_only

    async def _refuse_at_limit(self, event: events.Key) -> None:
        event.prevent_default()
        event.stop()
        self.app.notify(
            f"Answers are limited to {MAX_ANSWER_CHARS:,} characters; this one is full.",
            title="Answer too long",
            severity="error",
        )

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
        if result := self._replace_via_keyboard(clean_paste(event.text), *self.selection):
            self.move_cursor(result.end_location)


async def _ignore_key(event: events.Key) -> None:
    """A key the widget leaves to the screen."""


# "▐●▌" and the space after it: where an option's text starts.
_MARK_CELLS = 4
# "12. ": an option's number, so wrapped lines line up with its text, not with the number.
_NUMBER_PREFIX = re.compile(r"\d+\. ")
_MIN_WRAP_CELLS = 12


def wrapped_option(label: Content, width: int) -> list[Content]:
    """An option's text as lines of at most ``width`` cells, broken between words.

    Lines after the first are indented past the option's number ("2. "), so the
    number stands out and the text reads as one block.
    """
    number = _NUMBER_PREFIX.match(label.plain)
    indent = number.end() if number and number.end() < width // 2 else 0
    body = label[indent:].wrap(max(width - indent, _MIN_WRAP_CELLS), overflow="fold") or [Content("")]
    return [label[:indent] + body[0], *(line.pad_left(indent) for line in body[1:])]


class MarkedRadioButton(RadioButton):
    """A radio button whose mark is a dot only when chosen, so the choice shows without colour.

    Its option text wraps onto as many lines as it needs: a quarter of the shipped options
    are longer than an 80-column card, and a cut-off option (sometimes the right one)
    cannot be judged.
    """

    @property
    def _button(self) -> Any:
        self.BUTTON_INNER = "●" if self.value else " "
        return super()._button

    def _label_lines(self, width: int) -> list[Content]:
        return wrapped_option(self.label, width - _MARK_CELLS - 1)  # one cell of padding after the text

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._label_lines(width))

    def render(self) -> Content:
        label_style = self.get_visual_style("toggle--label")
        first, *rest = self._label_lines(self.size.width)
        lines = [Content.assemble(self._button, first.pad(1, 1).stylize_before(label_style))]
        lines += [line.pad_right(1).stylize_before(label_style).pad_left(_MARK_CELLS) for line in rest]
        return Content("\n").join(lines)


class OrderedRadioSet(RadioSet):
    """A radio set that applies keys in the order they came; ``shortcuts`` map keys (1-4, a/f/b/n) to a button.

    ``on_shortcut``, when set, runs after a shortcut or Enter picked a button (a drill
    submits at once, so an answer is one key); without it Enter only picks.
    """

    def __init__(self, *buttons: RadioButton, shortcuts: dict[str, int] | None = None, **kwargs: Any) -> None:
        super().__init__(*buttons, **kwargs)
        self.shortcuts = shortcuts or {}
        self.on_shortcut: Any = None
        self._buttons_in_order = list(buttons)

    @property
    def pressed_index(self) -> int:
        """The pressed button's position, also while the set is being taken down.

        RadioSet looks the button up among its mounted children, which are already gone
        when a screen that is closing (the app quitting mid-interview) reads the answer
        for its last save; the buttons it was built with are still known here.
        """
        pressed = self._pressed_button
        if pressed is None:
            return -1
        if pressed in self._buttons_in_order:
            return self._buttons_in_order.index(pressed)
        return super().pressed_index

    async def _on_key(self, event: events.Key) -> None:
        picked = self.shortcuts.get(event.key)
        if picked is None and event.key == "enter" and self.on_shortcut is not None:
            picked = self._selected
        if picked is not None and self.app.focused is self:
            event.prevent_default()
            event.stop()
            self.pick(picked)
            if self.on_shortcut is not None:
                self.on_shortcut()
            return
        await handle_key_in_order(self, event, super()._on_key)

    def action_toggle_button(self) -> None:
        self.pick(self._selected)

    def pick(self, index: int | None) -> None:
        """Press the button at ``index`` now (None or out of range does nothing).

        RadioSet records the pressed button when the button's Changed message comes
        back, which is after keys already queued (a ctrl+s would find nothing chosen);
        here it is recorded at once, and the message, when it comes, changes nothing.
        """
        buttons = list(self.query(RadioButton))
        if index is None or not 0 <= index < len(buttons):
            return
        button = buttons[index]
        with self.prevent(RadioButton.Changed):
            if self._pressed_button is not None and self._pressed_button is not button:
                self._pressed_button.value = False
        button.value = True
        self._pressed_button = button
        self._selected = index


class OrderedSelectionList(SelectionList[int]):
    """A selection list that applies keys in order, wraps long options and marks chosen options with X.

    SelectionList cuts every option to one line and, when an option does take several
    lines, draws its tick box from the wrong option; here each option wraps between words
    and only its first line carries the box (X when chosen, a blank otherwise).
    """

    DEFAULT_CSS = """
    OrderedSelectionList {
        text-wrap: wrap;
        text-overflow: fold;
    }
    """

    async def _on_key(self, event: events.Key) -> None:
        await handle_key_in_order(self, event, super()._on_key)

    def action_select(self) -> None:
        """Toggle now: the base class posts a message to itself, which lands after keys already queued."""
        self._toggle_highlighted_selection()

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)
        try:
            index, line_offset = self._lines[self.scroll_offset.y + y]
            selection = self.get_option_at_index(index)
        except (IndexError, OptionDoesNotExist):
            return line
        underlying = next(iter(line)).style or self.rich_style
        if line_offset > 0:
            return Strip([Segment(" " * _MARK_CELLS, underlying), *line])
        return Strip([*self._tick_box(index, selection.value, underlying), Segment(" ", underlying), *line])

    def _tick_box(self, index: int, value: int, underlying: Style) -> list[Segment]:
        chosen = value in self._selected
        component = "selection-list--button" + ("-selected" if chosen else "")
        if self.highlighted == index:
            component += "-highlighted"
        box_style = self.get_component_rich_style(component) + Style(meta={"option": index})
        side_style = Style.from_color(box_style.bgcolor, underlying.bgcolor) + Style(meta={"option": index})
        return [
            Segment(Checkbox.BUTTON_LEFT, side_style),
            Segment(Checkbox.BUTTON_INNER if chosen else " ", box_style),
            Segment(Checkbox.BUTTON_RIGHT, side_style),
        ]


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
                buttons = (MarkedRadioButton(safe_text(f"{pos + 1}. ") + label) for pos, label in enumerate(labels))
                return OrderedRadioSet(*buttons, id="answer", shortcuts=NUMBER_KEYS)
            options = (Selection(safe_text(f"{pos + 1}. ") + label, pos) for pos, label in enumerate(labels))
            return OrderedSelectionList(*options, id="answer")
        if question.type == "which-tool":
            buttons = (MarkedRadioButton(Text.assemble((label[0], "underline"), label[1:])) for _, label in TOOLS)
            return OrderedRadioSet(*buttons, id="answer", shortcuts={**TOOL_KEYS, **NUMBER_KEYS})
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

    def has_draft(self) -> bool:
        """Whether the learner has put something in that a careless key would lose."""
        widget = self.widget
        if isinstance(widget, AnswerArea):
            starter = self.question.starter if isinstance(self.question, ManifestQuestion) else ""
            return bool(widget.text.strip()) and widget.text.strip() != sanitize(starter).strip()
        if isinstance(widget, RadioSet):
            return widget.pressed_index >= 0
        if isinstance(widget, SelectionList):
            return bool(widget.selected)
        return False

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
            "single-choice": "Pick one option: its number, or arrows then enter (picks and submits).",
            "multi-choice": "Pick every correct option (arrows, space toggles), then ctrl+s.",
            "which-tool": "Argo CD, Flux, both or neither? Press a, f, b or n (or 1-4) to answer.",
        }
        return Text(hints[self.question.type], style="italic dim")
