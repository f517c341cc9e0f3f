"""Start-up time of ``gitops-tutor`` against a bare Textual "hello" app, in the same real terminal.

Run by hand (needs tmux), from the repository root:

    .venv/bin/python bench/startup.py [--runs 7] [--size 100x34] [--probe bench/common.py]

Each run starts a fresh tmux session through ``tui_probe.py`` and times how long until the
pattern is on screen. Runs alternate between the apps so machine noise hits both alike.
Prints the median per app and the ratios. Marks for gitops-tutor: the first frame (the
loading screen) and Home showing numbers read from the database, as a learner starts it
every day (the content cache written by an earlier start, an existing database with a
learner's history: ``bench/screens.py --write-history``, 600 answers, every lesson read,
20 mock interviews), Home once more with the content cache deleted first (the first start
after an upgrade or a content edit), and Home on a database that does not exist yet (the
very first start: the file is created and migrated). The cache lives in the bench's own
folder, so nothing else running on the machine can rewrite it between runs; untimed starts
before the runs write it (and take the day's backup of the history database).

Both apps run from compiled bytecode, as an installed command does (pip compiles it), kept in
the bench's own folder (``PYTHONPYCACHEPREFIX``), written by the untimed starts. Before that,
under ``PYTHONDONTWRITEBYTECODE=1`` (this workplace's and CI's shell), every gitops_tutor
module whose bytecode was stale or missing (about 70 after a day of commits) was compiled from
source on each timed start, ~25 ms of CPU on the way to Home that no installed copy pays,
while Textual, the bare app's only import, came with its bytecode.

Before commit 2863839 the "Home with progress" line timed a new database: the first-frame
run, stopped as soon as the loading screen showed, never got as far as creating its file,
so the Home run after it created and migrated one. That is now the last line.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV_CACHE_DIR = "GITOPS_TUTOR_CACHE_DIR"  # gitops_tutor.paths.ENV_CACHE_DIR (the bench imports no app code)
# bench/common.py's copy of the probe, which waits for each killed start to end before the next (see
# common.probe_terminal); ../shared/tools/tui_probe.py does not, and measured the last start's shutdown too.
DEFAULT_PROBE = ROOT / "bench" / "common.py"
HELLO_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static


class Hello(App):
    def compose(self):
        yield Header()
        yield Static("Hello from Textual")
        yield Footer()


Hello().run()
"""


def probe(probe_path: Path, command: str, until: str, size: str) -> float:
    """Milliseconds until ``until`` shows on screen (one fresh tmux session)."""
    result = subprocess.run(
        [sys.executable, str(probe_path), "--cmd", command, "--until", until, "--size", size, "--timeout", "30"],
        capture_output=True,
        text=True,
    )
    data = json.loads(result.stdout)
    if data.get("first_ms") is None:
        raise SystemExit(f"'{until}' never appeared for: {command}\n{data.get('screen', '')}")
    return float(data["first_ms"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--size", default="100x34")
    parser.add_argument("--probe", type=Path, default=DEFAULT_PROBE)
    args = parser.parse_args()
    if not args.probe.is_file():
        raise SystemExit(f"tui_probe.py not found at {args.probe}; pass --probe")
    folder = Path(tempfile.mkdtemp(prefix="gitops-tutor-bench-"))
    hello = folder / "hello.py"
    hello.write_text(HELLO_APP, encoding="utf-8")
    cache = folder / "cache"
    compiled = f"env -u PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX={folder / 'bytecode'}"
    tutor = f"{compiled} {ENV_CACHE_DIR}={cache} {Path(sys.executable).parent / 'gitops-tutor'}"
    python = f"{compiled} {sys.executable}"
    history = folder / "progress.db"
    write_history(history)
    home_pattern = "Due for review|Welcome!"
    warm_up(args, python, hello, tutor, history, folder / "warm-up.db", home_pattern)
    hello_ms, first_ms, home_ms, cold_ms, new_ms = [], [], [], [], []
    for run in range(args.runs):
        hello_ms.append(probe(args.probe, f"{python} {hello}", "Hello from Textual", args.size))
        first_ms.append(probe(args.probe, f"{tutor} --db {history}", "gitops-tutor", args.size))
        home_ms.append(probe(args.probe, f"{tutor} --db {history}", home_pattern, args.size))
        new_ms.append(probe(args.probe, f"{tutor} --db {folder / f'new{run}.db'}", home_pattern, args.size))
        shutil.rmtree(cache, ignore_errors=True)
        cold_ms.append(probe(args.probe, f"{tutor} --db {history}", home_pattern, args.size))
    report(hello_ms, first_ms, home_ms, cold_ms, new_ms, args)


def warm_up(
    args: argparse.Namespace, python: str, hello: Path, tutor: str, history: Path, new_db: Path, home_pattern: str
) -> None:
    """Untimed starts along every path the timed ones take, so each finds its bytecode written and
    the content cache in place: the bare app, a new database, the content loaded afresh, then a
    start that reads the cache."""
    probe(args.probe, f"{python} {hello}", "Hello from Textual", args.size)
    probe(args.probe, f"{tutor} --db {new_db}", home_pattern, args.size)
    for _ in range(2):  # the first writes the cache (its loader's bytecode too), the second reads it
        probe(args.probe, f"{tutor} --db {history}", home_pattern, args.size)


def write_history(db: Path) -> None:
    """A learner's database, written by bench/screens.py in a child (this bench imports no app code)."""
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "screens.py"), "--write-history", str(db), "--attempts", "600"],
        check=True,
    )


def report(
    hello_ms: list[float],
    first_ms: list[float],
    home_ms: list[float],
    cold_ms: list[float],
    new_ms: list[float],
    args: argparse.Namespace,
) -> None:
    hello, first, home, cold, new = (
        statistics.median(values) for values in (hello_ms, first_ms, home_ms, cold_ms, new_ms)
    )
    print(f"runs: {args.runs} each, terminal {args.size} (tmux), medians in ms")
    print(f"  bare Textual hello app, first screen : {hello:7.0f}")
    print(f"  gitops-tutor, first frame            : {first:7.0f}   ratio {first / hello:.2f}x")
    print(f"  gitops-tutor, Home with progress     : {home:7.0f}   ratio {home / hello:.2f}x")
    print(f"  the same, content cache deleted first: {cold:7.0f}   ratio {cold / hello:.2f}x")
    print(f"  Home on a new database (first start)  : {new:7.0f}   ratio {new / hello:.2f}x")
    print("  (aims: first screen within 1.3x of the bare app, Home within 1.5x)")


if __name__ == "__main__":
    main()
