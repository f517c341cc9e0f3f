"""A small question before something the learner typed is lost, graded or saved.

The first choice is the safe one: it has the focus, and Esc picks it.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static


class ConfirmModal(ModalScreen[str]):
    """Ask ``question``; dismisses with the id of the chosen button (the first one on Esc)."""

    DEFAULT_CSS = """
    ConfirmModal { align: center middle; }
    ConfirmModal > Vertical {
        width: 76; max-width: 100%; height: auto; border: thick $warning; background: $surface; padding: 1 2;
    }
    ConfirmModal #confirm-detail { width: 100%; height: auto; }
    ConfirmModal Horizontal { height: auto; margin-top: 1; }
    ConfirmModal Button { margin-right: 1; }
    """
    BINDINGS = [Binding("escape", "choose_first", "Cancel", id="confirm-cancel")]

    def __init__(self, question: str, detail: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.question, style="bold"), id="confirm-question")
            yield Static(Text(self.detail), id="confirm-detail")
            with Horizontal():
                for index, (choice_id, label) in enumerate(self.choices):
                    yield Button(label, id=f"confirm-{choice_id}", variant="primary" if index == 0 else "default")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def action_choose_first(self) -> None:
        self.dismiss(self.choices[0][0])

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("confirm-") or self.choices[0][0])
