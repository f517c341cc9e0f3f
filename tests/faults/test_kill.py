"""SIGKILL at random moments: during a burst of saves, during an import, during an interview.

Each round draws its moment from a seeded RNG, so a failure names a reproducible
round. After every kill the file must pass ``PRAGMA integrity_check``, hold every
attempt the child reported as committed, and stay consistent (each attempt
reviewed its card and counted in its day in the same transaction).
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from gitops_tutor.progress import ProgressStore
from gitops_tutor.progress.transfer import export_data
from tests.faults.conftest import GUARD_SECONDS, PACK, REPO, child_env, cli_command, integrity, run_cli
from tests.progress.helpers import question, result

ROUNDS = 4
IMPORT_ROUNDS = 3  # each round starts the CLI, which dominates the time


def kill(child: subprocess.Popen[str]) -> str:
    """SIGKILL, then whatever the child printed before it died."""
    child.send_signal(signal.SIGKILL)
    rest, _ = child.communicate(timeout=GUARD_SECONDS)
    assert child.returncode == -signal.SIGKILL, "the child finished before the kill; the round tested nothing"
    return rest


def consistency(db: Path) -> tuple[int, int, int]:
    """Attempts, card reviews, and per-day counts: equal unless a save was half-applied."""
    conn = sqlite3.connect(db, timeout=10)
    try:
        attempts = conn.execute("SELECT count(*) FROM attempts").fetchone()[0]
        reviews = conn.execute("SELECT coalesce(sum(reviews), 0) FROM cards").fetchone()[0]
        days = conn.execute("SELECT coalesce(sum(attempts), 0) FROM study_days").fetchone()[0]
    finally:
        conn.close()
    return attempts, reviews, days


def attempt_ids(db: Path) -> set[int]:
    conn = sqlite3.connect(db, timeout=10)
    try:
        return {row[0] for row in conn.execute("SELECT id FROM attempts")}
    finally:
        conn.close()


def test_sigkill_during_a_burst_of_saves_loses_nothing_committed(tmp_path: Path) -> None:
    db = tmp_path / "progress.db"
    rng = random.Random(20261128)
    committed: set[int] = set()
    for round_number in range(ROUNDS):
        writer = subprocess.Popen(
            [sys.executable, "-m", "tests.progress.writer", str(db), f"r{round_number}", "0"],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        wanted = rng.randint(1, 60)
        for line in writer.stdout:
            committed.add(int(line))
            wanted -= 1
            if wanted == 0:
                break
        time.sleep(rng.uniform(0, 0.02))  # land anywhere inside the next transaction
        committed.update(int(line) for line in kill(writer).split())
        assert integrity(db) == [("ok",)], f"round {round_number}"
        assert committed <= attempt_ids(db), f"round {round_number}"
        attempts, reviews, days = consistency(db)
        assert attempts == reviews == days, f"round {round_number}"
    with ProgressStore.open(db) as store:  # and the app can carry on with it
        store.record_attempt(question("after"), "x", result("after", 90), mode="practice")


def export_file(tmp_path: Path, attempts: int) -> Path:
    """A real export of a history on another machine, big enough that the import takes a moment."""
    with ProgressStore.open(tmp_path / "laptop.db") as store, store.batch():
        for n in range(attempts):
            store.record_attempt(
                question(f"q{n % 50}"), f"answer {n} " * 20, result(f"q{n % 50}", n % 101), mode="practice"
            )
        data = export_data(store)
    path = tmp_path / "laptop.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def kill_if_running(child: subprocess.Popen[str]) -> bool:
    """SIGKILL; False when the child had already exited on its own (exit code 0) by then."""
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=GUARD_SECONDS)
    return child.returncode == -signal.SIGKILL


def test_sigkill_during_an_import_leaves_all_of_it_or_none(tmp_path: Path) -> None:
    """Each round imports into a fresh copy of the same database; the first is killed as soon as the
    import's transaction holds the write lock, so at least one kill lands inside it on any machine."""
    base = tmp_path / "base.db"
    source = export_file(tmp_path, 1000)
    with ProgressStore.open(base) as store:
        store.record_attempt(question("mine"), "my own answer", result("mine", 80), mode="practice")
    rng = random.Random(7)
    outcomes = []
    for round_number in range(IMPORT_ROUNDS):
        db = tmp_path / f"round{round_number}.db"
        shutil.copyfile(base, db)
        child = subprocess.Popen(cli_command("import", str(source)), env=child_env(db), cwd=REPO,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
        wait_for_write_lock(db, child)
        time.sleep(0 if round_number == 0 else rng.uniform(0, 0.2))
        outcomes.append("finished" if child.poll() is not None else "killed")
        if outcomes[-1] == "killed" and not kill_if_running(child):
            outcomes[-1] = "finished"  # it ended between poll() and the signal: a round that tested nothing
        assert integrity(db) == [("ok",)], f"round {round_number}"
        count = consistency(db)
        assert count[0] in (1, 1001) and count[0] == count[2], f"round {round_number}: {count}"
    assert "killed" in outcomes
    final = run_cli(db, "import", str(source))
    assert final.returncode == 0, final.stderr
    assert consistency(db)[0] == 1001


def wait_for_write_lock(db: Path, child: subprocess.Popen[str]) -> None:
    """Until the import holds the write lock (its one transaction has begun), or has finished."""
    deadline = time.monotonic() + GUARD_SECONDS
    while time.monotonic() < deadline and child.poll() is None:
        conn = sqlite3.connect(db, timeout=0)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
        except sqlite3.OperationalError:
            return
        finally:
            conn.close()
        time.sleep(0.005)


# -- the interview ----------------------------------------------------------------------------------

INTERVIEW = [
    "--content",
    str(PACK),
    "interview",
    "--plain",
    "--lesson",
    "team-reconcile-basics",
    "--preset",
    "quick",
    "--questions",
    "3",
]
LINES = [
    "It compares the desired state in Git",
    "with the live state in the cluster.",
    ".",
    "flux",
    ".",
    "spec:",
    "  syncPolicy:",
    "    automated:",
    "      selfHeal: true",
    ".",
]


def saved_interview(db: Path) -> dict[str, Any] | None:
    if not db.exists():
        return None
    conn = sqlite3.connect(db, timeout=10)
    try:
        row = conn.execute("SELECT state_json FROM interviews WHERE status = 'running'").fetchone()
    except sqlite3.OperationalError:
        return None
    finally:
        conn.close()
    return json.loads(row[0]) if row else None


def answers_of(state: dict[str, Any] | None) -> list[str]:
    return [item["answer"] for item in state["items"] if item["answer"]] if state else []


def wait_until_saved(db: Path, child: subprocess.Popen[str], lines_sent: int) -> dict[str, Any] | None:
    """The saved state once it shows every complete answer line sent so far (a guard, not a timing)."""
    deadline = time.monotonic() + GUARD_SECONDS
    while time.monotonic() < deadline and child.poll() is None:
        state = saved_interview(db)
        typed = [line for line in LINES[:lines_sent] if line != "."]
        if state is not None and all(any(t.strip() in a for a in answers_of(state)) for t in typed):
            return state
        time.sleep(0.02)
    pytest.fail(f"the interview never saved its input: {child.stderr.read() if child.stderr else ''}")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sigkill_at_a_random_moment_of_an_interview_then_resume(tmp_path: Path, seed: int) -> None:
    db = tmp_path / "progress.db"
    rng = random.Random(seed)
    child = subprocess.Popen(
        [*cli_command(*INTERVIEW), "--seed", "4"],
        env=child_env(db),
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None
    stop_after = rng.randint(1, len(LINES) - 1)
    for line in LINES[:stop_after]:
        child.stdin.write(line + "\n")
        child.stdin.flush()
        time.sleep(rng.uniform(0.01, 0.15))  # a person typing, slowly and unevenly
    state = wait_until_saved(db, child, stop_after)
    time.sleep(rng.uniform(0, 0.05))
    kill(child)
    assert integrity(db) == [("ok",)]
    saved = answers_of(state)

    resumed = run_cli(db, *INTERVIEW, "--resume", stdin=":list\n")  # one line, then the end of input: submit
    assert resumed.returncode == 0, resumed.stderr
    assert "Traceback" not in resumed.stderr
    assert "Resuming the interview" in resumed.stdout and "Mock interview report" in resumed.stdout
    conn = sqlite3.connect(db)
    final = [
        row[0]
        for row in conn.execute(
            "SELECT answer FROM interview_answers JOIN interviews ON id = interview_id WHERE status = 'finished'"
        )
    ]
    conn.close()
    for answer in saved:
        assert any(f.startswith(answer.strip()) or answer.strip() in f for f in final), (answer, final)
