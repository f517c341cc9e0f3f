"""Line mode fixes from the 2026-11-30 walkthrough (B10, R10, R14, P14, P15) and reliability (F2, F4).

Seed 4 on the fixture lesson draws: free text (reconcile), which-tool (Kustomization), manifest.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from gitops_tutor.cli.main import cli
from gitops_tutor.curriculum.models import AnyQuestion
from gitops_tutor.grading.result import GradeResult
from gitops_tutor.interview.answers import GraderAnswer, answer_problem
from gitops_tutor.interview.config import InterviewConfig
from gitops_tutor.interview.plain import NO_LINE_YET, Line, LineInterview, StdinLines
from gitops_tutor.interview.service import InterviewService
from gitops_tutor.progress import ProgressStore
from tests.interview.conftest import FIXTURES, FakeClock

PACK = str(FIXTURES / "good-pack")
LESSON = "team-reconcile-basics"
SEED4 = ["--lesson", LESSON, "--questions", "3", "--seed", "4"]
GUARD_SECONDS = 60


def run(args: list[str], stdin: str, *, plain: bool = True, pack: str = PACK, env: dict[str, str] | None = None):
    command = ["--content", pack, "interview", *(["--plain"] if plain else []), *args]
    return CliRunner().invoke(cli, command, input=stdin, env=env)


def stored_answers(db: str) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [row[0] for row in conn.execute("SELECT answer FROM interview_answers ORDER BY position")]
    finally:
        conn.close()


# -- B10: the end of time is announced while the candidate is still typing ---------------------------


class SilentCandidate:
    """Types nothing: every wait for a line times out, and the fake clock moves by that wait."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.waits = 0

    def __call__(self, timeout: float) -> Line:
        self.waits += 1
        self.clock.advance(timeout)
        return NO_LINE_YET


def test_time_up_is_announced_without_waiting_for_another_line(service: InterviewService, clock: FakeClock) -> None:
    session = service.start(InterviewConfig(minutes=10, questions=3, seed=4, lessons=(LESSON,)))
    candidate = SilentCandidate(clock)
    output: list[str] = []
    LineInterview(session, candidate, output.append).run()
    text = "\n".join(output)
    assert text.index("! 5 minutes left") < text.index("! 1 minute left")
    assert text.rstrip().endswith("Time is up: every answer so far has been submitted.")
    assert session.finish_reason == "time-up"
    assert candidate.waits == 600  # one-second waits, and none after the time ran out


