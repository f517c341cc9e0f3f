"""How long switching between the app's screens takes, with a learner's history behind it.

Run by hand from the repository root (the figures are printed, never asserted):

    .venv/bin/python bench/screens.py [--attempts 3000] [--rounds 7] [--tmux] [--size 120x40]
    .venv/bin/python bench/screens.py --write-history PATH [--attempts 600]   (only writes the database)

The database is built first through the store's own API: ``--attempts`` answers over the
shipped questions spread across 60 days, every lesson's sections read, 20 finished mock
interviews. Then three sets of figures, medians of ``--rounds``:

1. the data call behind each screen on the store's thread (what ``refresh_data`` waits for);
2. in-process, headless (no terminal): from the screen key to the screen on top with its
   refresh done and one frame composed; first visit (screen built) and later visits;
3. with ``--tmux``, in a real terminal through ``../shared/tools/tui_probe.py``: from the key
   to the screen's own text showing (this includes drawing, which headless skips).

Aim (issue 15): a screen switch under 100 ms; Stats used to be the slowest (0.7 s).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gitops_tutor import paths  # noqa: E402
from gitops_tutor.cli.context import Settings  # noqa: E402
from gitops_tutor.curriculum.loader import load  # noqa: E402
from gitops_tutor.curriculum.models import Curriculum, Verdict  # noqa: E402
from gitops_tutor.grading import GradeResult  # noqa: E402
from gitops_tutor.grading.result import Rating  # noqa: E402
from gitops_tutor.progress import ProgressStore  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT.parent / "shared" / "tools" / "tui_probe.py"
START = datetime(2026, 9, 1, 8, 0, tzinfo=timezone.utc)
DAYS = 60
# (key, screen class, text that shows once the screen has its numbers)
SCREENS = [
    ("s", "StatsScreen", r"Due now \d"),
    ("l", "LessonsScreen", r"Lessons  \(✓ done"),
    ("c", "CompareScreen", r"Dimension +Argo CD"),
    # Argo vs Flux opens with typing in its filter, so a letter typed there filters: leave it with F1.
    ("f1", "HelpScreen", r"Everywhere"),
    ("r", "ReviewScreen", r"due for review|Nothing is due"),
    ("p", "PracticeScreen", r"Practise: choose"),
    ("h", "HomeScreen", r"Due for review: \d"),
]


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def build_history(db_path: Path, curriculum: Curriculum, attempts: int) -> datetime:
    """A learner two months in; returns the moment the history ends (the app's 'now')."""
    clock = Clock(START)
    rng = random.Random(5)
    questions = list(curriculum.questions.values())
    step = timedelta(seconds=DAYS * 86400 / max(1, attempts))
    with ProgressStore.open(db_path, clock=clock, fuzz=False) as store, store.batch():
        for n in range(attempts):
            question = questions[n % len(questions)] if n < len(questions) else rng.choice(questions)
            score = rng.choice((20, 45, 60, 75, 90, 100))
            verdict: Verdict = "pass" if score >= 70 else "partial" if score >= 40 else "fail"
            rating: Rating = "good" if score >= 85 else "hard" if score >= 60 else "again"
            result = GradeResult(question.id, score, verdict, rating=rating, feedback="synthetic")
            store.record_attempt(question, f"answer {n}", result, mode="practice")
            clock.now += step
        for lesson in curriculum.lessons_in_order():
            for section in lesson.sections():
                store.mark_section_read(lesson.id, section)
        for n in range(20):
            at = (START + timedelta(days=3 * n)).isoformat()
            store.db.conn.execute(
                "INSERT INTO interviews (id, created_at, updated_at, status, config_json, score, band) "
                "VALUES (?, ?, ?, 'finished', '{\"preset\": \"standard\"}', ?, 'almost')",
                [f"bench-{n}", at, at, 40 + n * 2],
            )
    return clock.now


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples):6.1f} ms" if samples else "     -   "


def data_calls(db_path: Path, curriculum: Curriculum, now: datetime, rounds: int) -> None:
    from gitops_tutor.tui.queries import home_data, stats_data
    from gitops_tutor.tui.screens.lessons import _rows as lesson_rows
    from gitops_tutor.tui.screens.review import queue_summary
    from gitops_tutor.tui.services import Background, Services

    with ProgressStore.open(db_path, clock=lambda: now) as store:
        services = Services(curriculum, store, lambda: now, Background(inline=True))
        calls: dict[str, Callable[[Any], object]] = {
            "Home (home_data)": home_data,
            "Stats (stats_data)": stats_data,
            "Lessons (lesson rows)": lesson_rows,
            "Review (queue_summary)": queue_summary,
        }
        print("1. data call per screen, on the store's thread (median wall / CPU):")
        for name, call in calls.items():
            wall, cpu = [], []
            for _ in range(rounds):
                started, started_cpu = time.perf_counter(), time.process_time()
                call(services)
                wall.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            print(f"   {name:<24} {median_ms(wall)} wall  {median_ms(cpu)} CPU")


