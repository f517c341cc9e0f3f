"""Helpers for the fault tests: real processes on a temporary database, and checks on the file itself."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACK = REPO / "tests" / "fixtures" / "good-pack"
GUARD_SECONDS = 60  # a guard against a hung child, never a timing assertion


def child_env(db: Path) -> dict[str, str]:
    """The environment of a child process: this test's database, unbuffered output, no debug tracebacks."""
    env = {**os.environ, "GITOPS_TUTOR_DB": str(db), "PYTHONUNBUFFERED": "1"}
    env.pop("GITOPS_TUTOR_DEBUG", None)
    return env


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "gitops_tutor", *args]


def run_cli(db: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """``gitops-tutor ARGS`` as a learner runs it, in its own process."""
    return subprocess.run(
        cli_command(*args),
        input=stdin,
        capture_output=True,
        text=True,
        env=child_env(db),
        cwd=REPO,
        timeout=GUARD_SECONDS,
    )


def integrity(db: Path) -> list[tuple[str]]:
    conn = sqlite3.connect(db, timeout=10)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_one_clean_line(stderr: str) -> None:
    """What a learner sees on a refusal: exactly one line, prefixed, and no traceback."""
    assert stderr.startswith("gitops-tutor: "), stderr
    assert stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
