"""Line mode: the interview driven through stdin, by click's runner and with a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from gitops_tutor.cli.main import cli
from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.interview.config import InterviewConfig
from gitops_tutor.interview.plain import LineInterview
from gitops_tutor.interview.service import InterviewService
from gitops_tutor.progress import ProgressStore
from tests.interview.conftest import FIXTURES, FakeClock

PACK = str(FIXTURES / "good-pack")
LESSON = "team-reconcile-basics"
RECONCILE_PARTIAL = "It compares the desired state with the live state."
MANIFEST = "spec:\n  syncPolicy:\n    automated:\n      prune: true\n      selfHeal: true"


def run(args: list[str], stdin: str) -> tuple[int, str, str]:
    command = ["--content", PACK, "interview", "--plain", "--lesson", LESSON, *args]
    result = CliRunner().invoke(cli, command, input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_a_whole_interview_through_stdin(tmp_path: Path) -> None:
    """Seed 4 draws reconcile, which-tool, manifest; the manifest answer spans several lines."""
    out = tmp_path / "report.md"
    stdin = f"{RECONCILE_PARTIAL}\n.\nflux\n.\n{MANIFEST}\n.\n"
    code, stdout, stderr = run(["--questions", "3", "--seed", "4", "--out", str(out)], stdin)
    assert code == 0, stderr
    assert "Question 1 of 3 (30:00 left)" in stdout
    assert "a line still being typed when time runs out is not" in stdout  # line mode saves on Enter only
    assert "Score" not in stdout.split("Mock interview report")[0]  # no scores before the end
    report = stdout.split("Mock interview report")[1]
    assert "Answered 3 of 3 questions" in report
    assert "Missed: Acts to make them match, continuously" in report
    assert "Score: 100 (pass)" in report
    markdown = out.read_text(encoding="utf-8")
    assert markdown.startswith("# Mock interview report")
    assert "prune: true" in markdown
    with ProgressStore.open(Path(_db())) as store:
        assert sorted(a.question_id for a in store.attempts() if a.mode == "interview") == [
            "team-enable-self-heal",
            "team-what-does-reconcile-do",
            "team-which-tool-kustomization",
        ]


def _db() -> str:
    import os

    return os.environ["GITOPS_TUTOR_DB"]


def test_a_missed_concept_asks_the_follow_up_next() -> None:
    code, stdout, _ = run(["--questions", "1", "--seed", "5"], f"{RECONCILE_PARTIAL}\n.\n2\n.\n")
    assert code == 0
    assert "Question 2 of 2 (30:00 left, follow-up)" in stdout
    assert "Which tool uses a Kustomization" in stdout
    assert "Follow-up: asked because your answer to question 1 missed: Acts to make them match, continuously" in stdout
    assert "Lesson: How our clusters reconcile; domain: Tooling; question id team-which-tool-kustomization" in stdout
    assert "custom · 30 min · 1 question · lessons" in stdout


def test_end_of_input_submits_what_was_typed() -> None:
    code, stdout, _ = run(["--questions", "3", "--seed", "4"], f"{RECONCILE_PARTIAL}\n")
    assert code == 0
    assert "End of input: submitting every answer so far." in stdout
    assert "Answered 1 of 3 questions" in stdout


def test_flag_skip_and_review_before_finishing() -> None:
    stdin = ":flag\n:skip\nflux\n.\n:skip\n1\nmore words about reconciling continuously\n.\n.\n"
    code, stdout, _ = run(["--questions", "3", "--seed", "4"], stdin)
    assert code == 0
    assert "Flagged for review." in stdout
    assert "Not answered: 1, 3" in stdout and "Flagged: 1" in stdout
    assert "Not answered: 3\nFlagged: 1" in stdout  # after the revisit, straight back to the review
    assert stdout.count("Question 2 of 3") == 1
    assert "Answered 2 of 3 questions" in stdout


def test_finishing_early_asks_for_confirmation() -> None:
    code, stdout, _ = run(["--questions", "3", "--seed", "4"], ":finish\nno\nflux\n:finish\nyes\n")
    assert code == 0
    assert stdout.count("Finish now?") == 2
    assert "Answered 1 of 3 questions" in stdout


def test_an_unfinished_interview_must_be_resumed_or_discarded() -> None:
    stdin = ":list\n"
    runner = CliRunner()
    args = ["--content", PACK, "interview", "--plain", "--lesson", LESSON, "--seed", "4", "--questions", "3"]
    # Simulate a crash: start, then never finish (the store is written before the first question).
    with ProgressStore.open(Path(_db())) as store:
        from gitops_tutor.curriculum.loader import load

        curriculum = load([Path(PACK)]).curriculum
        InterviewService(store, curriculum).start(InterviewConfig(questions=2, seed=1))
    blocked = runner.invoke(cli, args, input=stdin)
    assert blocked.exit_code == 1
    assert "an unfinished interview from" in blocked.stderr and "--resume" in blocked.stderr
    assert "Traceback" not in blocked.output
    discarded = runner.invoke(cli, [*args, "--discard"])
    assert discarded.exit_code == 0 and "Discarded interview" in discarded.stdout
    nothing = runner.invoke(cli, [*args, "--resume"])
    assert nothing.exit_code == 1 and "no unfinished interview to resume" in nothing.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--minutes", "0"], "--minutes must be between 1"),
        (["--lesson", "no-such-lesson"], "unknown lesson 'no-such-lesson'"),
        (["--difficulty", "7"], "7 is not in the range 1<=x<=3"),
        (["--out", "/no/such/folder/report.md"], "does not exist"),
    ],
)
def test_bad_options_are_one_clear_line(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["--content", PACK, "interview", "--plain", *args], input="")
    assert result.exit_code in (1, 2)
    assert message in result.stderr
    assert "Traceback" not in result.output


class ScriptedInput:
    """Lines of input that move the fake clock forward as they are 'typed'."""

    def __init__(self, clock: FakeClock, lines: list[tuple[float, str]]) -> None:
        self.clock = clock
        self.lines: Iterator[tuple[float, str]] = iter(lines)

    def __call__(self, timeout: float) -> str | None:
        try:
            seconds, line = next(self.lines)
        except StopIteration:
            return None
        self.clock.advance(seconds)
        return line


def test_line_mode_alerts_and_times_out(service: InterviewService, clock: FakeClock, curriculum: Curriculum) -> None:
    session = service.start(InterviewConfig(minutes=10, questions=3, seed=4, lessons=(LESSON,)))
    lines = [(60, "first line"), (0, "."), (240, "x"), (60, "y"), (180, "z"), (61, "a line ending past zero")]
    typed = ScriptedInput(clock, [*lines, (0, "never read")])
    output: list[str] = []
    LineInterview(session, typed, output.append).run()
    text = "\n".join(output)
    assert "! 5 minutes left" in text and "! 1 minute left" in text
    assert text.index("! 5 minutes left") < text.index("! 1 minute left")
    assert text.rstrip().endswith("Time is up: every answer so far has been submitted.")
    assert not session.running and session.finish_reason == "time-up"
    # The line that was being typed when time ran out still counts; nothing after it is read.
    assert [item.answer for item in session.items][:2] == ["first line", "x\ny\nz\na line ending past zero"]


def test_a_narrow_filter_says_how_many_questions_matched() -> None:
    code, stdout, _ = run(["--difficulty", "2", "--seed", "1"], "\n")  # one empty line, then the input ends
    assert code == 0
    assert "Only 2 questions match these filters." in stdout
    assert "Answered 0 of 2 questions" in stdout


def test_input_that_ends_before_any_line_keeps_the_interview_for_resume() -> None:
    """fresh-eyes 4: `--resume < /dev/null` finished a running 90-minute exam at once."""
    code, stdout, _ = run(["--questions", "3", "--seed", "4"], "")
    assert code == 0
    assert "No input arrived, so nothing was submitted" in stdout and "Mock interview report" not in stdout
    code, stdout, _ = run(["--resume"], "")
    assert "Resuming the interview: 0 of 3 answered" in stdout and "Mock interview report" not in stdout
    code, stdout, _ = run(["--resume"], f"{RECONCILE_PARTIAL}\n.\n")
    assert code == 0 and "Answered 1 of 3 questions" in stdout
    assert "1 question never reached scores 0 here and stays new for study" in stdout
    with ProgressStore.open(Path(_db())) as store:  # question 2 was shown (then the input ended): a miss
        assert len(store.attempts()) == 2 and "team-what-does-reconcile-do" in {a.question_id for a in store.attempts()}
