"""``gitops-tutor interview`` in a real terminal (tmux): it opens on the interview, and --out writes the report."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures"
COMMAND = Path(sys.executable).parent / "gitops-tutor"
WAIT_SECONDS = 30

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(not COMMAND.exists(), reason="gitops-tutor is not installed in this environment"),
]


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True).stdout


def wait_for(session: str, text: str) -> str:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if text in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared; the screen was:\n{tmux('capture-pane', '-p', '-t', session)}")


def test_the_interview_command_opens_the_app_on_the_interview_and_writes_the_report(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    session = f"gitops-tutor-interview-{uuid.uuid4().hex[:8]}"
    env = {key: value for key, value in os.environ.items() if not key.startswith("TMUX")}
    command = (f"{COMMAND} --db {tmp_path / 'progress.db'} --content {FIXTURES / 'good-pack'} interview "
               f"--lesson team-reconcile-basics --questions 1 --seed 5 --minutes 5 --out {out}; sleep 30")
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "36", command], check=True, env=env)
    try:
        screen = wait_for(session, "Question 1 of 1")
        assert "left" in screen and "reconcile loop" in screen
        tmux("send-keys", "-t", session, "-l", "It compares the desired state with the live state and reconciles.")
        tmux("send-keys", "-t", session, "C-o")
        wait_for(session, "Finish the interview now?")
        tmux("send-keys", "-t", session, "Tab")
        tmux("send-keys", "-t", session, "Enter")
        wait_for(session, "Mock interview report")
        tmux("send-keys", "-t", session, "q")
        deadline = time.monotonic() + WAIT_SECONDS
        while not out.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        report = out.read_text(encoding="utf-8")
        assert report.startswith("# Mock interview report")
        assert "team-what-does-reconcile-do" in report
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
