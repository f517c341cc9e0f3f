"""Home drawn from figures a forked child read while the app imported Textual (``tui.early``, issue 15)."""

from __future__ import annotations

import gc
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, Static

from gitops_tutor import paths
from gitops_tutor.cli.context import Settings
from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.progress import ProgressStore
from gitops_tutor.progress.errors import StoreError
from gitops_tutor.tui import early, services
from gitops_tutor.tui.app import make_app
from gitops_tutor.tui.early import EarlyHome, read_early_home, start_home_reader
from gitops_tutor.tui.screens.home import HomeScreen
from gitops_tutor.tui.screens.message import MessageScreen
from gitops_tutor.tui.screens.stats import StatsScreen
from tests.tui.conftest import FIXTURES, fixed_clock, ready, seed_progress, settle

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system: the usual start path")


@pytest.fixture
def pack_settings(db_path: Path, pack_curriculum: Curriculum, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The fixture pack alone (no shipped content), on a database with a learner's history and a saved theme."""
    monkeypatch.setattr(paths, "shipped_content_dir", lambda: None)
    seed_progress(db_path, pack_curriculum)
    with ProgressStore.open(db_path, clock=fixed_clock) as store:
        store.set_setting("theme", "textual-light")
        store.set_setting("keymap", {"cram": "x"})
    return Settings((FIXTURES / "good-pack",), db_path)


@needs_fork
def test_the_child_reads_what_the_loader_reads(pack_settings: Settings) -> None:
    reader = start_home_reader(pack_settings, fixed_clock)
    assert reader is not None
    received = reader.receive()
    assert received is not None
    in_process = read_early_home(Settings(pack_settings.content_dirs, pack_settings.db_path), fixed_clock)
    assert received == in_process
    assert received.home.stats.totals.attempts == 2
    assert (received.theme, received.keymap) == ("textual-light", {"cram": "x"})


@needs_fork
def test_a_child_that_fails_leaves_the_usual_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "shipped_content_dir", lambda: None)
    folder = tmp_path / "not-a-database"
    folder.mkdir()
    reader = start_home_reader(Settings((FIXTURES / "good-pack",), folder), fixed_clock)
    assert reader is not None
    assert reader.receive() is None


