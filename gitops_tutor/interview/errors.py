"""The one error the interview layer raises for the user to read."""

from __future__ import annotations


class InterviewError(Exception):
    """A clear, one-line reason an interview cannot start, resume or be saved."""
