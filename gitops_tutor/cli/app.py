"""Starting the full-screen app from the command line."""

from __future__ import annotations

import click

from gitops_tutor.cli.context import Settings


def start_app(settings: Settings) -> None:
    """Open the study app; the import is deferred so other commands never load Textual."""
    try:
        from gitops_tutor.tui.app import run_app
    except ImportError:
        click.echo(
            "gitops-tutor: the study app is not built yet; use a subcommand (see 'gitops-tutor --help').",
            err=True,
        )
        raise SystemExit(2) from None
    run_app(settings)
