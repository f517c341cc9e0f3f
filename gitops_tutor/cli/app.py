"""Starting the full-screen app from the command line."""

from __future__ import annotations

from gitops_tutor.cli.context import Settings


def start_app(settings: Settings) -> None:
    """Open the study app; the import is deferred so other commands never load Textual."""
    from gitops_tutor.tui.app import run_app

    run_app(settings)
