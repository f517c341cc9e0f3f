"""The interview report in the app: the same Markdown as ``--out``, a key to export it, and a key
to dispute an answer's verdict (the overall score stays the grader's; the disputes are listed above it)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.markdown import Markdown as RichMarkdown
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, RichLog, Static

from gitops_tutor.interview.render import question_title, report_markdown
from gitops_tutor.interview.report import InterviewReport, QuestionReport
from gitops_tutor.progress import StoreError
from gitops_tutor.progress.disputes import Dispute, JudgedAnswer, for_interview
from gitops_tutor.tui.safe_text import sanitize
from gitops_tutor.tui.screens.dispute import AnswerPicker, Claim, DisputeModal
from gitops_tutor.tui.widgets.keyorder import hand_keys_back, push_screen_with_keys

if TYPE_CHECKING:
    from gitops_tutor.tui.services import Services

REPORTS_FOLDER = "reports"


def export_path(report: InterviewReport) -> Path:
    """Reports go next to the learner's data, one file per interview, named by its id."""
    from gitops_tutor import paths

    return paths.data_dir() / REPORTS_FOLDER / f"interview-{report.interview_id}.md"


class ReportText(RichLog):
    """The report's Markdown drawn by Rich once per width, not by Textual's Markdown widget.

    Textual's widget builds a widget per block: a 60-question exam report (94 KB, 120 code blocks)
    took 8.5 s of CPU to mount, and the screen sat frozen for 25-35 s after "Finish" (QA, 2026-11-30).
    Rich draws the same text into lines once (``python bench/report_screen.py``: ~11 s -> ~0.25 s CPU
    to the first frame), code blocks wrap so answers are read in full, and the lines are drawn again
    only when the width changes. The screen's scroll container scrolls it.
    """

    DEFAULT_CSS = """
    ReportText { height: auto; overflow: hidden hidden; background: transparent; padding: 0; }
    """

    def __init__(self, source: str, *, id: str) -> None:  # noqa: A002 - Textual's own name
        super().__init__(wrap=True, markup=False, highlight=False, auto_scroll=False, min_width=20, id=id)
        self.source = source
        self._drawn_width = 0
        self.write(self._markdown(), expand=True)

    def _markdown(self) -> RichMarkdown:
        return RichMarkdown(self.source, code_theme="ansi_dark", hyperlinks=False)

    def on_resize(self, event: events.Resize) -> None:
        first = not self._size_known
        super().on_resize(event)
        width = event.size.width
        if not first and width and width != self._drawn_width:
            self.clear()
            self.write(self._markdown(), expand=True)
        self._drawn_width = width


