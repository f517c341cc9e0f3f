"""Fixtures for the app tests: a fixed clock, the small fixture pack, a temporary database."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from gitops_tutor.cli.context import Settings
from gitops_tutor.curriculum.loader import load
from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.tui.app import GitOpsTutorApp, make_app
from gitops_tutor.tui.screens.session import ListSource, SessionScreen

FIXTURES = Path(__file__).parent.parent / "fixtures"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def fixed_clock() -> datetime:
    return NOW


@pytest.fixture(autouse=True)
def tui_paths(isolated_paths: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The root fixture already redirects every user path; also keep Textual's animations off."""
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    return isolated_paths


@pytest.fixture(scope="session")
def pack_curriculum() -> Curriculum:
    """Only the fixture pack (no shipped content), so tests stay stable while content grows."""
    result = load([FIXTURES / "good-pack"], shipped=None)
    assert not result.errors, result.errors
    return result.curriculum


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "progress.db"


@pytest.fixture
def settings(db_path: Path) -> Settings:
    return Settings((), db_path)


@pytest.fixture
def build_app(settings: Settings, pack_curriculum: Curriculum) -> Callable[..., GitOpsTutorApp]:
    def build(app_settings: Settings | None = None, **overrides: Any) -> GitOpsTutorApp:
        options: dict[str, Any] = {"clock": fixed_clock, "curriculum": pack_curriculum, "seed": 7}
        options.update(overrides)
        return make_app(app_settings or settings, **options)

    return build


async def settle(pilot: Pilot[Any], rounds: int = 4) -> None:
    """Let background work (loading, grading, saving) and the resulting refreshes finish."""
    for _ in range(rounds):
        await pilot.pause()
        await wait_for_workers(pilot.app)
    await pilot.pause()


async def wait_for_workers(app: Any) -> None:
    """Wait for the app's workers; one cancelled on the way is no failure.

    An exclusive worker (a screen's refresh) is cancelled when a newer one replaces it, and
    Textual's ``wait_for_complete`` raises for it; under load that happens between the list of
    workers being taken and awaited, which made tests fail at random.
    """
    for _ in range(20):
        try:
            await app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            await asyncio.sleep(0)


async def ready(pilot: Pilot[Any]) -> None:
    """Wait until start-up has loaded everything and Home is showing its numbers."""
    app = pilot.app
    for _ in range(200):
        await settle(pilot, 1)
        if getattr(app, "services", None) is not None and app.screen.__class__.__name__ == "HomeScreen":
            break
    await settle(pilot)


def seed_progress(db_path: Path, curriculum: Curriculum) -> None:
    """A learner with some history: two answers a few days ago, one section read, a finished interview."""
    from datetime import timedelta

    from gitops_tutor.grading import Grader
    from gitops_tutor.progress import ProgressStore

    moments = iter([NOW - timedelta(days=3), NOW - timedelta(days=3), NOW - timedelta(days=1), NOW])
    with ProgressStore.open(db_path, clock=lambda: next(moments, NOW), fuzz=False) as store:
        grader = Grader(curriculum.aliases)
        answers: list[tuple[str, Any]] = [
            ("team-what-does-reconcile-do", "It compares the desired state with the live state, only once."),
            ("team-pull-benefit", [1]),
        ]
        for question_id, answer in answers:
            question = curriculum.questions[question_id]
            result = grader.grade(question, answer)
            when = NOW - timedelta(days=3)
            store.record_attempt(question, str(answer), result, mode="practice", started_at=when, ended_at=when)
        store.mark_section_read("team-reconcile-basics", "The loop")
        store.db.execute(
            "INSERT INTO interviews (id, created_at, updated_at, status, score, band) VALUES (?, ?, ?, ?, ?, ?)",
            ["iv1", "2026-03-01T10:00:00+00:00", "2026-03-01T10:30:00+00:00", "finished", 64, "borderline"],
        )
        store.db.conn.commit()


def with_comparison(curriculum: Curriculum) -> Curriculum:
    """The fixture pack plus a small comparison (the pack itself has none)."""
    from dataclasses import replace

    from gitops_tutor.curriculum.models import Comparison, Dimension

    dimensions = (
        Dimension(
            "sync-ui",
            "Web UI",
            "Built-in web UI with an app tree.",
            "No UI of its own; use Weave GitOps.",
            "Teams that debug in a browser prefer Argo CD.",
            "When developers need to see sync state.",
        ),
        Dimension(
            "helm",
            "Helm charts",
            "Renders charts with helm template.",
            "HelmRelease runs real Helm actions.",
            "Helm hooks behave differently.",
            "When charts rely on hooks.",
        ),
        Dimension(
            "tenancy",
            "Multi-tenancy",
            "AppProjects limit repos and clusters.",
            "Service account impersonation per Kustomization.",
            "",
            "Shared clusters.",
        ),
    )
    comparison = Comparison("argo-vs-flux", "Argo CD vs Flux", "How they differ.", dimensions)
    return replace(curriculum, comparison=comparison)


KEY_CHARACTERS = {"space": " ", "enter": "\r", "tab": "\t"}


def burst(app: GitOpsTutorApp, *keys: str, text: str = "") -> None:
    """Post ``text`` (one key per character) then ``keys`` to the app in one go, as a terminal delivers a burst."""
    for character in text:
        app.post_message(events.Key(_character_to_key(character), character))
    for key in keys:
        character = KEY_CHARACTERS.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, character))


async def open_session(pilot: Any, *ids: str, mode: str = "practice", source: Any = None) -> SessionScreen:
    """A practice session over the given question ids, opened from the Practice screen."""
    await pilot.app.run_action("show('practice')")
    await settle(pilot)
    screen = SessionScreen(source or ListSource(list(ids)), mode, "Test session")
    await pilot.app.push_screen(screen)
    await settle(pilot)
    return screen
