"""The real ``gitops-tutor`` in a real terminal (tmux): an answer and its submit key in ONE write.

Each answer is sent with ``tmux send-keys -l`` as one string holding the text, any
editing keys as their escape codes, and the submit key (ctrl+s is byte 0x13), so the
app reads them as one burst, as from a text expander, dictation or typeahead over SSH.
The stored answer is then checked byte for byte in the database. Waits poll the screen
or the database; there are no sleeps.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.tui.terminal import COMMAND, FIXTURES, Terminal, end_session, pytestmark, tmux_command  # noqa: F401 - pytestmark skips without tmux

CTRL_S, DOWN, SPACE, CTRL_END, END = "\x13", "\x1b[B", " ", "\x1b[1;5F", "\x1b[F"

FREE_TEXT = (
    "It compares the desired state in Git with the live state, and reconciles the difference continuously: "
    "a loop that never stops; 100% of the time, even at 03:00 (UTC) - \"quoted\" & 'single' <tags> #hash."
)
MANIFEST_TAIL = "  syncPolicy:\r    automated:\r      prune: true\r      selfHeal: true\r"
STARTER = "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\nspec:\n  project: default\n"
PASTED_MANIFEST = STARTER + MANIFEST_TAIL.replace("\r", "\n")
FLUX_OPTIONS = ("GitRepository", "HelmRelease", "Application")


@pytest.fixture
def launch(tmp_path: Path) -> Iterator[Callable[..., tuple[Terminal, Path]]]:
    names: list[str] = []
    env = {key: value for key, value in os.environ.items() if not key.startswith("TMUX")}

    def start(*arguments: str, size: tuple[int, int] = (120, 40)) -> tuple[Terminal, Path]:
        db_path = tmp_path / "progress.db"
        name = f"gitops-typing-{uuid.uuid4().hex[:8]}"
        command = " ".join([str(COMMAND), "--db", str(db_path), "--content", str(FIXTURES / "good-pack"), *arguments])
        subprocess.run(
            tmux_command(
                name, "new-session", "-d", "-s", name, "-x", str(size[0]), "-y", str(size[1]), command + "; sleep 60"
            ),
            check=True,
            env=env,
        )
        names.append(name)
        return Terminal(name), db_path

    yield start
    for name in names:
        end_session(name)


def rows(db_path: Path, sql: str) -> list[tuple[Any, ...]]:
    if not db_path.exists():
        return []
    with sqlite3.connect(db_path) as conn:
        try:
            return conn.execute(sql).fetchall()
        except sqlite3.OperationalError:  # the table is not there yet
            return []


def shown_options(screen: str) -> dict[int, str]:
    """The numbered options on screen ("2. Unit tests") by their shown number."""
    found = re.findall(r"(\d)\. (GitRepository|HelmRelease|Application|Cluster credentials|Unit tests)", screen)
    return {int(number): text for number, text in found}


def answer_session_question(term: Terminal, kind: str, paste_manifest: bool) -> str:
    """Answer whatever question is on screen in one write (or a paste and ctrl+s at once); the answer it stores."""
    if kind in ("single-choice", "multi-choice"):
        options = (
            r"1\. (?:Cluster|Unit)" if kind == "single-choice" else r"3\. (?:GitRepository|HelmRelease|Application)"
        )
        screen = term.wait_for(options).string
    if kind == "free-text":
        term.write(FREE_TEXT + CTRL_S)
        return FREE_TEXT
    if kind == "manifest":
        if paste_manifest:  # the box holds the starter: select nothing, paste after it
            term.write(CTRL_END)
            term.paste_then(MANIFEST_TAIL.replace("\r", "\n"), CTRL_S)
        else:
            term.write(CTRL_END + MANIFEST_TAIL + CTRL_S)
        return PASTED_MANIFEST
    if kind == "single-choice":
        term.write(DOWN + SPACE + CTRL_S)
        return shown_options(screen)[2]
    if kind == "multi-choice":
        term.write(SPACE + DOWN + DOWN + SPACE + CTRL_S)
        shown = shown_options(screen)
        return "; ".join(text for text in FLUX_OPTIONS if text in (shown[1], shown[3]))
    assert kind == "which-tool", kind
    term.write(DOWN + SPACE + CTRL_S)
    return "flux"


def run_session(term: Terminal, db_path: Path, mode: str, *, paste_manifest: bool = False) -> dict[str, str]:
    """Answer every question of the session on screen; returns the expected stored answer by question type."""
    expected: dict[str, str] = {}
    while True:
        match = term.wait_for(r"Question (\d+)(?: of \d+)? · ([a-z-]+)|Done: \d+ answered")
        if match.group(0).startswith("Done"):
            return expected
        number, kind = int(match.group(1)), match.group(2)
        expected[kind] = answer_session_question(term, kind, paste_manifest)
        term.wait_for(r"\d+/100 (PASS|PARTIAL|FAIL)")
        term.write("3")
        term.wait_until(lambda n=number: len(rows(db_path, f"SELECT 1 FROM attempts WHERE mode = '{mode}'")) >= n,
                        f"attempt {number} saved")  # fmt: skip


def stored_by_type(db_path: Path, mode: str) -> dict[str, str]:
    kinds = {
        "team-what-does-reconcile-do": "free-text",
        "team-which-tool-kustomization": "which-tool",
        "team-pull-benefit": "single-choice",
        "team-pick-flux-objects": "multi-choice",
        "team-enable-self-heal": "manifest",
    }
    found = rows(db_path, f"SELECT question_id, answer FROM attempts WHERE mode = '{mode}'")
    return {kinds[question_id]: answer for question_id, answer in found}


def test_practice_and_lesson_checks_keep_every_answer_sent_with_its_submit_key(
    launch: Callable[..., tuple[Terminal, Path]],
) -> None:
    term, db_path = launch()
    term.wait_for("Welcome!|Due for review")
    term.write("p")
    term.wait_for(r"Pack: Sample team pack")
    term.write(DOWN + "\r")  # the fixture pack, just below Mixed: its five questions, one of each type
    expected = run_session(term, db_path, "practice", paste_manifest=True)
    assert len(expected) == 5
    assert stored_by_type(db_path, "practice") == expected
    term.write("\x1b")  # back to the practice menu
    term.wait_for("Mixed: a bit of everything")
    term.write("l")
    term.wait_for("GitOps principles")
    # The fixture pack's lesson is the last one; End is resent until the list (focused once loaded) shows it.
    term.wait_until(lambda: term.write(END) or "How our clusters reconcile" in term.screen(), "the last lesson")
    term.write("\r")
    term.wait_for("Check questions")
    term.write("k")
    expected = run_session(term, db_path, "lesson-check")
    assert len(expected) >= 2  # the lesson's check questions
    assert stored_by_type(db_path, "lesson-check") == expected


def seed_due_cards(db_path: Path) -> None:
    """Each fixture question answered three days ago (so due now), and no new cards: review holds just these five."""
    from datetime import datetime, timedelta, timezone

    from gitops_tutor.curriculum.loader import load
    from gitops_tutor.grading import Grader
    from gitops_tutor.progress import ProgressStore
    from gitops_tutor.progress.store import NEW_PER_DAY_KEY

    curriculum = load([FIXTURES / "good-pack"], shipped=None).curriculum
    then = datetime.now(timezone.utc) - timedelta(days=3)
    with ProgressStore.open(db_path, clock=lambda: then, fuzz=False) as store:
        grader = Grader(curriculum.aliases)
        for question in curriculum.questions.values():
            result = grader.grade(question, "")
            store.record_attempt(question, "", result, mode="practice", started_at=then, ended_at=then)
        store.set_setting(NEW_PER_DAY_KEY, 0)


def test_review_keeps_every_answer_sent_with_its_submit_key(
    launch: Callable[..., tuple[Terminal, Path]], tmp_path: Path
) -> None:
    seed_due_cards(tmp_path / "progress.db")
    term, db_path = launch()
    term.wait_for("Welcome!|Due for review")
    term.write("r")
    term.wait_for(r"\d+ due for review and")  # the Review screen itself, not Home's "Review 5 due" tile
    term.write("\r")
    expected = run_session(term, db_path, "review")
    assert len(expected) == 5
    assert stored_by_type(db_path, "review") == expected


def test_interview_keeps_every_answer_with_its_own_question(launch: Callable[..., tuple[Terminal, Path]]) -> None:
    term, db_path = launch(
        "interview", "--lesson", "team-reconcile-basics", "--questions", "5", "--seed", "3", "--minutes", "20"
    )
    expected: dict[int, str] = {}
    kinds: dict[int, str] = {}
    while len(expected) < 5:
        match = term.wait_for(rf"Question {len(expected) + 1} of (\d+) · ([a-z-]+)")
        position, kind = len(expected), match.group(2)
        kinds[position] = kind
        typed = {
            "free-text": (FREE_TEXT + CTRL_S, FREE_TEXT),
            "manifest": (CTRL_END + MANIFEST_TAIL + CTRL_S, PASTED_MANIFEST),
            "single-choice": (DOWN + SPACE + CTRL_S, "2"),
            "multi-choice": (SPACE + DOWN + DOWN + SPACE + CTRL_S, "1,3"),
            "which-tool": (DOWN + SPACE + CTRL_S, "flux"),
        }[kind]
        term.write(typed[0])
        expected[position] = typed[1]
        if position == 4:
            break
    term.wait_until(
        lambda: len(rows(db_path, "SELECT 1 FROM interview_answers WHERE answer != ''")) >= 5, "five answers saved"
    )
    stored = dict(rows(db_path, "SELECT position, answer FROM interview_answers"))
    assert {position: stored[position] for position in expected} == expected, kinds
    assert all(answer == "" for position, answer in stored.items() if position not in expected)


def test_a_coloured_paste_arrives_whole(launch: Callable[..., tuple[Terminal, Path]]) -> None:
    """R15: tmux's bracketed paste of coloured output (CR line ends) and ctrl+s at once; the colour codes go."""
    term, db_path = launch()
    term.wait_for("Welcome!|Due for review")
    term.write("p")
    term.wait_for(r"Pack: Sample team pack")
    term.write(DOWN + "\r")
    while (match := term.wait_for(r"Question \d+ of \d+ · ([a-z-]+)")).group(1) != "free-text":
        shown = match.group(0)
        term.write("\x0e")  # ctrl+n skips; a skipped question comes back at the end
        term.wait_until(lambda shown=shown: shown not in term.screen(), "the next question")
    term.paste_then("red \x1b[31mRED\x1b[0m desired state\nand live state\n", CTRL_S)
    term.wait_for(r"\d+/100")
    term.write("3")
    term.wait_until(lambda: rows(db_path, "SELECT answer FROM attempts"), "the attempt saved")
    assert rows(db_path, "SELECT answer FROM attempts") == [("red RED desired state\nand live state\n",)]


