"""Keys typed while the loading screen shows wait for the first real screen (QA fresh-eyes-4 #4).

The loading screen's key bar advertises "p Practice" for up to two seconds on a first start; a key
pressed then was dropped, because the screens it names were not there yet.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

import gitops_tutor.tui.app as app_module
from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens.practice import PracticeScreen
from gitops_tutor.tui.screens.start import StartScreen
from tests.tui.conftest import settle


def held_loading(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Make start-up's load wait until the returned event is set, as a slow first start does."""
    gate = threading.Event()
    real = app_module.load_everything

    def slow(*args: Any, **kwargs: Any) -> Any:
        gate.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(app_module, "load_everything", slow)
    return gate


async def until_loaded(pilot: Any) -> None:
    for _ in range(200):
        await settle(pilot, 1)
        if pilot.app.services is not None and not isinstance(pilot.app.screen, StartScreen):
            break
    await settle(pilot)


async def test_a_screen_key_typed_while_loading_opens_that_screen(
    build_app: Callable[..., GitOpsTutorApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = held_loading(monkeypatch)
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await pilot.press("p")
        gate.set()
        await until_loaded(pilot)
        assert isinstance(app.screen, PracticeScreen)


async def test_keys_typed_while_loading_arrive_in_order(
    build_app: Callable[..., GitOpsTutorApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "p" then "h": Practice opened and left again, in the order typed, not Home alone."""
    gate = held_loading(monkeypatch)
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        await pilot.press("p", "l")
        gate.set()
        await until_loaded(pilot)
        assert app.current_mode == "lessons"
        assert "practice" in app._screen_stacks  # Practice was opened on the way, by the first key
