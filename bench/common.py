"""Shared pieces of the benchmark runner: child processes with their peak memory, a real-terminal probe, the table.

Every benchmark runs in its own child process, for two reasons: each gets a clean
interpreter (no warm caches from the one before), and ``os.wait4`` hands back that
child's own peak resident memory, which is the figure a learner's machine feels.

Run as a script, this module is also a small copy of ``../shared/tools/tui_probe.py``
(same options, same JSON), so ``bench/startup.py --probe bench/common.py`` works on a
machine that has only the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls of ``action``, in milliseconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


@dataclass(frozen=True)
class Row:
    """One line of the summary table; ``ok`` is None when there is no aim to meet."""

    area: str
    figure: str
    value: str
    aim: str = "-"
    ok: bool | None = None


@dataclass(frozen=True)
class ChildRun:
    command: str
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float
    cpu_seconds: float = 0.0  # user + system time of the child itself (os.wait4)

    def failed(self) -> str | None:
        """A one-line reason when the child did not finish cleanly, else None."""
        if self.returncode == 0:
            return None
        last = (self.stderr.strip().splitlines() or ["no output"])[-1]
        return f"exit {self.returncode}: {last[:160]}"


def run_child(args: Sequence[str], timeout: float, env: dict[str, str] | None = None) -> ChildRun:
    """Run a child to completion; its output goes through files so a chatty child never blocks on a pipe."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(list(args), stdout=out, stderr=err, cwd=ROOT, env=env, text=True)
        status, peak_kb, cpu = wait_with_timeout(child, timeout)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        return ChildRun(" ".join(args), status, out.read(), err.read(), seconds, peak_kb / 1024, cpu)


def wait_with_timeout(child: subprocess.Popen[str], timeout: float) -> tuple[int, int, float]:
    """(exit status, peak RSS in KiB, CPU seconds) from ``wait4``; a child past its time is killed (-9)."""
    deadline = time.monotonic() + timeout
    pause = 0.002  # short at first: a CLI run takes a few hundred ms, and this wait is part of its wall time
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            child.returncode = os.waitstatus_to_exitcode(status)
            return child.returncode, usage.ru_maxrss, usage.ru_utime + usage.ru_stime
        if time.monotonic() > deadline:
            child.kill()
        time.sleep(pause)
        pause = min(pause * 2, 0.05)


def python_child(script: Path | str, *args: str, timeout: float = 900) -> ChildRun:
    return run_child([sys.executable, str(script), *args], timeout)


def number(pattern: str, text: str) -> float | None:
    """The first group of ``pattern`` in ``text`` as a float (commas allowed), or None when it is absent."""
    found = re.search(pattern, text, flags=re.M)
    return float(found.group(1).replace(",", "")) if found else None


def at_most(value: float | None, aim: float) -> bool | None:
    return None if value is None else value <= aim


def fmt(value: float | None, unit: str = "", digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}{unit}"


def markdown_table(rows: Sequence[Row]) -> str:
    """The table as Markdown, which reads fine in a terminal and pastes straight into the README."""
    marks = {True: "yes", False: "**NO**", None: "-"}
    lines = ["| area | figure | value | aim | ok? |", "| --- | --- | ---: | ---: | :---: |"]
    lines += [f"| {r.area} | {r.figure} | {r.value} | {r.aim} | {marks[r.ok]} |" for r in rows]
    return "\n".join(lines)


# -- the real-terminal probe (a self-contained copy of ../shared/tools/tui_probe.py) ----------------


def tmux(*args: str, check: bool = True) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=check).stdout


def wait_for_screen(session: str, pattern: str, timeout: float) -> tuple[float | None, str]:
    """Milliseconds until ``pattern`` is on the tmux pane, polled every 10 ms; None if it never shows."""
    expression = re.compile(pattern, re.S)
    started = time.monotonic()
    screen = ""
    while time.monotonic() - started < timeout:
        screen = tmux("capture-pane", "-p", "-t", session, check=False)
        if expression.search(screen):
            return (time.monotonic() - started) * 1000, screen
        time.sleep(0.01)
    return None, screen


def probe_terminal(command: str, until: str, size: str = "100x34", timeout: float = 30) -> tuple[float | None, str]:
    """Start ``command`` in a fresh tmux session of ``size`` and time how long until ``until`` is on screen.

    The session is then killed, which hangs up on the program, and the probe returns only once the
    program has ended (up to ``EXIT_WAIT_SECONDS``): a program that leaves cleanly on a hang-up goes on
    running for a moment, and that CPU must not fall on the next timed start. Until session 7 it did:
    gitops-tutor's hang-up handler (775ad37) kept each killed start alive for 5 s with up to 0.75 s of
    CPU, and the next start measured it (Home 1.47x the bare app without the handler, 2.13x with it)."""
    width, height = size.split("x")
    session = "bench" + uuid.uuid4().hex[:8]
    tmux("new-session", "-d", "-s", session, "-x", width, "-y", height, command)
    pid = tmux("display-message", "-p", "-t", session, "#{pane_pid}", check=False).strip()
    try:
        return wait_for_screen(session, until, timeout)
    finally:
        tmux("kill-session", "-t", session, check=False)
        wait_for_exit(pid)


EXIT_WAIT_SECONDS = 10.0


def wait_for_exit(pid: str) -> float:
    """Milliseconds until process ``pid`` has ended (gone, or a zombie waiting for tmux to reap it)."""
    started = time.monotonic()
    stat = Path(f"/proc/{pid}/stat")
    while pid.isdigit() and time.monotonic() - started < EXIT_WAIT_SECONDS:
        try:
            state = stat.read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            break
        if state in ("Z", "X"):
            break
        time.sleep(0.005)
    return (time.monotonic() - started) * 1000


def probe_main() -> None:
    """The ``tui_probe.py`` command line (without key steps), printing the same JSON."""
    parser = argparse.ArgumentParser(description="Time a terminal program's first screen in tmux.")
    parser.add_argument("--cmd", required=True)
    parser.add_argument("--until", required=True)
    parser.add_argument("--timeout", type=float, default=20)
    parser.add_argument("--size", default="120x40")
    args = parser.parse_args()
    first_ms, screen = probe_terminal(args.cmd, args.until, args.size, args.timeout)
    print(json.dumps({"first_ms": first_ms, "steps": [], "ok": first_ms is not None, "screen": screen}))
    sys.exit(0 if first_ms is not None else 1)


if __name__ == "__main__":
    probe_main()
