"""Review: the spaced-repetition queue until nothing is due, then an offer to cram weak spots."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Header, Static

from gitops_tutor.tui.screens.base import TutorScreen
from gitops_tutor.tui.services import Services
from gitops_tutor.tui.widgets.keybar import KeyBar
from gitops_tutor.tui.widgets.keyorder import hand_keys_on, hold_keys, release_keys, take_if_held


@dataclass(frozen=True)
class QueueSummary:
    due: int
    new: int
    changed: int


def queue_summary(services: Services) -> QueueSummary:
    queue = services.store.review_queue(services.curriculum, services.now())
    new = sum(1 for item in queue if item.is_new)
    return QueueSummary(len(queue) - new, new, sum(1 for item in queue if item.changed))


class ReviewScreen(TutorScreen):
    BINDINGS = [
        Binding("enter", "start", "Start review", tooltip="Answer what is due", id="start-review"),
        Binding("w", "cram", "Cram weak spots", tooltip="Extra practice of your weakest questions", id="review-cram"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summary: QueueSummary | None = None
        self.start_asked = False  # enter pressed before the queue was counted (r then enter, typed fast)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="review"):
            yield Static("", id="queue-summary")
            with Horizontal(id="review-actions"):
                yield Button("Start review", id="start", variant="primary")
                yield Button("Cram weak spots", id="cram")
        yield KeyBar()

    async def refresh_data(self) -> None:
        self.summary = await self.services.db(queue_summary, self.services)
        self.query_one("#queue-summary", Static).update(self._summary_text(self.summary))
        start = self.query_one("#start", Button)
        start.display = bool(self.summary.due or self.summary.new)
        focus = start if start.display else self.query_one("#cram", Button)
        if self.start_asked:
            self.start_asked = False
            self.action_start()
            hand_keys_on(self)
            if self.app.screen is not self:
                return  # the review opened: the held keys are its first card's
        release_keys(self, focus)  # keys held since an early Enter go on (to the review, once it shows)

    def _summary_text(self, summary: QueueSummary) -> Text:
        if not summary.due and not summary.new:
            return Text.assemble(
                ("Nothing is due for review. ", "bold green"),
                "Well done. Come back later, or cram your weak spots now (w).",
            )
        text = Text.assemble((f"{summary.due} due", "bold yellow"), f" for review and {summary.new} new today.")
        if summary.changed:
            text.append(f"\n{summary.changed} of them changed since you last answered.", style="dim")
        return text

    async def _on_key(self, event: events.Key) -> None:
        """Enter on Start opens the review here, in order, rather than once the button's press
        comes back: an answer typed with the Enter goes into the first card, not to screen keys."""
        if take_if_held(self, event):
            return
        if event.key == "enter" and self.focused in (None, self.query_one("#start", Button)):
            event.prevent_default()
            event.stop()
            self.action_start()
            if self.start_asked:
                hold_keys(self)  # until the queue is counted
            else:
                hand_keys_on(self)

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        if self.summary is None:
            self.start_asked = True  # acted on as soon as the queue is counted, never dropped
            return
        if not (self.summary.due or self.summary.new):
            self.notify("Nothing is due for review.")
            return
        from gitops_tutor.tui.screens.session import ReviewSource

        self.start_session(ReviewSource(), "review", "Review")

    @on(Button.Pressed, "#cram")
    def action_cram(self) -> None:
        self.cram("Cram: weak spots")
