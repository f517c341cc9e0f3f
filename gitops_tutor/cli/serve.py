"""``gitops-tutor serve``: the same app in a browser, for workshops, through textual-serve."""

from __future__ import annotations

import shlex
import sys

import click

from gitops_tutor.cli.context import Settings


def app_command(settings: Settings) -> str:
    """The shell command textual-serve runs for each browser session: this very app and its options."""
    parts = [sys.executable, "-m", "gitops_tutor", "--db", str(settings.db_path)]
    for folder in settings.content_dirs:
        parts += ["--content", str(folder)]
    return shlex.join(parts)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; localhost only by default.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.pass_obj
def serve(settings: Settings, host: str, port: int) -> None:
    """Serve the study app to a web browser (needs the 'serve' extra: textual-serve)."""
    try:
        from textual_serve.server import Server
    except ImportError:
        raise click.ClickException(
            "serving needs textual-serve: pip install 'gitops-tutor[serve]' (or pip install textual-serve)"
        ) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: binding to {host} makes your progress database reachable from the network", err=True)
    click.echo(f"serving gitops-tutor at http://{host}:{port} (Ctrl+C to stop)", err=True)
    Server(app_command(settings), host=host, port=port, title="gitops-tutor").serve()
