"""The interview report in the app (walkthrough B11): answers and model answers wrap, never clip."""

from __future__ import annotations

from typing import Any

from textual.app import App

from gitops_tutor.interview.report import Breakdown, InterviewReport, QuestionReport
from gitops_tutor.tui.screens.interview_report import InterviewReportScreen
from tests.tui.conftest import settle

LONG_ANSWER = (
    "Revert the bad commit in Git with git revert, push it, and let Argo CD or Flux reconcile the cluster back "
    "to the previous good state. I would not kubectl edit the cluster by hand because the agent would treat "
    "that as drift and undo it, and the history would no longer say what runs. ZEBRA-ANSWER-END"
)
LONG_MODEL = (
    "A rollback redeploys an older revision from the app's history without changing Git, so the live state no "
    "longer matches Git until you revert there too; with auto-sync on, Argo CD refuses it. ZEBRA-MODEL-END"
)
MANIFEST = (
    "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  name: team-a\nspec:\n"
    "  description: a project description long enough to run past the right edge of an 80-column terminal "
    "ZEBRA-YAML-END\n"
)


def question(position: int, kind: str, answer: str, model: str) -> QuestionReport:
    return QuestionReport(
        position=position,
        question_id=f"q{position}",
        prompt=f"Question number {position}?",
        type=kind,
        lesson="ops",
        domain="principles",
        answer=answer,
        answered=True,
        score=40,
        verdict="partial",
        missed=(),
        wrong_claims=(),
        feedback="Partly.",
        details=(),
        seconds=30.0,
        flagged=False,
        model_answer=model,
        explanation="Because.",
    )


def long_report() -> InterviewReport:
    return InterviewReport(
        interview_id="20261130-120000-abcdef",
        setup="quick · 10 min · 2 questions",
        started_at="2026-11-30T12:00:00",
        finished_at="2026-11-30T12:10:00",
        reason="finished",
        limit_seconds=600,
        seconds_used=60.0,
        score=40,
        band="not yet",
        answered=2,
        total=2,
        questions=(question(0, "free-text", LONG_ANSWER, LONG_MODEL), question(1, "manifest", MANIFEST, MANIFEST)),
        lessons=(Breakdown("ops", "Operations", 40, 2),),
        domains=(Breakdown("principles", "Principles", 40, 2),),
    )


class ReportApp(App[None]):
    def __init__(self, report: InterviewReport) -> None:
        super().__init__()
        self.report = report

    def on_mount(self) -> None:
        self.push_screen(InterviewReportScreen(self.report))


def screen_text(screen: Any) -> str:
    """What the terminal shows, words joined across lines (the screen is tall enough for everything)."""
    lines = [strip.text for strip in screen._compositor.render_strips()]
    return " ".join(" ".join(lines).split())


async def test_long_answers_and_model_answers_wrap_at_80_columns() -> None:
    app = ReportApp(long_report())
    async with app.run_test(size=(80, 200)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, InterviewReportScreen)
        text = screen_text(screen)
        for end in ("ZEBRA-ANSWER-END", "ZEBRA-MODEL-END", "ZEBRA-YAML-END"):
            assert end in text, end
        assert "and the history would no longer say what runs." in text
        assert "name: team-a" in text  # the manifest keeps its lines


def exam_report(questions: int) -> InterviewReport:
    """A long exam's report: every question with a manifest-sized answer and model answer."""
    base = long_report()
    items = tuple(question(n, "manifest", MANIFEST, MANIFEST) for n in range(questions))
    return InterviewReport(**{**base.__dict__, "questions": items, "answered": questions, "total": questions})


async def test_a_long_exam_report_is_one_text_widget_however_many_questions() -> None:
    """QA 2026-11-30: Finish on a 60-question exam froze the screen 25-35 s, because Textual's Markdown
    widget built a widget per block of the 94 KB report (8.5 s CPU). The report is now drawn by Rich as
    one renderable: the widget count does not grow with the questions, and everything is still there."""
    counts = []
    for size in (2, 60):
        app = ReportApp(exam_report(size))
        async with app.run_test(size=(100, 40)) as pilot:
            await settle(pilot)
            screen = pilot.app.screen
            assert isinstance(screen, InterviewReportScreen)
            counts.append(len(list(screen.query("*"))))
            text = str(screen.query_one("#iv-report-text").source)  # type: ignore[attr-defined]
            assert text.count("ZEBRA-YAML-END") == 2 * size  # answer and model answer of each question
    assert counts[0] == counts[1]


async def test_the_report_is_drawn_again_when_the_terminal_widens() -> None:
    """The report's lines are drawn once per width: a wider terminal gets longer lines, not a narrow column."""
    app = ReportApp(long_report())
    async with app.run_test(size=(80, 200)) as pilot:
        await settle(pilot)
        report = pilot.app.screen.query_one("#iv-report-text")
        narrow = max(len(line.text.rstrip()) for line in report.lines)  # type: ignore[attr-defined]
        await pilot.resize_terminal(140, 200)
        await settle(pilot)
        wide = max(len(line.text.rstrip()) for line in report.lines)  # type: ignore[attr-defined]
        assert narrow <= 78 < wide
        assert "ZEBRA-ANSWER-END" in screen_text(pilot.app.screen)