async def headless_switches(db_path: Path, curriculum: Curriculum, now: datetime, rounds: int, size: str) -> None:
    from gitops_tutor.tui.app import make_app

    width, height = (int(part) for part in size.split("x"))
    app = make_app(Settings((), db_path), clock=lambda: now, curriculum=curriculum, seed=1)
    app.collector_paused = True  # the collector as the command line runs it (cli.app.start_app), not as pytest's
    gc.disable()
    first: dict[str, float] = {}
    first_cpu: dict[str, float] = {}
    later: dict[str, list[float]] = {name: [] for _key, name, _text in SCREENS}
    later_cpu: dict[str, list[float]] = {name: [] for _key, name, _text in SCREENS}
    async with app.run_test(size=(width, height)) as pilot:
        for _ in range(2000):
            await pilot.pause(0.01)
            if app.screen.__class__.__name__ == "HomeScreen":
                break
        await warmed_up(app, pilot)
        for round_number in range(rounds + 1):
            for key, name, _text in SCREENS:
                started, started_cpu = time.perf_counter(), time.process_time()
                await pilot.press(key)
                for _ in range(500):
                    if app.screen.__class__.__name__ == name:
                        break
                    await pilot.pause(0)
                await app.workers.wait_for_complete()
                await pilot.pause()
                elapsed = (time.perf_counter() - started) * 1000
                if round_number == 0:
                    first[name] = elapsed
                    first_cpu[name] = (time.process_time() - started_cpu) * 1000
                else:
                    later[name].append(elapsed)
                    later_cpu[name].append((time.process_time() - started_cpu) * 1000)
    print(f"2. headless switch at {size}, key to screen refreshed and composed (first visit wall and CPU;")
    print("   later visits median wall and CPU of this process, which includes the test pilot's own waiting):")
    for _key, name, _text in SCREENS:
        print(
            f"   {name:<16} {first.get(name, 0):6.1f} ms first ({first_cpu.get(name, 0):5.1f} ms CPU)  "
            f"{median_ms(later[name])} later, {median_ms(later_cpu[name])} CPU"
        )


async def warmed_up(app: Any, pilot: Any) -> None:
    """Wait for Home's warm-up thread (it imports every screen's module and the grader) to end.

    It starts after Home's first paint, so ``wait_for_complete`` right after Home showed could miss it,
    and until session 7 the first visits here shared the GIL with it: the first visit to Stats took
    ~150 ms of the warm-up's CPU in another thread on top of its own (process CPU 294 ms, main
    thread 118 ms). A learner who presses a key within a second of Home meets that too; the figures
    here are the switch itself."""
    for _ in range(2000):
        if "gitops_tutor.grading.grader" in sys.modules:
            break
        await pilot.pause(0.01)
    await app.workers.wait_for_complete()
    await pilot.pause(0.1)


async def bare_switches(rounds: int, size: str) -> None:
    """The floor: a bare Textual app switching between two one-line screens, timed the same way."""
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Footer, Header, Static

    class Page(Screen[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("hello")
            yield Footer()

    class Bare(App[None]):
        MODES = {"a": Page, "b": Page}
        BINDINGS = [("a", "switch_mode('a')", "A"), ("b", "switch_mode('b')", "B")]

        def on_mount(self) -> None:
            self.switch_mode("a")

    width, height = (int(part) for part in size.split("x"))
    app = Bare()
    wall, cpu = [], []
    async with app.run_test(size=(width, height)) as pilot:
        await pilot.press("b", "a")
        for _ in range(rounds):
            for key in ("b", "a"):
                started, started_cpu = time.perf_counter(), time.process_time()
                await pilot.press(key)
                await app.workers.wait_for_complete()
                await pilot.pause()
                wall.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
    print(f"   bare Textual app (floor)  {median_ms(wall)} later, {median_ms(cpu)} CPU")


def tmux_switches(db_path: Path, rounds: int, size: str) -> None:
    """Each run starts the app once and visits every screen twice: the first visit builds the screen,
    the second is the switch a learner makes all day."""
    if not PROBE.is_file():
        print(f"3. skipped: {PROBE} not found")
        return
    folder = db_path.parent
    names = ("CONFIG_DIR", "CACHE_DIR", "DATA_DIR")
    isolated = " ".join(f"GITOPS_TUTOR_{name}={folder / name.lower()}" for name in names)
    command = f"env {isolated} {sys.executable} -m gitops_tutor --db {db_path}"
    visits = [*SCREENS, *SCREENS]
    samples: list[list[float]] = [[] for _ in visits]
    for _ in range(rounds):
        steps = [arg for key, _name, text in visits for arg in ("--step", tmux_key(key), text)]
        result = subprocess.run(
            [sys.executable, str(PROBE), "--cmd", command, "--until", r"Due for review: \d", "--size", size,
             "--timeout", "30", *steps],
            capture_output=True, text=True,
        )  # fmt: skip
        data = json.loads(result.stdout or "{}")
        for index, step in enumerate(data.get("steps", [])):
            if step.get("ms") is not None:
                samples[index].append(step["ms"])
    print(f"3. real terminal (tmux {size}), key to the screen's text on screen, median of {rounds} runs:")
    for index, (_key, name, _text) in enumerate(SCREENS):
        first, second = samples[index], samples[index + len(SCREENS)]
        print(f"   {name:<16} {median_ms(first)} first   {median_ms(second)} later")


def tmux_key(key: str) -> str:
    return {"question_mark": "?", "f1": "F1"}.get(key, key)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--tmux", action="store_true", help="also time a real terminal (needs tmux)")
    parser.add_argument("--write-history", type=Path, metavar="PATH", help="write the history database and stop")
    args = parser.parse_args()
    curriculum = load([], shipped=paths.shipped_content_dir()).curriculum
    if args.write_history is not None:  # bench/startup.py starts the app on a learner's database made here
        build_history(args.write_history, curriculum, args.attempts)
        return
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "progress.db"
        now = build_history(db_path, curriculum, args.attempts)
        print(
            f"history: {args.attempts} attempts over {len(curriculum.questions)} questions, "
            f"{len(curriculum.lessons)} lessons, 20 interviews\n"
        )
        data_calls(db_path, curriculum, now, args.rounds)
        asyncio.run(headless_switches(db_path, curriculum, now, args.rounds, args.size))
        asyncio.run(bare_switches(args.rounds, args.size))
        if args.tmux:
            tmux_switches(db_path, args.rounds, args.size)


if __name__ == "__main__":
    main()
