"""Start-up time of ``gitops-tutor`` against a bare Textual "hello" app, in the same real terminal.

Run by hand (needs tmux), from the repository root:

    .venv/bin/python bench/startup.py [--runs 7] [--size 100x34] [--probe ../shared/tools/tui_probe.py]

Each run starts a fresh tmux session through ``tui_probe.py`` and times how long until the
pattern is on screen. Runs alternate between the apps so machine noise hits both alike.
Prints the median per app and the ratios. Two marks for gitops-tutor: the first frame
(the loading screen) and Home showing numbers read from the database.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PROBE = ROOT.parent / "shared" / "tools" / "tui_probe.py"
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
    tutor = Path(sys.executable).parent / "gitops-tutor"
    python = sys.executable
    hello_ms, first_ms, home_ms = [], [], []
    for run in range(args.runs):
        db = folder / f"run{run}.db"
        hello_ms.append(probe(args.probe, f"{python} {hello}", "Hello from Textual", args.size))
        first_ms.append(probe(args.probe, f"{tutor} --db {db}", "gitops-tutor", args.size))
        home_ms.append(probe(args.probe, f"{tutor} --db {db}", "Due for review|Welcome!", args.size))
    report(hello_ms, first_ms, home_ms, args)


def report(hello_ms: list[float], first_ms: list[float], home_ms: list[float], args: argparse.Namespace) -> None:
    hello, first, home = (statistics.median(values) for values in (hello_ms, first_ms, home_ms))
    print(f"runs: {args.runs} each, terminal {args.size} (tmux), medians in ms")
    print(f"  bare Textual hello app, first screen : {hello:7.0f}")
    print(f"  gitops-tutor, first frame            : {first:7.0f}   ratio {first / hello:.2f}x")
    print(f"  gitops-tutor, Home with progress     : {home:7.0f}   ratio {home / hello:.2f}x")
    print("  (aim: first screen within 1.3x of the bare app)")


if __name__ == "__main__":
    main()
