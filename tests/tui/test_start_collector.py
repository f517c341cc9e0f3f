"""After start-up the collector runs again, with start-up's objects frozen out of it (issue 15: the first
full collection walked them all, 130-200 ms, during the first screen visits)."""

from __future__ import annotations

import gc
from collections.abc import Callable

from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens.home import HomeScreen
from tests.tui.conftest import ready


async def test_start_up_objects_stay_frozen_once_the_collector_is_back(
    build_app: Callable[..., GitOpsTutorApp],
) -> None:
    app = build_app()
    app.collector_paused = True  # as run_app sets it when the command line paused the collector
    gc.disable()
    try:
        async with app.run_test(size=(100, 34)) as pilot:
            await ready(pilot)
            assert isinstance(app.screen, HomeScreen)
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0
            assert not app.collector_paused
    finally:
        gc.unfreeze()
        gc.enable()
