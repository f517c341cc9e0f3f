"""One tmux session driving the real ``gitops-tutor``: the shared driver of the real-terminal tests.

Keys go in with ``send-keys`` (a literal write keeps a burst together, as a fast typist, a text
expander or typeahead over SSH sends it); the screen comes out with ``capture-pane``. Waits poll the
screen; there are no sleeps as synchronisation.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures"
COMMAND = Path(sys.executable).parent / "gitops-tutor"
WAIT_SECONDS = 30

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(not COMMAND.exists(), reason="gitops-tutor is not installed in this environment"),
]


def tmux_command(session: str, *args: str) -> list[str]:
    """tmux on a server of the session's own (``-L``), started without any user configuration.

    On the default server a session runs with the environment of whoever started that server
    (a developer's own tmux, a benchmark): the app under test then ran another checkout's code
    through that server's PYTHONPATH, and could read its owner's data folders instead of the test's.
    """
    return ["tmux", "-L", session, "-f", "/dev/null", *args]


def end_session(session: str) -> None:
    """Stop the session's own server (and with it the app, if it still runs)."""
    subprocess.run(tmux_command(session, "kill-server"), capture_output=True, check=False)


class Terminal:
    """One detached tmux session running the app; keys go in with send-keys, the screen comes out with capture-pane."""

    def __init__(self, name: str) -> None:
        self.name = name

    def tmux(self, *args: str) -> str:
        return subprocess.run(tmux_command(self.name, *args), capture_output=True, text=True, check=False).stdout

    def keys(self, *keys: str) -> None:
        """tmux key names (``Enter``, ``C-s``), each sent as its key."""
        subprocess.run(tmux_command(self.name, "send-keys", "-t", self.name, *keys), check=True)

    def write(self, text: str) -> None:
        """Send ``text`` as one literal write: typed characters, escape codes and control bytes alike."""
        subprocess.run(tmux_command(self.name, "send-keys", "-t", self.name, "-l", text), check=True)

    def paste_then(self, text: str, after: str) -> None:
        """Bracketed paste of ``text`` (tmux turns its line ends into CR, as terminals do), then ``after``, at once."""
        buffer = f"b{uuid.uuid4().hex[:8]}"
        subprocess.run(tmux_command(self.name, "set-buffer", "-b", buffer, text), check=True)
        subprocess.run(
            tmux_command(self.name, "paste-buffer", "-p", "-d", "-b", buffer, "-t", self.name, ";",
                         "send-keys", "-t", self.name, "-l", after),
            check=True,
        )  # fmt: skip

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, pattern: str) -> re.Match[str]:
        rx = re.compile(pattern, re.S)
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            if match := rx.search(self.screen()):
                return match
            time.sleep(0.02)
        raise AssertionError(f"{pattern!r} never appeared; the screen was:\n{self.screen()}")

    def wait_until(self, check: Callable[[], Any], what: str) -> Any:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            if result := check():
                return result
            time.sleep(0.05)
        raise AssertionError(f"{what} never happened; the screen was:\n{self.screen()}")
