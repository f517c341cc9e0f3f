"""Stats: mastery per lesson and per CGOA domain as bars, score trend, activity calendar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from gitops_tutor.tui.screens.base import TutorScreen
from gitops_tutor.tui.widgets.charts import bar_rows, calendar, sparkline
from gitops_tutor.tui.wording import plural

if TYPE_CHECKING:
    from gitops_tutor.progress import Mastery, Stats


def mastery_rows(items: tuple[Mastery, ...]) -> Text:
    if not items:
        return Text("nothing to show", style="dim")
    return bar_rows([(m.title, m.mastery if m.seen else None, f"{m.seen}/{m.total} tried") for m in items])


def totals_text(stats: Stats) -> Text:
    t = stats.totals
    text = Text()
    text.append(f"Answered {t.attempts} times", style="bold")
    text.append(f" · {t.questions_seen}/{t.questions_total} questions seen · {t.passes} passes")
    if t.average_score is not None:
        text.append(f" · average {t.average_score}/100")
    text.append(f"\nStreak {plural(stats.streak, 'day')} · {plural(t.study_days, 'study day')}")
    text.append(f" · {plural(t.lessons_completed, 'lesson')} done")
    text.append(f"\nDue now {stats.due_now}", style="bold yellow" if stats.due_now else "bold green")
    if stats.due_later_today:
        text.append(f" · {stats.due_later_today} more later today")
    text.append(f" · {stats.new_available} new available today")
    if stats.leeches:
        text.append(f"\n{len(stats.leeches)} leech(es): questions failed again and again", style="red")
    return text


def trend_text(stats: Stats) -> Text:
    tried = [day for day in stats.trend if day.attempts]
    text = sparkline([day.average_score for day in stats.trend if day.attempts])
    if tried:
        text.append(f"  {tried[0].day} … {tried[-1].day}, latest {tried[-1].average_score}/100", style="dim")
    return text


class StatsScreen(TutorScreen):
    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stats"):
            yield Static("", id="totals")
            yield Static(Text("Mastery per lesson", style="bold"), classes="heading")
            yield Static("", id="lesson-bars")
            yield Static(Text("Mastery per CGOA domain", style="bold"), classes="heading")
            yield Static("", id="domain-bars")
            yield Static(Text("Score trend (average per study day)", style="bold"), classes="heading")
            yield Static("", id="trend")
            yield Static(Text("Activity, last 12 weeks", style="bold"), classes="heading")
            yield Static("", id="calendar")
        yield Footer()

    async def refresh_data(self) -> None:
        services = self.services
        stats = await services.db(services.store.stats, services.curriculum, services.now())
        self.query_one("#totals", Static).update(totals_text(stats))
        self.query_one("#lesson-bars", Static).update(mastery_rows(stats.lessons))
        self.query_one("#domain-bars", Static).update(mastery_rows(stats.domains))
        self.query_one("#trend", Static).update(trend_text(stats))
        self.query_one("#calendar", Static).update(calendar(stats.activity, services.now().date()))
