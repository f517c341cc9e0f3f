"""``gitops-tutor interview`` without ``--plain``: the app, opened straight on the interview."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from gitops_tutor.interview.config import InterviewConfig
from gitops_tutor.tui.screens.interview import REQUEST_ATTRIBUTE, InterviewRequest

if TYPE_CHECKING:
    from gitops_tutor.cli.context import Settings
    from gitops_tutor.interview.report import InterviewReport
    from gitops_tutor.tui.app import GitOpsTutorApp


def interview_app(
    settings: Settings, config: InterviewConfig, *, resume: bool = False, take_over: bool = False
) -> GitOpsTutorApp:
    """The study app set to open on the interview mode with this request."""
    from gitops_tutor.tui.app import make_app

    app = make_app(settings)
    app.start_mode = "interview"
    setattr(app, REQUEST_ATTRIBUTE, InterviewRequest(config, resume, take_over))  # noqa: B010 - read by the setup screen
    return app


def run_interview_app(
    settings: Settings, config: InterviewConfig, *, resume: bool = False, take_over: bool = False
) -> InterviewReport | None:
    """Run until the learner quits; returns the report if an interview was completed.

    The terminal reads pastes whole here too, as in ``run_app``: without it a pasted coloured
    ``kubectl`` output was cut into keys, and the answer stored in the interview was the paste's
    tail, its escape codes as text, then its head (QA fresh-eyes-5)."""
    from gitops_tutor.tui.widgets.keyorder import install_paste_safe_parser

    app = interview_app(settings, config, resume=resume, take_over=take_over)
    install_paste_safe_parser()
    app.run()
    if app.startup_error:
        print(f"gitops-tutor: {app.startup_error}", file=sys.stderr)
        raise SystemExit(1)
    report: InterviewReport | None = getattr(app, "interview_report", None)
    return report
