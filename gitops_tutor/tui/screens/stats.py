"""Stats: totals, past mock interviews, mastery per lesson and per CGOA domain, score trend, activity.

Every figure comes from one trip to the store's thread (``queries.stats_data``). On a wide
terminal the mastery bars move into a second column instead of leaving half the screen empty.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Static

from gitops_tutor.tui.queries import StatsData, stats_data
from gitops_tutor.tui.safe_text import sanitize
from gitops_tutor.tui.screens.base import TutorScreen
from gitops_tutor.tui.widgets.charts import bar, bar_rows, calendar, label_width_for, sparkline
from gitops_tutor.tui.widgets.keybar import KeyBar
from gitops_tutor.tui.wording import plural

if TYPE_CHECKING:
    from gitops_tutor.interview import PastInterview
    from gitops_tutor.progress import Mastery, Stats

LEECHES_LISTED = 5
BAND_STYLES = {"ready": "bold green", "almost": "bold yellow", "not yet": "bold red"}


def mastery_rows(items: tuple[Mastery, ...], width: int = 100) -> Text:
    if not items:
        return Text("nothing to show", style="dim")
    rows = [(m.title, m.mastery if m.seen else None, f"{m.seen}/{m.total} tried") for m in items]
    label_width = label_width_for([m.title for m in items], width, suffix=14)
    return bar_rows(rows, label_width=label_width)


def totals_text(stats: Stats) -> Text:
    t = stats.totals
    text = Text()
    text.append(f"Answered {plural(t.attempts, 'time')}", style="bold")
    text.append(f" · {t.questions_seen}/{t.questions_total} questions seen · {plural(t.passes, 'pass', 'passes')}")
    if t.average_score is not None:
        text.append(f" · average {t.average_score}/100")
    text.append(f"\nStreak {plural(stats.streak, 'day')} · {plural(t.study_days, 'study day')}")
    text.append(f" · {plural(t.lessons_completed, 'lesson')} done")
    text.append(f"\nDue now {stats.due_now}", style="bold yellow" if stats.due_now else "bold green")
    if stats.due_later_today:
        text.append(f" · {stats.due_later_today} more later today")
    text.append(f" · {stats.new_available} new available today")
    if stats.disputes_open:  # the figures above are the grader's; the learner's claims are counted, not mixed in
        disputed = plural(stats.disputes_open, "answer")
        text.append(f"\nYou disputed {disputed}: scores and mastery here are the grader's", style="dim")
    if stats.leeches:
        leeches = plural(len(stats.leeches), "leech", "leeches")
        text.append(f"\n{leeches}: questions failed again and again", style="red")
        for spot in [spot for spot in stats.weak_spots if spot.kind == "question"][:LEECHES_LISTED]:
            text.append("\n  • ")
            text.append(sanitize(spot.title))
            text.append(f"  ({spot.reason})", style="dim")
    return text


def trend_text(stats: Stats) -> Text:
    """A sparkline of the daily average; with one study day there is no trend yet, so say so (P7)."""
    tried = [day for day in stats.trend if day.attempts]
    if not tried:
        return Text("no answers yet", style="dim")
    if len(tried) == 1:
        day = tried[0]
        return Text.assemble(
            (f"{day.average_score}/100", "bold"),
            (f" on {day.day}, your only study day so far: the trend line starts with the second.", "dim"),
        )
    text = sparkline([day.average_score for day in tried])
    first, latest = tried[0], tried[-1]
    text.append(f"  {first.day} … {latest.day}: {first.average_score} → ", style="dim")
    text.append(f"{latest.average_score}/100", style="bold")
    return text


def interviews_text(interviews: tuple[PastInterview, ...]) -> Text:
    """Past mock interviews, newest first, with a score trend when there are two or more."""
    if not interviews:
        return Text("None yet: press i for a timed mock interview.", style="dim")
    text = Text()
    if len(interviews) > 1:
        text.append_text(sparkline([interview.score for interview in interviews]))
        first, latest = interviews[0].score, interviews[-1].score
        change = latest - first
        text.append(f"  {first} → {latest}/100 ({'+' if change >= 0 else ''}{change}) over ", style="dim")
        text.append(f"{plural(len(interviews), 'interview')}\n", style="dim")
    for interview in reversed(interviews):
        text.append(f"{interview.started_at:%Y-%m-%d}  ")
        text.append(f"{sanitize(interview.preset):<9} ")
        text.append_text(bar(interview.score, 10))
        text.append(f" {interview.score:>3}/100 ", style="bold")
        text.append(f"{sanitize(interview.band):<8}", style=BAND_STYLES.get(interview.band, "bold"))
        text.append(f" {plural(interview.questions, 'question')}\n", style="dim")
    text.rstrip()
    return text


def heading(title: Text, *, opens_column: bool = False) -> Text:
    """A heading inside a column's text, as the heading widgets of old looked (``.heading``: one
    blank line above, at the top of a column too): the end of the line before it unless it opens
    the column, the blank line, the title, and the line break before what it heads."""
    text = Text("\n" if opens_column else "\n\n")
    text.append_text(title)
    text.append("\n")
    return text


class StatsScreen(TutorScreen):
    """Each column is one ``Static`` holding its headings and figures as one text.

    It was eleven (a widget per figure and per heading): on the first visit, styling, laying out and
    rendering each one was most of the switch's CPU, and the figures came in after the screen's first
    layout, so it was laid out and rendered twice. Now the figures are read before the first layout
    (``TutorScreen.refresh_before_first_layout``), and the screen is two texts: first visit 254 / 148
    -> 86 / 85 ms CPU, later visits 40 -> 26 ms (bench/screens.py, headless, two alternating runs)."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (150, "-wide")]
    DEFAULT_CSS = """
    StatsScreen #stats-columns {
        height: auto;
        layout: vertical;
    }
    StatsScreen.-wide #stats-columns {
        layout: horizontal;
    }
    StatsScreen .stats-column {
        height: auto;
    }
    StatsScreen.-wide .stats-column {
        width: 1fr;
        padding-right: 2;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.data: StatsData | None = None
        self._bars_drawn_for: tuple[int, StatsData] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stats"), Horizontal(id="stats-columns"):
            yield Static("", id="stats-figures", classes="stats-column")
            yield Static("", id="stats-mastery", classes="stats-column")
        yield KeyBar()

    async def on_mount(self) -> None:
        self.query_one("#stats", VerticalScroll).focus()  # so the keys scroll it at 80x24
        await self.refresh_before_first_layout()

    async def refresh_data(self) -> None:
        data = await self.services.db(stats_data, self.services)
        if data == self.data:
            return  # nothing changed since the last visit: no re-render, no re-layout
        self._show(data)

    def _show(self, data: StatsData) -> None:
        self.data = data
        stats = data.stats
        figures = totals_text(stats)
        figures.append_text(heading(Text("Mock interviews", style="bold")))
        figures.append_text(interviews_text(data.interviews))
        figures.append_text(heading(Text("Score trend (average per study day)", style="bold")))
        figures.append_text(trend_text(stats))
        figures.append_text(heading(Text("Activity, last 12 weeks", style="bold")))
        figures.append_text(calendar(stats.activity, self.services.now().date()))
        self.query_one("#stats-figures", Static).update(figures)
        self._show_bars()

    def _show_bars(self) -> None:
        """Bars as wide as the column: re-drawn on resize."""
        if self.data is None:
            return
        width = self.size.width - 4
        if self.has_class("-wide"):
            width = width // 2 - 2
        if (width, self.data) == self._bars_drawn_for:
            return
        self._bars_drawn_for = (width, self.data)
        lessons_title = Text.assemble(("Mastery per lesson", "bold"), ("  (unseen questions count 0)", "dim"))
        mastery = heading(lessons_title, opens_column=True)
        mastery.append_text(mastery_rows(self.data.stats.lessons, width))
        mastery.append_text(heading(Text("Mastery per CGOA domain", style="bold")))
        mastery.append_text(mastery_rows(self.data.stats.domains, width))
        self.query_one("#stats-mastery", Static).update(mastery)

    def on_resize(self) -> None:
        self._show_bars()
