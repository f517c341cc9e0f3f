"""A real ``gitops-tutor interview --plain`` killed with SIGKILL mid-interview, then resumed.

The waits below are guards against a hung child, not timing assertions: the test
waits until the child's saved state shows the lines it was sent, then kills it.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.interview.conftest import FIXTURES

PACK = str(FIXTURES / "good-pack")
ARGS = [
    "--content",
    PACK,
    "interview",
    "--plain",
    "--lesson",
    "team-reconcile-basics",
    "--preset",
    "quick",
    "--questions",
    "3",
    "--seed",
    "4",
]
LIMIT = 10 * 60
GUARD_SECONDS = 60


def saved_state(db: Path) -> dict[str, Any] | None:
    if not db.exists():
        return None
    conn = sqlite3.connect(db, timeout=5)
    try:
        row = conn.execute("SELECT state_json FROM interviews WHERE status = 'running'").fetchone()
    except sqlite3.OperationalError:
        return None
    finally:
        conn.close()
    return json.loads(row[0]) if row else None


def wait_for(db: Path, answer_fragment: str, child: subprocess.Popen[str]) -> dict[str, Any]:
    deadline = time.monotonic() + GUARD_SECONDS
    while time.monotonic() < deadline:
        state = saved_state(db)
        if state and any(answer_fragment in item["answer"] for item in state["items"]):
            return state
        if child.poll() is not None:
            pytest.fail(f"the interview ended early: {child.stderr.read() if child.stderr else ''}")
        time.sleep(0.05)
    child.kill()
    pytest.fail("the interview never saved the answer")


def test_a_killed_interview_resumes_with_its_answers_and_time_left(tmp_path: Path) -> None:
    db = tmp_path / "progress.db"
    env = {**os.environ, "GITOPS_TUTOR_DB": str(db), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "gitops_tutor", *ARGS]
    child = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    assert child.stdin is not None
    child.stdin.write("It compares the desired state with the live state.\n.\n")
    child.stdin.write("fl")  # the second answer, half typed: not a full line yet
    child.stdin.write("ux\n")
    child.stdin.flush()
    state = wait_for(db, "flux", child)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=GUARD_SECONDS)
    assert child.returncode == -signal.SIGKILL
    elapsed_at_kill = float(state["elapsed"])

    resumed = subprocess.run(
        [*command, "--resume"],
        input=".\nspec:\n  syncPolicy: {}\n.\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=GUARD_SECONDS,
    )
    assert resumed.returncode == 0, resumed.stderr
    intro = re.search(r"Resuming the interview: (\d) of 3 answered, (\d\d):(\d\d) left", resumed.stdout)
    assert intro is not None, resumed.stdout
    assert intro.group(1) == "2"
    shown_left = int(intro.group(2)) * 60 + int(intro.group(3))
    assert LIMIT - elapsed_at_kill - 2 <= shown_left <= LIMIT - elapsed_at_kill + 1
    assert "  | flux\n" in resumed.stdout  # the half-typed answer is back on screen
    report = resumed.stdout.split("Mock interview report")[1]
    assert "Answered 3 of 3 questions" in report
    assert "Missed: Acts to make them match, continuously" in report  # the first answer, graded after the kill
    conn = sqlite3.connect(db)
    answers = conn.execute(
        "SELECT answer FROM interview_answers JOIN interviews ON id = interview_id "
        "WHERE status = 'finished' ORDER BY position"
    ).fetchall()
    conn.close()
    assert answers[0][0].startswith("It compares the desired state")
    assert answers[1][0] == "flux"
