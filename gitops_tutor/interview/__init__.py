"""Timed mock interviews: drawing questions, the running session, saving, resuming, reporting.

Pure of any UI: the Textual screens and the line mode both drive an
``InterviewSession`` through an ``InterviewService``, with the clock injected.
"""

from __future__ import annotations

from gitops_tutor.interview.config import PRESETS, InterviewConfig, build_config
from gitops_tutor.interview.errors import InterviewError
from gitops_tutor.interview.report import InterviewReport, band_for, build_report
from gitops_tutor.interview.repository import PastInterview, past_interviews
from gitops_tutor.interview.service import InterviewService
from gitops_tutor.interview.session import Alert, InterviewItem, InterviewSession, TimeUp

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