@needs_fork
def test_the_child_writes_nothing_on_the_terminal(
    pack_settings: Settings, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    def noisy(*_args: Any, **_kwargs: Any) -> Any:
        print("from the child, on stdout")
        os.write(2, b"from the child, on stderr\n")
        raise RuntimeError("and it fails")

    monkeypatch.setattr(services, "load_everything", noisy)
    reader = start_home_reader(pack_settings, fixed_clock)
    assert reader is not None
    assert reader.receive() is None
    out, err = capfd.readouterr()
    assert "from the child" not in out + err


@needs_fork
def test_a_child_that_does_not_answer_in_time_is_given_up(
    pack_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow(*_args: Any) -> Any:
        time.sleep(3)
        raise RuntimeError("too late anyway")

    monkeypatch.setattr(early, "read_early_home", slow)
    reader = start_home_reader(pack_settings, fixed_clock)
    assert reader is not None
    started = time.monotonic()
    assert reader.receive(timeout=0.3) is None
    assert time.monotonic() - started < 2


class GivenReader:
    """Stands in for the child: hands over figures read in this process."""

    def __init__(self, figures: EarlyHome | None) -> None:
        self.figures = figures

    def receive(self) -> EarlyHome | None:
        return self.figures


def gated_load(monkeypatch: pytest.MonkeyPatch, app: Any, seen: list[str], release_after: float = 0.3) -> None:
    """The app's own content load, started only when the test's timer lets it go; records what
    was on screen when it started."""
    load = services.load_everything
    gate = threading.Event()

    def gated(*args: Any, **kwargs: Any) -> Any:
        screen = app.screen
        seen.append(type(screen).__name__ + (" with figures" if getattr(screen, "data", None) else ""))
        threading.Timer(release_after, gate.set).start()
        gate.wait(10)
        return load(*args, **kwargs)

    monkeypatch.setattr("gitops_tutor.tui.app.load_everything", gated)


async def test_home_shows_the_childs_figures_first_and_keys_typed_at_once_reach_their_screen(
    pack_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    figures = read_early_home(Settings(pack_settings.content_dirs, pack_settings.db_path), fixed_clock)
    app = make_app(pack_settings, clock=fixed_clock, seed=7)
    app.home_reader = GivenReader(figures)  # type: ignore[assignment]
    seen: list[str] = []
    gated_load(monkeypatch, app, seen)
    async with app.run_test(size=(100, 34)) as pilot:
        for _ in range(200):
            await pilot.pause(0.01)
            if isinstance(app.screen, HomeScreen) and app.screen.data is not None:
                break
        assert isinstance(app.screen, HomeScreen)
        assert app.services is not None and app.services._loaded is None  # drawn before the content loaded
        assert "Answered: 2" in str(app.screen.query_one("#today", Static).visual)
        assert str(app.screen.query_one("#continue", Button).label).startswith("Continue: ")
        assert app.theme == "textual-light"
        await pilot.press("s")  # at once: the Stats figures wait for the load, the key is not lost
        await settle(pilot)
        await ready_on(pilot, StatsScreen)
        assert isinstance(app.screen, StatsScreen)
        assert seen == ["HomeScreen with figures"]  # the load started after Home was drawn
        assert app.services.curriculum.questions  # this process's own content, loaded after Home
        assert app.startup_error is None


async def ready_on(pilot: Any, screen_class: type) -> None:
    for _ in range(300):
        if isinstance(pilot.app.screen, screen_class):
            return
        await pilot.pause(0.01)


async def test_without_the_childs_figures_start_up_loads_as_before(
    pack_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(pack_settings, clock=fixed_clock, seed=7)
    app.home_reader = GivenReader(None)  # type: ignore[assignment]
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Answered: 2" in str(app.screen.query_one("#today", Static).visual)
        assert app.services is not None and app.services._loaded is not None


async def test_a_store_error_after_the_childs_figures_is_said_as_at_any_start(
    pack_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    figures = read_early_home(Settings(pack_settings.content_dirs, pack_settings.db_path), fixed_clock)

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise StoreError("progress.db: written by a newer version")

    monkeypatch.setattr("gitops_tutor.tui.app.load_everything", broken)
    app = make_app(pack_settings, clock=fixed_clock, seed=7)
    app.home_reader = GivenReader(figures)  # type: ignore[assignment]
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        for _ in range(100):
            if isinstance(app.screen, MessageScreen):
                break
            await pilot.pause(0.01)
        assert isinstance(app.screen, MessageScreen)
        assert app.startup_error == "progress.db: written by a newer version"


async def test_the_content_loaded_after_home_is_frozen_with_the_rest_of_start_up(
    pack_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The collector comes back only once the content is in: frozen before it, the content's objects
    stayed in the oldest generation, for the first full collection to walk (see _resume_collector)."""
    figures = read_early_home(Settings(pack_settings.content_dirs, pack_settings.db_path), fixed_clock)
    app = make_app(pack_settings, clock=fixed_clock, seed=7)
    app.home_reader = GivenReader(figures)  # type: ignore[assignment]
    app.collector_paused = True  # as run_app sets it when the command line paused the collector
    gated_load(monkeypatch, app, [])
    gc.disable()
    try:
        async with app.run_test(size=(100, 34)) as pilot:
            await ready(pilot)
            for _ in range(300):
                if gc.isenabled():
                    break
                await pilot.pause(0.01)
            assert gc.isenabled()
            assert app.services is not None
            question = next(iter(app.services.curriculum.questions.values()))
            assert not any(found is question for found in gc.get_objects())  # frozen: in no generation
    finally:
        gc.unfreeze()
        gc.enable()


@needs_fork
def test_the_child_runs_in_a_session_of_its_own(
    pack_settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Away from the terminal's signals, and from the app's CPU share where sessions share CPU
    (Linux autogroups: in the app's session it made a busy machine's start-up slower)."""
    written = tmp_path / "child-session"

    def report_session(*_args: Any) -> Any:
        written.write_text(str(os.getsid(0)))
        raise RuntimeError("only the session was wanted")

    monkeypatch.setattr(early, "read_early_home", report_session)
    reader = start_home_reader(pack_settings, fixed_clock)
    assert reader is not None
    assert reader.receive() is None
    assert int(written.read_text()) != os.getsid(0)