class InterviewReportScreen(Screen[None]):
    # The scrollbar is always there: one that appears after the report is drawn narrows it by two
    # columns, and a long report would be drawn twice.
    DEFAULT_CSS = """
    InterviewReportScreen #iv-report { height: 1fr; padding: 0 1; overflow-y: scroll; }
    InterviewReportScreen #iv-disputes { padding: 1 1 0 1; height: auto; }
    """
    BINDINGS = [
        Binding("e", "export", "Export", tooltip="Save this report as a Markdown file", id="iv-export"),
        Binding("d", "dispute", "Dispute", tooltip="Wrong verdict on an answer? Say what it deserves", id="iv-dispute"),
        Binding("escape", "close", "Back", tooltip="Back to the interview setup", id="iv-report-back"),
    ]

    def __init__(self, report: InterviewReport) -> None:
        super().__init__()
        self.report = report
        self.exported: Path | None = None
        self.disputes: dict[int, Dispute] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="iv-report"):
            yield Static("", id="iv-disputes")
            yield ReportText(sanitize(report_markdown(self.report)), id="iv-report-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#iv-disputes", Static).display = False
        self.query_one("#iv-report", VerticalScroll).focus()
        if self.services is not None:
            self.run_worker(self._load_disputes(self.services), group="iv-disputes")

    @property
    def services(self) -> Services | None:
        """None in a bare app (tests of the report alone): then there is no store to dispute into."""
        return getattr(self.app, "services", None)

    def disputable(self) -> list[QuestionReport]:
        """Answered free-text questions: the ones a rubric graded, so a rubric can be fixed."""
        return [q for q in self.report.questions if q.reached and q.answered and q.type == "free-text"]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "dispute":
            return self.services is not None and bool(self.disputable())
        return True

    async def _load_disputes(self, services: Services) -> None:
        self.disputes = await services.db(for_interview, services.store, self.report.interview_id)
        self._show_disputes()

    def _show_disputes(self) -> None:
        """How many answers are disputed, each with the grader's verdict and the claim (the score stays)."""
        line = self.query_one("#iv-disputes", Static)
        line.display = bool(self.disputes)
        if not self.disputes:
            return
        count = len(self.disputes)
        text = Text(f"{count} answer{'s' if count != 1 else ''} disputed", style="bold")
        text.append(" (the score below is the grader's)", style="dim")
        for position, dispute in sorted(self.disputes.items()):
            judged = dispute.judged
            text.append(f"\n  question {position + 1}: graded {judged.verdict} ({judged.score}), ")
            text.append(f"you claimed {dispute.claimed}", style="bold")
        line.update(text)

    def action_dispute(self) -> None:
        questions = self.disputable()
        if self.services is None or not questions:
            return
        choices = [(q.position, self._choice_label(q)) for q in questions]
        push_screen_with_keys(self.app, AnswerPicker(choices), self._picked)

    def _choice_label(self, question: QuestionReport) -> str:
        label = f"{sanitize(question_title(question))} — graded {question.verdict} ({question.score})"
        dispute = self.disputes.get(question.position)
        return label + (f", you claimed {dispute.claimed}" if dispute else "")

    def _picked(self, position: int | None) -> None:
        question = next((q for q in self.report.questions if q.position == position), None)
        if question is None:
            hand_keys_back(self)  # keys typed after the picker's Esc are the report's
            return
        earlier = self.disputes.get(question.position)
        claim = Claim(earlier.claimed, earlier.note) if earlier is not None else None
        # The report is behind the dialog: say which answer it is about (QA fresh-eyes-5: a burst that
        # picked the wrong answer showed only "The grader said pass (86)", with nothing to notice it by).
        subject = f"Question {sanitize(question_title(question))}"
        modal = DisputeModal(question.verdict, question.score, claim, subject=subject)
        push_screen_with_keys(self.app, modal, lambda chosen: self._claimed(question, chosen))

    def _claimed(self, question: QuestionReport, claim: Claim | None) -> None:
        if claim is not None and self.services is not None:
            self.run_worker(self._record(self.services, question, claim), group="iv-disputes")
        hand_keys_back(self)  # keys typed after the dialog's Enter or Esc are the report's

    async def _record(self, services: Services, question: QuestionReport, claim: Claim) -> None:
        known = services.curriculum.questions.get(question.question_id)
        judged = JudgedAnswer(
            question.question_id,
            known.content_hash if known is not None else "",
            question.answer,
            question.verdict,
            question.score,
            interview_id=self.report.interview_id,
            position=question.position,
        )
        try:
            dispute = await services.db(services.store.record_dispute, judged, claim.verdict, claim.note)
        except (StoreError, ValueError) as error:
            self.notify(f"Dispute not recorded: {error}", severity="error", markup=False)
            return
        self.disputes[question.position] = dispute
        self._show_disputes()
        self.notify(f"Question {question.position + 1}: you claimed {dispute.claimed} — recorded.", markup=False)

    def action_export(self) -> None:
        target = export_path(self.report)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(report_markdown(self.report), encoding="utf-8")
        except OSError as error:
            self.notify(
                f"Cannot write {target}: {error.strerror}", title="Export failed", severity="error", markup=False
            )
            return
        self.exported = target
        self.notify(f"Report saved to {target}", title="Exported", markup=False)

    def action_close(self) -> None:
        self.dismiss()
