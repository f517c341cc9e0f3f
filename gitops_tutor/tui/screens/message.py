"""The start-up error screen: a problem the learner must fix before studying (e.g. a damaged DB).

Its own module, imported only when start-up fails, so the first frame does not pay for it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from gitops_tutor.tui.safe_text import safe_text


class MessageScreen(Screen[None]):
    """A full-screen explanation of a problem the learner must fix before studying (e.g. a damaged DB).

    The box is a plain Vertical centred by the screen's own alignment: inside Middle/Center the
    Statics had no width to fill and collapsed to nothing (B4). No footer either: the screen keys
    it would list cannot open anything until the problem is fixed.
    """

    DEFAULT_CSS = """
    MessageScreen {
        align: center middle;
    }
    MessageScreen #message-box {
        width: 80%;
        max-width: 100;
        height: auto;
        max-height: 100%;
    }
    MessageScreen #message-box > Static {
        width: 1fr;
        height: auto;
    }
    MessageScreen #message-hint {
        margin-top: 1;
    }
    """
    BINDINGS = [Binding("escape", "app.quit", "Quit", id="message-quit")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="message-box"):
            yield Static(safe_text(self.title_text, "bold"), id="message-title")
            yield Static(safe_text(self.message), id="message-text")
            yield Static("Press q or Esc to quit; nothing was changed.", id="message-hint")
