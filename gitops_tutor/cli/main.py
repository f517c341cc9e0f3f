"""Entry point of ``gitops-tutor``.

Subcommands are imported lazily (``LazyGroup``) so that starting the app does not
pay for modules only other commands need, and so each command lives in its own
small module.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
from pathlib import Path
from typing import Any

import click

from gitops_tutor import __version__
from gitops_tutor.cli.context import Settings

# name -> "module:attribute"; each module owns one group of related commands.
COMMANDS: dict[str, str] = {
    "validate": "gitops_tutor.cli.content:validate",
    "list": "gitops_tutor.cli.content:list_items",
    "grade": "gitops_tutor.cli.grade:grade",
    "new": "gitops_tutor.cli.authoring:new",
    "serve": "gitops_tutor.cli.serve:serve",
    "stats": "gitops_tutor.cli.progress:stats",
    "export": "gitops_tutor.cli.progress:export",
    "import": "gitops_tutor.cli.progress:import_history",
    "reset": "gitops_tutor.cli.progress:reset",
    "recover": "gitops_tutor.cli.progress:recover",
    "interview": "gitops_tutor.cli.interview:interview",
    "disputes": "gitops_tutor.cli.disputes:disputes",
}


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when it is run or listed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command


@click.group(cls=LazyGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--content",
    "content_dirs",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Add a content pack folder on top of the shipped content (repeatable; also GITOPS_TUTOR_CONTENT).",
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Progress database file (also GITOPS_TUTOR_DB).",
)
@click.version_option(__version__, prog_name="gitops-tutor")
@click.pass_context
def cli(ctx: click.Context, content_dirs: tuple[Path, ...], db_path: Path | None) -> None:
    """Learn GitOps, Argo CD and Flux in the terminal, and get ready for interviews.

    With no command, opens the study app.
    """
    ctx.obj = Settings.from_options(content_dirs, db_path)
    if ctx.invoked_subcommand is None:
        from gitops_tutor.cli.app import start_app

        start_app(ctx.obj)


def main(argv: list[str] | None = None) -> Any:
    """Run the command line; an unexpected error becomes one line, not a traceback."""
    try:
        return _run(argv)
    finally:
        # The process ends here. Python's shutdown runs full collections over every object still
        # tracked, and after validate (the content and every phrasing it compiled) that was ~200 ms
        # of CPU on the shipped content to find no garbage. Frozen objects are skipped by them; they
        # are freed as before. Files the commands write are closed before they return.
        gc.freeze()


def _run(argv: list[str] | None) -> Any:
    try:
        return cli.main(args=argv, prog_name="gitops-tutor", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("gitops-tutor: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence for users
        if os.environ.get("GITOPS_TUTOR_DEBUG"):
            raise
        click.echo(
            f"gitops-tutor: internal error: {type(exc).__name__}: {exc} (set GITOPS_TUTOR_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(3)
