"""The first frame, shown while content and progress load (the start-up error screen is ``message.py``)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Header, Static

from gitops_tutor.tui.widgets.keybar import KeyBar


class StartScreen(Screen[None]):
    """Kept tiny: it is what the terminal shows while the heavy imports happen in the background."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Middle(), Center():
            yield Static("Loading lessons and progress…", id="loading")
        yield KeyBar()