def test_stdin_lines_time_out_then_read_lf_cr_and_crlf_lines(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    try:
        lines = StdinLines(read_end, fallback=lambda: pytest.fail("select works on a pipe"))
        assert lines(0.05) is NO_LINE_YET  # nothing typed yet: the caller gets control back
        os.write(write_end, b"half a li")
        assert lines(0.05) is NO_LINE_YET
        os.write(write_end, "ne\nsecond\r\nthird\rfourth é\n".encode())
        assert [lines(1), lines(1), lines(1), lines(1)] == ["half a line", "second", "third", "fourth é"]
        os.write(write_end, b"bad \xff byte, no newline")
        os.close(write_end)
        write_end = -1
        assert lines(1) == "bad \ufffd byte, no newline"
        assert lines(1) is None
    finally:
        os.close(read_end)
        if write_end != -1:
            os.close(write_end)


# -- B10: answers are checked per type -----------------------------------------------------------------


def test_maybe_is_refused_for_which_tool_and_the_candidate_asked_again() -> None:
    result = run(SEED4, "It reconciles.\n.\nmaybe\n.\nflux\n.\nspec: {}\n.\n")
    assert result.exit_code == 0, result.stderr
    before_report = result.stdout.split("Mock interview report")[0]
    assert "'maybe' is not a choice: answer argo, flux, both or neither (or 1-4)." in before_report
    assert before_report.count("Question 2 of 3") == 1  # still on it, not moved on
    assert stored_answers(os.environ["GITOPS_TUTOR_DB"])[1] == "flux"


@pytest.mark.parametrize(
    ("text", "refused"),
    [("1", False), ("2,3", True), ("7", True), ("one", True), ("", False), ("\u00b2", True), ("9" * 5000, True)],
)
def test_single_choice_answers_are_option_numbers(curriculum, text: str, refused: bool) -> None:
    question = curriculum.questions["team-pull-benefit"]
    assert (answer_problem(question, text) is not None) is refused


def test_multi_choice_and_which_tool_syntax(curriculum) -> None:
    multi = curriculum.questions["team-pick-flux-objects"]
    assert answer_problem(multi, "1, 2") is None and answer_problem(multi, "1;2 3") is None
    assert answer_problem(multi, "1 and 2") is not None
    tool = curriculum.questions["team-which-tool-kustomization"]
    assert all(answer_problem(tool, a) is None for a in ("Flux", "argo cd", "4", " both "))
    assert all(answer_problem(tool, a) is not None for a in ("maybe", "5", "9" * 5000))


# -- P14: a custom length is not called "standard" -------------------------------------------------------


def test_minutes_and_questions_without_a_preset_are_labelled_custom() -> None:
    custom = run(["--lesson", LESSON, "--minutes", "1", "--questions", "2", "--seed", "4"], "\n")
    assert "Mock interview: custom · 1 min · 2 questions" in custom.stdout
    assert "Setup: custom · 1 min · 2 questions" in custom.stdout
    assert "standard" not in custom.stdout
    quick = run(["--lesson", LESSON, "--preset", "quick", "--minutes", "5", "--seed", "4"], "")
    assert "Mock interview: quick · 5 min · 4 questions" in quick.stdout


# -- P15: prompts wrap at the terminal's width between words ------------------------------------------------


def test_prompts_wrap_between_words_at_the_width(tmp_path: Path) -> None:
    result = run(SEED4, "x\n.\n", env={"COLUMNS": "41"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 40
    # The long prompt is on several lines, every word whole.
    assert "Which tool uses a Kustomization custom" in result.stdout
    assert "resource with `spec.prune` and" in result.stdout
    words = " ".join(result.stdout.split())
    assert "Which tool uses a Kustomization custom resource with `spec.prune` and `spec.interval`?" in words


def test_without_a_width_a_script_gets_whole_lines() -> None:
    result = run(SEED4, "x\n.\n", env={"COLUMNS": ""})
    assert "Which tool uses a Kustomization custom resource with `spec.prune` and `spec.interval`?" in result.stdout


# -- R10: redirected input without --plain ---------------------------------------------------------------------


def test_redirected_input_without_plain_runs_the_line_mode() -> None:
    result = run(SEED4, "It reconciles.\n.\nflux\n.\n", plain=False)
    assert result.exit_code == 0, result.stderr
    assert "the input is not a terminal, so the interview runs in line mode (--plain)" in result.stderr
    assert "Answered 2 of 3 questions" in result.stdout
    assert stored_answers(os.environ["GITOPS_TUTOR_DB"])[:2] == ["It reconciles.", "flux"]


# -- reliability F2: pack text reaches the terminal only sanitised --------------------------------------------


def hostile_pack(tmp_path: Path) -> str:
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    questions = pack / "questions" / "reconcile-basics.yaml"
    text = questions.read_text(encoding="utf-8").replace(
        "prompt: Which tool uses a Kustomization custom resource with `spec.prune` and `spec.interval`?",
        'prompt: "\\e]0;PWNED\\a\\e[2J\\e]52;c;cHduZWQ=\\aWhich tool uses a Kustomization?"',
    )
    questions.write_text(text, encoding="utf-8")
    return str(pack)


def test_plain_mode_and_markdown_print_no_control_characters(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = run([*SEED4, "--out", str(out)], "x\n.\nflux\n.\n", pack=hostile_pack(tmp_path))
    assert result.exit_code == 0, result.stderr
    for printed in (result.stdout, out.read_text(encoding="utf-8")):
        assert "\x1b" not in printed and "\x07" not in printed
        assert "\\x1b]0;PWNED\\x07" in printed


# -- reliability F4: a manifest nested 1,000 deep costs one question, not the interview ------------------------


def test_a_deeply_nested_manifest_answer_scores_zero_and_the_interview_finishes() -> None:
    result = run(SEED4, "x\n.\nflux\n.\n" + "[" * 1000 + "\n.\n")
    assert result.exit_code == 0, result.stderr
    assert "internal error" not in result.output
    assert "Answered 3 of 3 questions" in result.stdout
    assert "Question 3: Add automated sync" in result.stdout
    assert result.stdout.split("Question 3: ")[1].splitlines()[1].startswith("  Score: 0 (fail)")


def test_a_grader_that_raises_costs_one_question_not_the_interview(store: ProgressStore, curriculum) -> None:
    """Whatever the grader does with an odd answer, submit() and finish() never raise out of the session."""
    from gitops_tutor.interview.service import default_grade

    real = default_grade(curriculum)

    def fragile(question: AnyQuestion, answer: GraderAnswer) -> GradeResult:
        if answer == "boom":
            raise RecursionError("maximum recursion depth exceeded")
        return real(question, answer)

    service = InterviewService(store, curriculum, grade=fragile)
    session = service.start(InterviewConfig(questions=3, seed=4, lessons=(LESSON,)))
    session.set_answer("boom")
    session.submit()
    report = service.complete(session)
    assert report.total == 3 and report.questions[0].score == 0
    assert report.questions[0].feedback == "This answer could not be graded (RecursionError); it scores 0."


def test_a_saved_interview_with_a_deep_answer_resumes_and_finishes(tmp_path: Path, curriculum) -> None:
    db = tmp_path / "progress.db"
    with ProgressStore.open(db) as store:  # the real clock: the CLI below must not see it as abandoned
        session = InterviewService(store, curriculum).start(InterviewConfig(questions=3, seed=4, lessons=(LESSON,)))
        session.set_answer("x")
        session.submit()
        session.set_answer("flux")
        session.submit()
        session.set_answer("[" * 1000)
        session.flush()  # the process died here, before the interview was finished
    env = {"GITOPS_TUTOR_DB": str(db)}
    resumed = run(["--resume"], ":list\n", env=env)  # one line, then the input ends: finish
    assert resumed.exit_code == 0, resumed.output
    assert "Answered 3 of 3 questions" in resumed.stdout
    again = run(["--resume"], "", env=env)  # nothing left running: a clean one-line refusal, not a crash
    assert again.exit_code == 1 and "no unfinished interview to resume" in again.stderr


# -- R14: Ctrl-C keeps the answers, exits 130 and says how to resume ---------------------------------------------


def test_ctrl_c_in_plain_mode_saves_and_exits_130(tmp_path: Path) -> None:
    db = tmp_path / "progress.db"
    env = {**os.environ, "GITOPS_TUTOR_DB": str(db), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "gitops_tutor", "--content", PACK, "interview", "--plain", *SEED4]
    child = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    assert child.stdin is not None
    child.stdin.write("It compares desired and live state.\n.\nfl")
    child.stdin.write("ux\n")
    child.stdin.flush()
    wait_until_saved(db, "flux", child)
    child.send_signal(__import__("signal").SIGINT)
    _, stderr = child.communicate(timeout=GUARD_SECONDS)
    assert child.returncode == 130
    assert "Aborted!" not in stderr and "Traceback" not in stderr
    assert "Every answer so far is saved: carry on with `gitops-tutor interview --plain --resume`" in stderr
    resumed = subprocess.run(
        [*command[: -len(SEED4)], "--resume"],
        input=".\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=GUARD_SECONDS,
    )
    assert resumed.returncode == 0, resumed.stderr
    assert "Resuming the interview: 2 of 3 answered" in resumed.stdout
    # The terminal drops a line cut off by Ctrl-C before the program sees it: the intro says so, instead
    # of "Ctrl-C stops and keeps it", which read as keeping the half-typed line (QA fresh-eyes-6).
    assert "nor one cut off by Ctrl-C" in resumed.stdout


def wait_until_saved(db: Path, answer: str, child: subprocess.Popen[str]) -> None:
    """Guard, not a timing assertion: wait until the child's saved state holds the line sent."""
    deadline = time.monotonic() + GUARD_SECONDS
    while time.monotonic() < deadline:
        if db.exists():
            try:
                if answer in stored_answers(str(db)):
                    return
            except sqlite3.OperationalError:
                pass
        if child.poll() is not None:
            pytest.fail(f"the interview ended early: {child.communicate()}")
        time.sleep(0.05)
    child.kill()
    pytest.fail("the interview never saved the answer")


def test_the_question_list_shortens_prompts_between_words() -> None:
    result = run(SEED4, ":list\n")
    listed = [line for line in result.stdout.splitlines() if line.startswith("  2. [")]
    assert listed == ["  2. [not answered] Which tool uses a Kustomization custom resource with …"]


def test_a_closed_stdin_is_the_end_of_input(tmp_path: Path) -> None:
    env = {**os.environ, "GITOPS_TUTOR_DB": str(tmp_path / "progress.db")}
    command = [sys.executable, "-m", "gitops_tutor", "--content", PACK, "interview", "--plain", *SEED4]
    closed = subprocess.run(
        ["sh", "-c", '"$@" <&-', "sh", *command], capture_output=True, text=True, env=env, timeout=GUARD_SECONDS
    )
    assert closed.returncode == 0, closed.stderr
    # No line at all is an accident (a closed pipe, `--resume < /dev/null`), not an empty answer sheet.
    assert "No input arrived, so nothing was submitted" in closed.stdout
    assert "Mock interview report" not in closed.stdout


# -- QA fresh-eyes-6: a "fix this manifest" question shows the manifest to fix ------------------------

STARTER_LINES = ["apiVersion: argoproj.io/v1alpha1", "kind: Application", "metadata:", "  name: web", "spec:"]


def test_a_manifest_question_prints_its_starter_unwrapped_before_the_answer() -> None:
    """The app puts the starter in the editor; line mode printed only "Fix this ..." and no manifest."""
    result = run(SEED4, "words\n.\nflux\n.\n")
    assert result.exit_code == 0, result.stderr
    question = result.stdout.split("Question 3 of 3")[1].split("Mock interview report")[0]
    lines = question.splitlines()
    start = lines.index("The manifest to fix (type the whole fixed manifest, then a line holding '.'):")
    assert lines[start + 1 : start + 7] == [*STARTER_LINES, "  project: default"]
    assert lines[start + 7] == "(end of the manifest to fix)"


def test_the_starter_is_not_printed_again_over_an_answer_so_far() -> None:
    """Back on an answered manifest question the candidate sees their own answer, not the starter again."""
    stdin = "words\n.\nflux\n.\nspec:\n  project: default\n:back\n:go 3\n"
    result = run(SEED4, stdin)
    assert result.stdout.count("The manifest to fix") == 1
    assert "  | spec:" in result.stdout
