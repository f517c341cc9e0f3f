"""One database, several real writers at once: the study app, ``gitops-tutor import``, and another process.

The app runs here (``run_test``) with the store it opens itself, on its own thread,
exactly as in a terminal; the others are separate processes. Nothing may be lost,
nothing may fail, and every save must stay whole.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from gitops_tutor.cli.context import Settings
from gitops_tutor.curriculum.loader import load
from gitops_tutor.progress import ProgressStore
from gitops_tutor.progress.transfer import export_data
from gitops_tutor.tui.app import make_app
from gitops_tutor.tui.screens.session import ListSource, SessionScreen
from gitops_tutor.tui.widgets.answer import AnswerArea
from tests.faults.conftest import GUARD_SECONDS, PACK, REPO, integrity, run_cli
from tests.faults.test_kill import consistency
from tests.progress.helpers import question, result
from tests.tui.conftest import fixed_clock, ready, settle

APP_ANSWERS = 2  # each Pilot answer costs a few seconds on a busy CI machine
IMPORTS = 3
PER_IMPORT = 40
FREE_TEXT = "team-what-does-reconcile-do"


def export_files(tmp_path: Path) -> list[Path]:
    """Histories from other machines, each with its own attempts."""
    files = []
    for n in range(IMPORTS):
        with ProgressStore.open(tmp_path / f"machine{n}.db") as store, store.batch():
            for k in range(PER_IMPORT):
                store.record_attempt(
                    question(f"m{n}-{k % 4}"), f"machine {n} answer {k}", result(f"m{n}", 70), mode="practice"
                )
            data = export_data(store)
        files.append(tmp_path / f"machine{n}.json")
        files[-1].write_text(json.dumps(data), encoding="utf-8")
    return files


def import_all(db: Path, files: list[Path], outcomes: list[subprocess.CompletedProcess[str]]) -> None:
    for path in files:
        outcomes.append(run_cli(db, "import", str(path)))


async def answer_in_the_app(pilot: Any) -> None:
    await pilot.app.run_action("show('practice')")
    await settle(pilot)
    screen = SessionScreen(ListSource([FREE_TEXT] * APP_ANSWERS), "practice", "Concurrent")
    await pilot.app.push_screen(screen)
    await settle(pilot)
    for n in range(APP_ANSWERS):
        screen.query_one(AnswerArea).insert(f"app answer {n}: compares desired and live state, continuously")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.pending is not None
        await pilot.press("3")
        await settle(pilot)
    assert screen.answered == APP_ANSWERS


async def test_the_app_an_import_and_another_writer_at_once_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "progress.db"
    files = export_files(tmp_path)
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.faults.steady_writer", str(db), "steady", str(stop)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    first_writer_id = int(writer.stdout.readline())  # it is writing from here on
    imports: list[subprocess.CompletedProcess[str]] = []
    importer = threading.Thread(target=import_all, args=(db, files, imports))
    importer.start()
    curriculum = load([PACK], shipped=None).curriculum
    app = make_app(Settings((), db), clock=fixed_clock, curriculum=curriculum, seed=3)
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await answer_in_the_app(pilot)
    importer.join(GUARD_SECONDS)
    stop.touch()
    rest, errors = writer.communicate(timeout=GUARD_SECONDS)
    assert writer.returncode == 0, errors

    writer_ids = {first_writer_id, *map(int, rest.split())}
    assert [o.returncode for o in imports] == [0] * IMPORTS, [o.stderr for o in imports]
    assert all(f"Imported {PER_IMPORT} new attempts" in o.stdout for o in imports)
    assert integrity(db) == [("ok",)]
    with ProgressStore.open(db) as store:
        attempts = store.attempts()
    app_ids = {a.id for a in attempts if a.answer.startswith("app answer")}
    assert len(app_ids) == APP_ANSWERS
    assert writer_ids <= {a.id for a in attempts if a.answer.startswith("steady")}
    assert min(writer_ids) < min(app_ids) and max(app_ids) < max(writer_ids), "the writers did not overlap"
    assert len(attempts) == APP_ANSWERS + IMPORTS * PER_IMPORT + len(writer_ids)
    total, reviews, days = consistency(db)
    assert total == len(attempts) and days == total
    assert reviews <= total  # imports replay cards from their own history; direct saves review one each
