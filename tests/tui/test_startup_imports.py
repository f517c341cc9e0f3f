"""Start-up imports only what Home's first frame needs: not the grader, not the interview machinery,
not sqlite-utils, not fsrs (issue 15). Each would add milliseconds between the first frame and Home."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from gitops_tutor.progress import ProgressStore
from tests.tui.conftest import fixed_clock

# Runs the real app (shipped content, store on its own thread) and lists sys.modules at the moment
# Home mounts, i.e. everything the start path imported before Home's first paint.
START_PATH = """
import asyncio, json, sys
from pathlib import Path
from gitops_tutor.cli.context import Settings
from gitops_tutor.tui.app import make_app
from gitops_tutor.tui.screens import home

seen = {}
mount = home.HomeScreen.on_mount

def on_mount(self):
    seen.setdefault("modules", sorted(sys.modules))
    mount(self)

home.HomeScreen.on_mount = on_mount

async def main():
    app = make_app(Settings((), Path(sys.argv[1])))
    async with app.run_test(size=(100, 34)) as pilot:
        for _ in range(400):
            if "modules" in seen:
                break
            await pilot.pause(0.05)

asyncio.run(main())
print(json.dumps(seen.get("modules")))
"""

NOT_BEFORE_HOME = (
    "gitops_tutor.grading.grader",
    "gitops_tutor.grading.freetext",
    "gitops_tutor.grading.manifest",
    "gitops_tutor.interview.session",
    "gitops_tutor.interview.report",
    "gitops_tutor.interview.service",
    "gitops_tutor.interview.repository",  # Home's last interview comes from interview.history
    "gitops_tutor.interview.lease",
    "rapidfuzz",
    "sqlite_utils",
    "fsrs",
)


def modules_when_home_mounts(db_path: Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", START_PATH, str(db_path)], capture_output=True, text=True, timeout=120, check=True
    )
    modules = json.loads(result.stdout.strip().splitlines()[-1])
    assert modules, f"Home never mounted: {result.stderr[-2000:]}"
    return list(modules)


def test_the_start_path_to_home_imports_no_grader_interview_machinery_sqlite_utils_or_fsrs(
    db_path: Path,
) -> None:
    ProgressStore.open(db_path, clock=fixed_clock).close()  # an up-to-date file: no migration to apply
    modules = modules_when_home_mounts(db_path)
    assert "gitops_tutor.tui.screens.home" in modules
    loaded = [name for name in NOT_BEFORE_HOME if name in modules]
    assert loaded == []
