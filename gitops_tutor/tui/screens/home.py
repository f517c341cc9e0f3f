"""Home: what to do now. Every number on it comes from the store."""

from __future__ import annotations

import importlib

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Header, Static

from gitops_tutor.tui.queries import HomeData, home_data
from gitops_tutor.tui.safe_text import safe_text
from gitops_tutor.tui.screens.base import TutorScreen
from gitops_tutor.tui.widgets.charts import bar_rows, label_width_for
from gitops_tutor.tui.widgets.keybar import KeyBar
from gitops_tutor.tui.widgets.keyorder import push_screen_with_keys

# How a weak spot names its kind on Home, where lessons, exam domains and questions share one line.
SPOT_KINDS = {"lesson": "lesson", "domain": "exam domain", "question": "question"}


class HomeScreen(TutorScreen):
    """On a wide terminal (150 columns or more) the lessons move into a second column."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (150, "-wide")]
    DEFAULT_CSS = """
    HomeScreen #continue {
        max-width: 60%;
    }
    HomeScreen #home-columns {
        height: auto;
        layout: vertical;
    }
    HomeScreen.-wide #home-columns {
        layout: horizontal;
    }
    HomeScreen .home-column {
        height: auto;
    }
    HomeScreen.-wide .home-column {
        width: 1fr;
        padding-right: 2;
    }
    HomeScreen.-wide #home-lessons > .heading {
        margin-top: 0;
    }
    """
    BINDINGS = [
        Binding("enter", "continue_reading", "Continue", tooltip="Continue where you left off", id="continue"),
        Binding("w", "cram", "Weak spots", tooltip="Practise your weakest questions", id="cram"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: HomeData | None = None
        self._lessons_drawn_for: tuple[int, HomeData] | None = None
        self._shown_at_start = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home"), Horizontal(id="home-columns"):
            with Vertical(classes="home-column"):
                yield Static("", id="today")
                with Horizontal(id="home-actions"):
                    yield Button("Review", id="go-review", variant="primary")
                    yield Button("Continue", id="continue")
                    yield Button("Weak spots", id="cram")
                yield Static("", id="weakest")
            with Vertical(classes="home-column", id="home-lessons"):
                yield Static(
                    Text.assemble(("Lessons", "bold"), ("   bar and number: mastery · sections read", "dim")),
                    classes="heading",
                )
                yield Static("", id="lesson-progress")
        yield KeyBar()

    def on_mount(self) -> None:
        """Figures read by start-up's loader go straight into Home's first frame: no empty frame first."""
        data = self.services.take_home_at_start()
        if data is not None:
            self._shown_at_start = True
            self.data = data
            self._show(data)
            self.call_after_refresh(self._import_other_screens)

    async def refresh_data(self) -> None:
        if self._shown_at_start:
            self._shown_at_start = False  # the first resume follows the mount: those figures are current
            return
        data = await self.services.db(home_data, self.services)
        if self.data is None:
            # After Home's first paint: an import thread holds the GIL in turns with the painting.
            self.call_after_refresh(self._import_other_screens)
        if data == self.data:
            return  # nothing changed since the last visit: no re-render, no re-layout
        self.data = data
        self._show(data)

    @work(thread=True, exclusive=True, group="warm-up")
    def _import_other_screens(self) -> None:
        """Import the other screens' modules (and the widgets they use) and the grader while the
        learner reads Home, so the first visit to each, or the first answer, is not also the moment
        its code loads (a few hundred ms); start-up itself imports none of them."""
        from gitops_tutor.tui.app import NAV
        from gitops_tutor.tui.screens.help import EXTRA_SCREENS

        for target in [nav.target for nav in NAV] + [target for _title, target in EXTRA_SCREENS]:
            importlib.import_module(target.split(":")[0])
        importlib.import_module("gitops_tutor.grading.grader")

    def _show(self, data: HomeData) -> None:
        self.query_one("#today", Static).update(self._today_text(data))
        review = self.query_one("#go-review", Button)
        review.label = f"Review {data.due} due" if data.due else "Nothing due"
        self.query_one("#continue", Button).label = self._continue_label(data)
        self.query_one("#weakest", Static).update(self._weakest_text(data))
        self._show_lessons(data)

    def _show_lessons(self, data: HomeData) -> None:
        """Titles as wide as the screen allows (R5): re-drawn on resize, never cut at a fixed width."""
        rows = [
            (row.title, row.mastery, f"{row.mark} {row.sections_read}/{row.sections_total} sections")
            for row in data.lessons
        ]
        if not rows:
            self.query_one("#lesson-progress", Static).update(Text("No lessons loaded.", style="dim"))
            return
        if (self.size.width, data) == self._lessons_drawn_for:
            return
        self._lessons_drawn_for = (self.size.width, data)
        columns = self.size.width - 4
        width = label_width_for(
            [title for title, _value, _suffix in rows],
            columns // 2 - 2 if self.has_class("-wide") else columns,
            suffix=16,
        )
        self.query_one("#lesson-progress", Static).update(bar_rows(rows, label_width=width))

    def on_resize(self) -> None:
        if self.data is not None:
            self._show_lessons(self.data)

    def _today_text(self, data: HomeData) -> Text:
        stats = data.stats
        if stats.totals.attempts == 0 and data.last_position is None:
            return Text.assemble(
                ("Welcome! ", "bold"),
                "No progress yet: start with the first lesson (enter), or press p to practise.\n",
                (f"{data.content_counts[0]} lessons, {data.content_counts[1]} questions ready.", "dim"),
            )
        text = Text()
        text.append(f"Due for review: {data.due}", style="bold yellow" if data.due else "bold green")
        text.append(f"   Streak: {stats.streak} day{'s' if stats.streak != 1 else ''}")
        text.append(f"   Answered: {stats.totals.attempts}")
        if stats.totals.average_score is not None:
            text.append(f"   Average: {stats.totals.average_score}/100")
        text.append("\nLast mock interview: ")
        interview = data.last_interview
        if interview is None:
            text.append("none yet", style="dim")
        else:
            text.append(f"{interview.score}/100 {interview.band} ({interview.when})", style="bold")
        return text

    def _continue_label(self, data: HomeData) -> str:
        """From the figures alone: at start-up they may come before this process has the content."""
        target = data.continue_at
        if target is None:
            return "All lessons done" if data.lessons else "No lessons"
        return f"{target.verb}: {data.continue_title}"

    def _weakest_text(self, data: HomeData) -> Text:
        """Lessons, exam domains and single questions share one line, so each says which it is: a
        lesson title next to "Tooling 50" read as two lessons (QA pass, 2026-11-30)."""
        spots = data.stats.weak_spots[:3]
        text = Text("Weakest topics", style="bold")
        if not spots:
            text.append(": none yet (answer a few questions first)", style="dim")
            return text
        text.append(" (recent score out of 100): ")
        for index, spot in enumerate(spots):
            text.append(", " if index else "")
            text.append_text(safe_text(spot.title))
            if spot.score is not None:
                text.append(f" {spot.score}", style="bold red")
            text.append(f" ({SPOT_KINDS[spot.kind]})", style="dim")
        return text

    @on(Button.Pressed, "#go-review")
    async def _review(self) -> None:
        await self.app.run_action("show('review')")

    @on(Button.Pressed, "#continue")
    def action_continue_reading(self) -> None:
        if self.data is None:
            return
        target = self.data.continue_at
        if target is None:
            self.notify("Every lesson is done: review what is due, or practise your weak spots (w).")
            return
        from gitops_tutor.tui.screens.reader import ReaderScreen

        push_screen_with_keys(self.app, ReaderScreen(target.lesson_id, target.section))  # keys typed after Enter too

    @on(Button.Pressed, "#cram")
    def action_cram(self) -> None:
        self.cram("Weak spots")
