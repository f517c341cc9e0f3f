"""The study app when saving an answer fails (full disk, read-only file): say so, keep the answer, allow a retry.

The store is handed to the app (so it runs on the test's thread) and its
connection is switched to ``query_only``, which fails the next save exactly as a
read-only file does (the store tests show a full disk takes the same path).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gitops_tutor.cli.context import Settings
from gitops_tutor.curriculum.loader import load
from gitops_tutor.progress import ProgressStore
from gitops_tutor.tui.app import make_app
from gitops_tutor.tui.screens.session import ListSource, SessionScreen
from gitops_tutor.tui.widgets.answer import AnswerArea
from tests.faults.conftest import PACK
from tests.tui.conftest import fixed_clock, ready, settle

QUESTION = "team-what-does-reconcile-do"
ANSWER = "It compares the desired state in Git with the live state and continuously reconciles the difference."


async def graded_session(pilot: Any) -> SessionScreen:
    await pilot.app.run_action("show('practice')")
    await settle(pilot)
    screen = SessionScreen(ListSource([QUESTION]), "practice", "Save failure")
    await pilot.app.push_screen(screen)
    await settle(pilot)
    screen.query_one(AnswerArea).insert(ANSWER)
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert screen.pending is not None
    return screen


def writable(store: ProgressStore, on: bool) -> None:
    store.db.conn.execute(f"PRAGMA query_only = {'OFF' if on else 'ON'}")


async def test_a_failed_save_keeps_the_answer_and_a_retry_saves_it(tmp_path: Path) -> None:
    db = tmp_path / "progress.db"
    curriculum = load([PACK], shipped=None).curriculum
    store = ProgressStore.open(db, clock=fixed_clock, fuzz=False)
    app = make_app(Settings((), db), clock=fixed_clock, curriculum=curriculum, store=store, seed=7)
    try:
        async with app.run_test(size=(100, 34)) as pilot:
            await ready(pilot)
            screen = await graded_session(pilot)
            writable(store, False)
            await pilot.press("3")
            await settle(pilot)
            assert app.is_running and app.screen is screen
            assert screen.pending is not None and screen.pending.answer_text == ANSWER
            assert any("cannot write" in str(n.message) for n in app._notifications)
            writable(store, True)
            await pilot.press("3")
            await settle(pilot)
            assert screen.pending is None
        assert [a.answer for a in store.attempts()] == [ANSWER]
    finally:
        store.close()
