"""How long the interview report takes to appear: Textual's Markdown widget against the Rich renderable.

Run by hand from the repository root (figures are printed, never asserted):

    .venv/bin/python bench/report_screen.py [--rounds 3]

A 60-question ``cgoa-exam`` mock is finished at once in line mode (``interview --plain --out``) on a
temporary database, and its Markdown report is mounted headless at 120x40, once in Textual's
``Markdown`` widget (what the report screen used before) and once in ``ReportText`` (what it uses
now). CPU time of the mount, medians of ``--rounds``. QA 2026-11-30 saw the screen frozen 25-35 s
after "Finish" on a loaded machine; the widget alone took 8.5 s of CPU there.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App, ComposeResult  # noqa: E402
from textual.containers import VerticalScroll  # noqa: E402
from textual.widget import Widget  # noqa: E402
from textual.widgets import Markdown, Static  # noqa: E402

from gitops_tutor.tui.screens.interview_report import ReportText  # noqa: E402


def exam_report_markdown(folder: Path) -> str:
    """The report of a 60-question exam finished straight away, as the app would show it."""
    out = folder / "report.md"
    env = {**os.environ, "GITOPS_TUTOR_DB": str(folder / "p.db"), "GITOPS_TUTOR_DATA_DIR": str(folder)}
    command = [sys.executable, "-m", "gitops_tutor", "interview", "--plain", "--preset", "cgoa-exam", "--out", str(out)]
    subprocess.run(command, input=":finish\nyes\n", text=True, env=env, capture_output=True, check=True)
    return out.read_text(encoding="utf-8")


class OneWidget(App[None]):
    CSS = "VerticalScroll { overflow-y: scroll; }"  # as on the report screen

    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.widget = widget

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield self.widget


async def mount_cpu_ms(make: Callable[[str], Widget], text: str) -> float:
    """CPU from building the widget to its first frame, app start-up included (the floor row shows it)."""
    widget = make(text)
    start = time.process_time()
    async with OneWidget(widget).run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    return (time.process_time() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as tmp:
        text = exam_report_markdown(Path(tmp))
    blocks = text.count("```") // 2
    print(f"cgoa-exam report: {len(text):,} characters, {text.count(chr(10)):,} lines, {blocks} code blocks")
    shown: tuple[tuple[str, Callable[[str], Widget], str], ...] = (
        ("the same app with a one-line Static (the floor)", Static, "One line."),
        ("Textual Markdown widget (before)", Markdown, text),
        ("ReportText, Rich (now)", lambda source: ReportText(source, id="report"), text),
    )
    for name, make, source in shown:
        first = asyncio.run(mount_cpu_ms(make, source))  # the process's first: imports and lexers load here
        later = [asyncio.run(mount_cpu_ms(make, source)) for _ in range(rounds)]
        print(
            f"  {name}: mount to first frame {statistics.median(later):,.0f} ms CPU (median of {rounds}; "
            f"the process's first {first:,.0f} ms)"
        )


if __name__ == "__main__":
    main()
