"""The interview report in the app: the same Markdown as ``--out``, and a key to export it."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown

from gitops_tutor.interview.render import report_markdown
from gitops_tutor.interview.report import InterviewReport
from gitops_tutor.tui.safe_text import sanitize

REPORTS_FOLDER = "reports"


def export_path(report: InterviewReport) -> Path:
    """Reports go next to the learner's data, one file per interview, named by its id."""
    from gitops_tutor import paths

    return paths.data_dir() / REPORTS_FOLDER / f"interview-{report.interview_id}.md"


class InterviewReportScreen(Screen[None]):
    # Answers and model answers are code blocks (a manifest keeps its lines); Textual's fences
    # scroll sideways with no scrollbar, which clipped every answer at the right edge. Here they
    # wrap instead: the report is where a learner reads the model answers in full. A question's
    # heading (its prompt's first line) is sized to its text by Textual and was cut at the edge.
    DEFAULT_CSS = """
    InterviewReportScreen #iv-report { height: 1fr; padding: 0 1; }
    InterviewReportScreen MarkdownFence { overflow: hidden hidden; layout: vertical; }
    InterviewReportScreen MarkdownFence > Label { width: 100%; height: auto; text-wrap: wrap; }
    InterviewReportScreen MarkdownH3 { width: 1fr; }
    """
    BINDINGS = [
        Binding("e", "export", "Export", tooltip="Save this report as a Markdown file", id="iv-export"),
        Binding("escape", "close", "Back", tooltip="Back to the interview setup", id="iv-report-back"),
    ]

    def __init__(self, report: InterviewReport) -> None:
        super().__init__()
        self.report = report
        self.exported: Path | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="iv-report"):
            yield Markdown(sanitize(report_markdown(self.report)), id="iv-report-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#iv-report", VerticalScroll).focus()

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
