"""The hold behind a key that opens a screen (keyorder.hold_keys_typed_after) always lets go.

The losses themselves only show in a real terminal (tests/tui/test_switch_keys.py); these Pilot
tests guard the other side: when nothing opens after all, or a second screen key follows the
first, the held keys are handed on and no hold stays behind to swallow the keyboard.
"""

from __future__ import annotations

from collections.abc import Callable

from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens.lessons import LessonsScreen
from gitops_tutor.tui.screens.reader import ReaderScreen
from gitops_tutor.tui.widgets import keyorder
from tests.tui.conftest import burst, ready, settle


async def test_weak_spots_with_none_yet_hands_the_keys_typed_after_it_back(
    build_app: Callable[..., GitOpsTutorApp],
) -> None:
    """w finds no weak spots (a new learner): the l typed with it still goes to Lessons."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        burst(app, "w", "l")
        await settle(pilot)
        assert isinstance(app.screen, LessonsScreen)
        assert app not in keyorder._openings


async def test_screen_keys_in_a_row_end_on_the_last_with_nothing_held(
    build_app: Callable[..., GitOpsTutorApp],
) -> None:
    """l, h, l, End, Enter at once: each screen key waits for the screen before it; the lesson opens."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        burst(app, "l", "h", "l", "end", "enter")
        await settle(pilot, 8)
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.lesson_id == "team-reconcile-basics"
        assert app not in keyorder._openings


async def test_a_screen_shown_without_a_key_holds_only_until_it_is_ready(
    build_app: Callable[..., GitOpsTutorApp],
) -> None:
    """The palette's "Go to Lessons" has no key behind it: keys typed meanwhile still reach the list."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await app.action_show("lessons")
        burst(app, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert app not in keyorder._openings
