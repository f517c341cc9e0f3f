"""Text charts (bars, a trend line, an activity calendar) that fit any terminal width.

Built as Rich Text so they need no extra widgets and render the same in tests.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from rich.text import Text

from gitops_tutor.tui.safe_text import sanitize

BLOCKS = " ▁▂▃▄▅▆▇█"
HEAT = ("·", "░", "▒", "▓", "█")


def bar(value: int | None, width: int = 20) -> Text:
    """``value`` (0-100) as a filled bar; None (never tried) is an empty dotted bar."""
    if value is None:
        return Text("┄" * width, style="dim")
    filled = round(max(0, min(100, value)) * width / 100)
    style = "green" if value >= 70 else "yellow" if value >= 40 else "red"
    return Text.assemble(("█" * filled, style), ("░" * (width - filled), "dim"))


def label_width_for(labels: Sequence[str], width: int, bar: int = 20, suffix: int = 0, least: int = 16) -> int:
    """The label column for ``bar_rows``: the longest label if it fits beside the bar, the number and
    the suffix in ``width`` columns, else whatever room is left (at least ``least``)."""
    longest = max((len(sanitize(label)) for label in labels), default=least)
    room = width - bar - 5 - suffix - 1
    return max(least, min(longest, room))


def bar_rows(rows: Sequence[tuple[str, int | None, str]], label_width: int = 28, width: int = 20) -> Text:
    """One line per (label, value, suffix): label, bar, number."""
    text = Text()
    for label, value, suffix in rows:
        name = sanitize(label)
        name = name if len(name) <= label_width else name[: label_width - 1] + "…"
        text.append(name.ljust(label_width + 1))
        text.append_text(bar(value, width))
        text.append(f" {'--' if value is None else value:>3}", style="bold")
        if suffix:
            text.append(f"  {sanitize(suffix)}", style="dim")
        text.append("\n")
    text.rstrip()
    return text


def sparkline(values: Sequence[int]) -> Text:
    """Scores 0-100 as block characters, one per day."""
    if not values:
        return Text("no answers yet", style="dim")
    chars = "".join(BLOCKS[max(1, round(v * (len(BLOCKS) - 1) / 100))] for v in values)
    return Text(chars, style="cyan")


def calendar(activity: Mapping[str, int], today: date, weeks: int = 12) -> Text:
    """A GitHub-style grid: rows are weekdays, columns are weeks, darker means more answers."""
    start = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    peak = max(activity.values(), default=0)
    text = Text()
    for weekday, name in enumerate(("Mon", "", "Wed", "", "Fri", "", "Sun")):
        text.append(f"{name:<4}", style="dim")
        for week in range(weeks):
            day = start + timedelta(days=7 * week + weekday)
            if day > today:
                text.append("  ")
                continue
            count = activity.get(day.isoformat(), 0)
            level = 0 if count == 0 or peak == 0 else 1 + min(3, (count * 4 - 1) // peak)
            text.append(HEAT[level] + " ", style="green" if level else "dim")
        text.append("\n")
    text.append(f"{'':<4}{HEAT[0]} none  {HEAT[2]} some  {HEAT[4]} most ({peak} on the busiest day)", style="dim")
    return text
