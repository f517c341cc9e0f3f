"""``gitops-tutor serve``: the same app in a browser, for workshops, through textual-serve.

Every run makes a secret token and prints the one address that carries it; the guard in
``serve_guard`` refuses pages and sockets without it, sockets from other web sites, foreign Host
names, and sessions past the cap (see that module for why).
"""

from __future__ import annotations

import errno
import os
import shlex
import socket
import sys
from typing import Any

import click

from gitops_tutor.cli.context import Settings

TOKEN_ENV = "GITOPS_TUTOR_SERVE_TOKEN"


def app_command(settings: Settings) -> str:
    """The shell command textual-serve runs for each browser session: this very app and its options."""
    parts = [sys.executable, "-m", "gitops_tutor", "--db", str(settings.db_path)]
    for folder in settings.content_dirs:
        parts += ["--content", str(folder)]
    return shlex.join(parts)


def check_port_free(host: str, port: int) -> None:
    """Fail before printing an address, with a sentence, when another program holds the port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise click.ClickException(f"port {port} is already in use; choose another with --port") from None
            raise click.ClickException(f"cannot listen on {host}:{port}: {error.strerror}") from None


def guarded_server(command: str, host: str, port: int, max_sessions: int, token: str) -> Any:
    """A textual-serve Server with the guard's middleware on its web app."""
    from textual_serve.server import Server

    from gitops_tutor.cli.serve_guard import Guard, guard_middleware

    guard = Guard(token=token, host=host, port=port, max_sessions=max_sessions)

    class GuardedServer(Server):
        async def _make_app(self) -> Any:
            app = await super()._make_app()
            app.middlewares.append(guard_middleware(guard))  # type: ignore[arg-type]
            return app

    return GuardedServer(command, host=host, port=port, title="gitops-tutor")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; localhost only by default.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--max-sessions",
    default=4,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Browser sessions open at once (each is an app process).",
)
@click.pass_obj
def serve(settings: Settings, host: str, port: int, max_sessions: int) -> None:
    """Serve the study app to a web browser (needs the 'serve' extra: textual-serve).

    Open the printed address: it carries this run's secret token. Pages without it, and
    connections from other web sites, are refused.
    """
    try:
        import textual_serve.server  # noqa: F401
    except ImportError:
        raise click.ClickException(
            "serving needs textual-serve: pip install 'gitops-tutor[serve]' (or pip install textual-serve)"
        ) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: binding to {host} makes your progress database reachable from the network", err=True)
    check_port_free(host, port)
    from gitops_tutor.cli.serve_guard import new_token

    token = os.environ.get(TOKEN_ENV) or new_token()
    shown_host = f"[{host}]" if ":" in host else host
    click.echo(f"serving gitops-tutor at http://{shown_host}:{port}/?token={token} (Ctrl+C to stop)", err=True)
    guarded_server(app_command(settings), host, port, max_sessions, token).serve()