def test_r_and_enter_typed_together_start_the_review(
    launch: Callable[..., tuple[Terminal, Path]], tmp_path: Path
) -> None:
    """Enter pressed while Review still counts its queue used to say 'Nothing is due' and drop the key."""
    seed_due_cards(tmp_path / "progress.db")
    term, _ = launch()
    term.wait_for("Due for review: 5")
    term.write("r\r")
    term.wait_for(r"Question 1 · [a-z-]+")


def test_answer_submit_and_enter_on_the_suggested_rating_in_one_write(
    launch: Callable[..., tuple[Terminal, Path]],
) -> None:
    """A fast typist accepts the suggested rating with Enter right behind ctrl+s. That Enter is held
    while the feedback card replaces the question, then handed to the focused rating button; it was
    stopped there before the button's own Enter binding ran, and lost 4 times in 10 under load."""
    term, db_path = launch()
    term.wait_for("Welcome!|Due for review")
    term.write("p")
    term.wait_for(r"Pack: Sample team pack")
    term.write(DOWN + "\r")
    for number in range(1, 6):
        match = term.wait_for(r"Question (\d+)(?: of \d+)? · ([a-z-]+)")
        if match.group(2) == "free-text":
            term.write(FREE_TEXT + CTRL_S + "\r")  # answer, submit, accept the suggestion: one write
            term.wait_until(
                lambda: rows(
                    db_path, "SELECT answer, rating FROM attempts WHERE question_id = 'team-what-does-reconcile-do'"
                ),
                "the free-text attempt saved by the Enter typed with it",
            )
            stored = rows(
                db_path, "SELECT answer, rating FROM attempts WHERE question_id = 'team-what-does-reconcile-do'"
            )
            assert stored[0][0] == FREE_TEXT and stored[0][1] in ("good", "easy")
            return
        answer_session_question(term, match.group(2), paste_manifest=False)
        term.wait_for(r"\d+/100 (PASS|PARTIAL|FAIL)")
        term.write("3")
        term.wait_until(lambda n=number: len(rows(db_path, "SELECT 1 FROM attempts")) >= n, f"attempt {number} saved")
    raise AssertionError("no free-text question in the pack session")
