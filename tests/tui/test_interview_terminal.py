"""``gitops-tutor interview`` in a real terminal (tmux): it opens on the interview, and --out writes the report."""

from __future__ import annotations

import os
import subprocess
import time
import uuid
from pathlib import Path

from tests.tui.terminal import COMMAND, FIXTURES, WAIT_SECONDS, Terminal, end_session, pytestmark, tmux_command  # noqa: F401 - skips without tmux


def test_the_interview_command_opens_the_app_on_the_interview_and_writes_the_report(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    session = f"gitops-tutor-interview-{uuid.uuid4().hex[:8]}"
    env = {key: value for key, value in os.environ.items() if not key.startswith("TMUX")}
    command = (
        f"{COMMAND} --db {tmp_path / 'progress.db'} --content {FIXTURES / 'good-pack'} interview "
        f"--lesson team-reconcile-basics --questions 1 --seed 5 --minutes 5 --out {out}; sleep 30"
    )
    subprocess.run(
        tmux_command(session, "new-session", "-d", "-s", session, "-x", "120", "-y", "36", command), check=True, env=env
    )
    try:
        term = Terminal(session)
        term.wait_for("Question 1 of 1")
        screen = term.screen()
        assert "left" in screen and "reconcile loop" in screen
        term.write("It compares the desired state with the live state and reconciles.")
        term.keys("C-o")
        term.wait_for("Finish the interview now\\?")
        term.keys("Tab")
        term.keys("Enter")
        term.wait_for("Mock interview report")
        term.keys("q")
        deadline = time.monotonic() + WAIT_SECONDS
        while not out.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        report = out.read_text(encoding="utf-8")
        assert report.startswith("# Mock interview report")
        assert "team-what-does-reconcile-do" in report
    finally:
        end_session(session)
