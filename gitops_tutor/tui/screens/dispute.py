"""The dispute dialog: "the grader said partial (55); what would a fair interviewer say?"

The learner picks the verdict they claim (up/down) and may say why in one line, typed straight
away: the note box has the focus, so every printable key is text and none reaches the card
behind. Enter records, Esc cancels. The dialog only asks; the screen that opened it records the
claim (``progress.disputes``) and shows it beside the grader's verdict, which always stays.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from gitops_tutor.progress.disputes import CLAIMS, MAX_NOTE_CHARS
from gitops_tutor.tui.widgets.keyorder import handle_key_in_order, hold_keys_typed_after, take_if_held
from gitops_tutor.tui.widgets.result import VERDICT_STYLES

CLAIM_MEANINGS = {
    "pass": "pass: a fair interviewer would accept this answer",
    "partial": "partial: on the right track, something important missing",
    "fail": "fail: this answer is wrong, whatever it scored",
}


@dataclass(frozen=True)
class Claim:
    verdict: str
    note: str


class ClaimList(OptionList, can_focus=False):
    """The claims to choose from; never focused, so the note keeps every key typed (up/down move it)."""


def closing_key(widget: Widget, event: events.Key, closers: dict[str, Callable[[], None]]) -> bool:
    """Handle a key of a dialog's focused widget in its own queue, in the order typed; True when used.

    A key behind the one that closes the dialog (Enter, Esc) is often already queued here: it is
    held for the screen behind (``close_with_keys``), never typed into the closed dialog. Enter and
    Esc close it here, not through a binding: a binding runs only once the key has bubbled up to
    the app, after the keys queued behind it have already been handled here as well.
    """
    if take_if_held(widget.screen, event):
        return True
    close = closers.get(event.key)
    if close is None:
        return False
    event.prevent_default()
    event.stop()
    close()
    return True


class ClosesOnKeys:
    """Mixed into a dialog's focused widget (before its Textual class): Enter and Esc close the dialog
    in the order typed (``closing_key``), and every other key the widget binds (End, Down, Home in the
    picker; Left, Backspace in the note) runs in the same queue too (``handle_key_in_order``). A plain
    mixin, not a Widget: as a Widget it would come first in the widget's CSS and component-class chain.

    Left to Textual, a bound key runs only once it has bubbled up to the app, after the keys queued
    behind it: End and Enter typed at once in the report's picker opened the dispute of the first
    answer, not the last (QA fresh-eyes-5)."""

    def __init__(self, closers: dict[str, Callable[[], None]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.closers = closers

    async def _on_key(self, event: events.Key) -> None:
        widget = cast(Widget, self)
        if not closing_key(widget, event, self.closers):
            await handle_key_in_order(widget, event, super()._on_key)  # type: ignore[misc] # the Textual class has one


class NoteInput(ClosesOnKeys, Input):
    """The note box: Enter records and Esc cancels."""


class PickerList(ClosesOnKeys, OptionList):
    """The picker's list: Enter picks and Esc cancels."""


def close_with_keys(dialog: ModalScreen[Any], result: Any) -> None:
    """Dismiss ``dialog`` once; the keys typed after the key that closes it go to what comes next.

    The screen that gets the result hands them on: to the dialog it opens next
    (``push_screen_with_keys``), or back to itself (``hand_keys_back``).
    """
    if dialog.is_current:
        hold_keys_typed_after(dialog.app)
        dialog.dismiss(result)


def claims_against(verdict: str) -> list[str]:
    """Every verdict but the grader's, the more generous first (most disputes say "it deserved more")."""
    return [claim for claim in CLAIMS if claim != verdict]


