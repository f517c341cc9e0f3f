"""The real ``gitops-tutor`` command in a real terminal (tmux): answer one question with keystrokes."""

from __future__ import annotations

import os
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from gitops_tutor.progress import ProgressStore
from tests.tui.terminal import COMMAND, FIXTURES, WAIT_SECONDS, Terminal, end_session, pytestmark, tmux_command  # noqa: F401 - skips without tmux


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[tuple[Terminal, Path]]:
    db_path = tmp_path / "progress.db"
    name = f"gitops-tutor-test-{uuid.uuid4().hex[:8]}"
    env = {key: value for key, value in os.environ.items() if not key.startswith("TMUX")}
    command = f"{COMMAND} --db {db_path} --content {FIXTURES / 'good-pack'}"
    subprocess.run(
        tmux_command(name, "new-session", "-d", "-s", name, "-x", "100", "-y", "34", command), check=True, env=env
    )
    try:
        yield Terminal(name), db_path
    finally:
        end_session(name)


def answer_keys(screen: str) -> list[tuple[list[str], bool]]:
    """Keystrokes that give some answer to whatever question type is on screen."""
    if "in your own words" in screen or "Write or fix the YAML" in screen:
        return [(["desired state compared with live state, reconciled continuously"], True)]
    return [(["Enter"], False)]  # choice widgets: the first option is highlighted; enter picks it


def test_answer_one_question_with_real_keystrokes(terminal: tuple[Terminal, Path]) -> None:
    term, db_path = terminal
    term.wait_for("Due for review|Welcome!")
    term.keys("p")
    term.wait_for("Mixed: a bit of everything")
    term.keys("Enter")
    term.wait_for("Question 1 of")  # drawn only once its answer widget has the focus
    for keys, literal in answer_keys(term.screen()):
        if literal:
            term.write(*keys)
        else:
            term.keys(*keys)
    term.keys("C-s")
    term.wait_for("/100")
    term.keys("3")
    term.wait_for("Question 2 of")
    term.keys("C-q")
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline and "gitops-tutor" in term.screen():
        time.sleep(0.1)
    with ProgressStore.open(db_path) as store:
        attempts = store.attempts()
    assert len(attempts) == 1
    assert attempts[0].rating == "good" and attempts[0].mode == "practice"
