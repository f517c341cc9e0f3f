"""Timed mock interviews: drawing questions, the running session, saving, resuming, reporting.

Pure of any UI: the Textual screens and the line mode both drive an
``InterviewSession`` through an ``InterviewService``, with the clock injected.

The names below load on first use (PEP 562): Home only lists past interviews
(``interview.history``), and importing the package must not also import the report,
the draw and, through them, the grader, which start-up does not need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gitops_tutor.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from gitops_tutor.interview.config import PRESETS, InterviewConfig, build_config
    from gitops_tutor.interview.errors import InterviewError
    from gitops_tutor.interview.history import PastInterview, past_interviews
    from gitops_tutor.interview.report import InterviewReport, band_for, build_report
    from gitops_tutor.interview.service import InterviewService
    from gitops_tutor.interview.session import Alert, InterviewItem, InterviewSession, TimeUp

_HOMES = {
    "PRESETS": "config",
    "InterviewConfig": "config",
    "build_config": "config",
    "InterviewError": "errors",
    "InterviewReport": "report",
    "band_for": "report",
    "build_report": "report",
    "PastInterview": "history",
    "past_interviews": "history",
    "InterviewService": "service",
    "Alert": "session",
    "InterviewItem": "session",
    "InterviewSession": "session",
    "TimeUp": "session",
}

__all__ = [
    "PRESETS",
    "Alert",
    "InterviewConfig",
    "InterviewError",
    "InterviewItem",
    "InterviewReport",
    "InterviewService",
    "InterviewSession",
    "PastInterview",
    "TimeUp",
    "band_for",
    "build_config",
    "build_report",
    "past_interviews",
]


__getattr__, __dir__ = lazy_exports(__name__, _HOMES)