class DisputeModal(ModalScreen[Claim | None]):
    """Dismisses with the ``Claim`` on Enter (or Record), None on Esc (or Cancel)."""

    DEFAULT_CSS = """
    DisputeModal { align: center middle; }
    DisputeModal > Vertical {
        width: 76; max-width: 100%; height: auto; border: thick $accent; background: $surface; padding: 1 2;
    }
    DisputeModal ClaimList { height: auto; max-height: 5; margin: 1 0; }
    DisputeModal #dispute-note { margin-bottom: 1; }
    DisputeModal #dispute-subject { margin-bottom: 1; }
    DisputeModal Horizontal { height: auto; }
    DisputeModal Button { margin-right: 1; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dispute-cancel"),
        Binding("up", "move(-1)", "Previous claim", show=False, id="dispute-up"),
        Binding("down", "move(1)", "Next claim", show=False, id="dispute-down"),
    ]

    def __init__(self, verdict: str, score: int, earlier: Claim | None = None, subject: str = "") -> None:
        super().__init__()
        self.verdict = verdict
        self.score = score
        self.subject = subject  # which answer, when the dialog opens away from it (the interview report)
        self.claims = claims_against(verdict)
        self.earlier = earlier if earlier is not None and earlier.verdict in self.claims else None

    def compose(self) -> ComposeResult:
        with Vertical():
            if self.subject:
                yield Static(Text(self.subject, style="bold"), id="dispute-subject")
            yield Label(self._question(), id="dispute-question")
            yield ClaimList(*[Option(CLAIM_MEANINGS[claim], id=claim) for claim in self.claims], id="dispute-claims")
            yield NoteInput(
                {
                    "enter": self._record,
                    "escape": self.action_cancel,
                    # in the note's own queue too, so Down then Enter typed in one burst records the claim
                    # moved to (as a screen binding, Down ran after the Enter queued behind it: QA fresh-eyes-4)
                    "up": lambda: self.action_move(-1),
                    "down": lambda: self.action_move(1),
                },
                self.earlier.note if self.earlier else "",
                placeholder="Why? (optional, one line)",
                max_length=MAX_NOTE_CHARS,
                id="dispute-note",
            )
            yield Static(
                Text("↑↓ choose · Enter records it with your answer · Esc cancels", style="dim"), id="dispute-keys"
            )
            with Horizontal():
                yield Button("Record (enter)", id="dispute-record", variant="primary")
                yield Button("Cancel (esc)", id="dispute-cancel-button")

    def _question(self) -> Text:
        style = VERDICT_STYLES.get(self.verdict, "bold")
        return Text.assemble(
            "The grader said ", (f"{self.verdict} ({self.score})", style), ". What would a fair interviewer say?"
        )

    def on_mount(self) -> None:
        claims = self.query_one(ClaimList)
        claims.highlighted = self.claims.index(self.earlier.verdict) if self.earlier else 0
        self.query_one("#dispute-note", Input).focus()

    def action_move(self, step: int) -> None:
        claims = self.query_one(ClaimList)
        current = claims.highlighted or 0
        claims.highlighted = max(0, min(len(self.claims) - 1, current + step))

    def chosen(self) -> Claim:
        highlighted = self.query_one(ClaimList).highlighted or 0
        return Claim(self.claims[highlighted], self.query_one("#dispute-note", Input).value)

    @on(Button.Pressed, "#dispute-record")
    def _record(self) -> None:
        close_with_keys(self, self.chosen())

    @on(Button.Pressed, "#dispute-cancel-button")
    def _cancel_pressed(self) -> None:
        close_with_keys(self, None)

    def action_cancel(self) -> None:
        close_with_keys(self, None)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        """A click picks the claim; recording stays with Enter, so the note can still be written."""
        event.stop()
        self.query_one("#dispute-note", Input).focus()


class AnswerPicker(ModalScreen[int | None]):
    """Which answer of an interview to dispute: dismisses with its position, None on Esc."""

    DEFAULT_CSS = """
    AnswerPicker { align: center middle; }
    AnswerPicker > Vertical {
        width: 90; max-width: 100%; height: auto; max-height: 90%; border: thick $accent; background: $surface;
        padding: 1 2;
    }
    AnswerPicker OptionList { height: auto; max-height: 20; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="picker-cancel")]

    def __init__(self, choices: list[tuple[int, str]]) -> None:
        super().__init__()
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Which answer's verdict do you dispute?", style="bold"))
            yield Static(Text("Enter picks it · Esc cancels", style="dim"))
            options = [Option(label, id=str(position)) for position, label in self.choices]
            yield PickerList({"enter": self._pick_highlighted, "escape": self.action_cancel}, *options, id="picker")

    def on_mount(self) -> None:
        self.query_one("#picker", OptionList).focus()

    def action_cancel(self) -> None:
        close_with_keys(self, None)

    def _pick_highlighted(self) -> None:
        picker = self.query_one("#picker", PickerList)
        if picker.highlighted is not None:
            close_with_keys(self, self.choices[picker.highlighted][0])

    @on(OptionList.OptionSelected, "#picker")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        """A click on an answer."""
        close_with_keys(self, int(event.option.id or 0))
