"""Lessons in order with progress marks; enter opens the reader."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from gitops_tutor.curriculum.models import SHIPPED_PACK
from gitops_tutor.tui.queries import LessonRow, lesson_rows
from gitops_tutor.tui.safe_text import sanitize
from gitops_tutor.tui.screens.base import TutorScreen
from gitops_tutor.tui.services import Services
from gitops_tutor.tui.widgets.keybar import KeyBar
from gitops_tutor.tui.widgets.keyorder import hand_keys_back, push_screen_with_keys
from gitops_tutor.tui.widgets.opening_list import OpeningOptionList
from gitops_tutor.tui.wording import inline_markdown

MARK_STYLES = {"✓": "bold green", "◐": "yellow", "·": "dim"}


def lesson_text(row: LessonRow, summary: str) -> Text:
    """Title, pack, progress, then the summary on its own line."""
    text = Text()
    text.append(sanitize(row.title), style="bold")
    if row.pack != SHIPPED_PACK:
        text.append(f"  [{sanitize(row.pack)}]", style="bold magenta")
    text.append(f"   {row.sections_read}/{row.sections_total} sections read", style="dim")
    if row.mastery is not None:
        text.append(f" · mastery {row.mastery}", style="dim")
    text.append("\n")
    text.append_text(inline_markdown(summary, style="italic"))
    return text


def lesson_label(number: int, row: LessonRow, summary: str) -> Table:
    """The mark and number in a column of their own, so wrapped lines keep their indent (R5)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=5, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text.assemble((row.mark, MARK_STYLES[row.mark]), f" {number:>2}."), lesson_text(row, summary))
    return grid


def _rows(services: Services) -> tuple[LessonRow, ...]:
    return lesson_rows(services.store, services.curriculum, services.store.stats(services.curriculum, services.now()))


class LessonsScreen(TutorScreen):
    BINDINGS = [
        Binding("enter", "open", "Read", tooltip="Open the highlighted lesson", id="open-lesson", show=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shown_rows: tuple[LessonRow, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text("Lessons  (✓ done · ◐ started · · not started)", style="bold"), id="lessons-title")
        yield OpeningOptionList(id="lesson-list")
        yield KeyBar()

    async def refresh_data(self) -> None:
        rows = await self.services.db(_rows, self.services)
        option_list = self.query_one("#lesson-list", OptionList)
        if rows == self.shown_rows and option_list.option_count:
            option_list.focus()
            return  # nothing changed since the last visit: keep the list (and its layout) as it is
        self.shown_rows = rows
        lessons = self.services.curriculum.lessons
        highlighted = option_list.highlighted
        option_list.clear_options()
        option_list.add_options(
            Option(lesson_label(n, row, lessons[row.lesson_id].summary), id=row.lesson_id)
            for n, row in enumerate(rows, start=1)
        )
        if not rows:
            option_list.add_option(Option(Text("No lessons are loaded.", style="dim"), disabled=True))
        option_list.highlighted = highlighted if highlighted is not None else 0
        option_list.focus()

    @on(OptionList.OptionSelected, "#lesson-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._open(event.option.id)
        else:
            hand_keys_back(self)  # keys typed after the Enter stay here

    def action_open(self) -> None:
        option_list = self.query_one("#lesson-list", OptionList)
        if option_list.highlighted is not None:
            option = option_list.get_option_at_index(option_list.highlighted)
            if option.id:
                self._open(option.id)

    def _open(self, lesson_id: str) -> None:
        from gitops_tutor.tui.screens.reader import ReaderScreen

        push_screen_with_keys(self.app, ReaderScreen(lesson_id))  # keys typed after the Enter (k ...) are the lesson's
