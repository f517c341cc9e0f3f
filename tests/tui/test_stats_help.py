"""Stats (bars, trend, calendar) and Help (generated from the bindings)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.tui.app import NAV, GitOpsTutorApp
from gitops_tutor.tui.screens.help import HelpScreen, bindings_of, screen_classes
from gitops_tutor.tui.screens.stats import StatsScreen
from tests.tui.conftest import ready, seed_progress, settle


def shown(app: GitOpsTutorApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).visual)


def section(app: GitOpsTutorApp, heading: str) -> str:
    """Stats' figures column is one text; its part under ``heading``, up to the next blank line."""
    text = shown(app, "#stats-figures")
    return text.split(f"\n{heading}\n", 1)[1].split("\n\n", 1)[0]


async def test_stats_empty_state(build_app: Callable[..., GitOpsTutorApp]) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)
        assert shown(app, "#stats-figures").startswith("Answered 0 times")
        assert section(app, "Score trend (average per study day)") == "no answers yet"
        assert "┄" in shown(app, "#stats-mastery")  # never-tried lesson: an empty bar, not a zero


async def test_stats_show_bars_trend_and_calendar(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path, pack_curriculum: Curriculum
) -> None:
    seed_progress(db_path, pack_curriculum)
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await settle(pilot)
        totals = shown(app, "#stats-figures").split("\n\n", 1)[0]
        assert totals.startswith("Answered 2 times")
        assert "How our clusters reconcile" in shown(app, "#stats-mastery")
        assert "2/5 tried" in shown(app, "#stats-mastery")
        trend = section(app, "Score trend (average per study day)")
        assert "2026-02-27" in trend and "only study day" in trend  # P7
        assert "Streak 0 days · 1 study day ·" in totals  # P4
        interviews = section(app, "Mock interviews")
        assert "2026-03-01  standard" in interviews and "64/100 borderline" in interviews
        calendar = section(app, "Activity, last 12 weeks")
        assert calendar.startswith("Mon") and "(2 on the busiest day)" in calendar


async def test_help_lists_every_binding(build_app: Callable[..., GitOpsTutorApp]) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(block.visual) for block in app.screen.query(".help-block").results(Static))
        for nav in NAV:
            assert nav.title in text
        for _title, screen_class in screen_classes():
            for binding in bindings_of(screen_class):
                assert binding.description in text, binding
        assert "ctrl+s" in text.lower() or "^s" in text


async def test_command_palette_lists_every_screen_and_screen_action(
    build_app: Callable[..., GitOpsTutorApp],
) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for nav in NAV:
            assert f"Go to {nav.title}" in titles
        assert "Weak spots" in titles and "Toggle dark/light theme" in titles
        await pilot.press("c")
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Which tool?" in titles
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Go to Stats")
        await command.callback()
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)


async def test_home_review_and_stats_agree_on_what_is_due(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path, pack_curriculum: Curriculum
) -> None:
    """B8: Stats counted cards due by midnight, Home and Review cards due now; one definition now."""
    from datetime import timedelta

    from gitops_tutor.progress import ProgressStore
    from gitops_tutor.progress.timeutil import iso
    from tests.tui.conftest import NOW, fixed_clock

    seed_progress(db_path, pack_curriculum)
    with ProgressStore.open(db_path, clock=fixed_clock) as store:  # one card in a 10-minute learning step
        store.db.execute(
            "UPDATE cards SET due = ? WHERE question_id = 'team-pull-benefit'", [iso(NOW + timedelta(minutes=10))]
        )
        store.db.conn.commit()
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        assert "Due for review: 1" in shown(app, "#today")
        await pilot.press("r")
        await settle(pilot)
        assert shown(app, "#queue-summary").startswith("1 due")
        await pilot.press("s")
        await settle(pilot)
        totals = shown(app, "#stats-figures").split("\n\n", 1)[0]
        assert "Due now 1" in totals and "1 more later today" in totals


async def test_stats_list_past_interviews_newest_first_with_a_trend(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    from gitops_tutor.progress import ProgressStore
    from tests.tui.conftest import fixed_clock

    with ProgressStore.open(db_path, clock=fixed_clock) as store:
        for day, score, band, status in (
            (1, 52, "not yet", "finished"),
            (2, 70, "almost", "finished"),
            (3, 99, "ready", "discarded"),
            (4, 81, "ready", "finished"),
        ):
            store.db.execute(
                "INSERT INTO interviews (id, created_at, updated_at, status, score, band, config_json) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    f"iv{day}",
                    f"2026-02-0{day}T10:00:00+00:00",
                    f"2026-02-0{day}T10:30:00+00:00",
                    status,
                    score,
                    band,
                    '{"preset": "quick"}',
                ],
            )
        store.db.conn.commit()
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await settle(pilot)
        lines = section(app, "Mock interviews").splitlines()
        assert "52 → 81/100 (+29) over 3 interviews" in lines[0]
        assert [line[:10] for line in lines[1:]] == ["2026-02-04", "2026-02-02", "2026-02-01"]
        assert "81/100 ready" in lines[1] and "quick" in lines[1]


async def test_stats_scroll_with_the_keyboard_at_80x24(build_app: Callable[..., GitOpsTutorApp]) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        assert app.screen.query_one("#stats").scroll_y > 0


async def test_help_shows_remapped_keys(build_app: Callable[..., GitOpsTutorApp], db_path: Path) -> None:
    from gitops_tutor.progress import ProgressStore
    from tests.tui.conftest import fixed_clock

    with ProgressStore.open(db_path, clock=fixed_clock) as store:
        store.set_setting("keymap", {"show-stats": "x", "check": "ctrl+k,f6"})
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        rows = [
            line.split()
            for block in app.screen.query(".help-block").results(Static)
            for line in str(block.visual).splitlines()
        ]
        assert ["x", "Stats", "Mastery,", "trend", "and", "activity"] in rows
        assert next(row for row in rows if row[1:3] == ["Check", "questions"])[:3] == ["^k/f6", "Check", "questions"]


def test_stats_name_leeches_by_their_question() -> None:
    """P1: a leech is listed by what it asks, not by its id."""
    from gitops_tutor.progress import Leech, Stats, Totals, WeakSpot
    from gitops_tutor.tui.screens.stats import totals_text

    totals = Totals(9, 1, 5, 0, 10, 1, 0)
    spot = WeakSpot("question", "roll-back-bad-deploy", "How do you roll back a bad deploy?", 10, "failed 4 times")
    stats = Stats(totals, 1, 0, 0, 0, (), (), (spot,), (Leech("roll-back-bad-deploy", 4, 10),), (), {})
    text = totals_text(stats).plain
    assert "1 leech: questions failed again and again" in text
    assert "• How do you roll back a bad deploy?  (failed 4 times)" in text
    assert "roll-back-bad-deploy" not in text
