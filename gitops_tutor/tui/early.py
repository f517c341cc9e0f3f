"""Home's figures read in a second process while this one imports Textual (issue 15).

Most of a start is CPU on one core: Textual's import (~150 ms), then the content and the store
(~70-90 ms), then drawing Home. The first two do not depend on each other, and a machine
has a second core. So before Textual is imported, the command forks a child that loads the
content from the start-up cache, opens the store and reads what Home shows, exactly as the
loader would (``services.load_everything`` and the store's settings), and hands the parent that
small record through a pipe. The parent draws Home from it as soon as its own first frame is
out, and loads its own copy of the content and store on the store's thread afterwards (calls to
the store queue behind that load; see ``Services.arriving``).

The child never draws and never writes to the terminal; it only reads (and, like any start, may
migrate the database or take the day's backup, which the parent's open then finds done). If
anything goes wrong in it (no ``fork`` on this system, a database error, an exception, no answer
in time), the parent simply takes the usual path: load, then draw Home. Nothing here imports
Textual. The record is pickled over a pipe between a process and its own fork, never to or from
a file.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import sys
import time
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from gitops_tutor.cli.context import Settings
    from gitops_tutor.tui.queries import HomeData
    from gitops_tutor.tui.services import Clock

WAIT_SECONDS = 10.0  # for the child's figures; after that the parent loads as it would without them


class EarlyHome(NamedTuple):
    """What Home's first frame needs, read by the child: the figures and the saved look and keys."""

    home: HomeData
    theme: str | None
    keymap: Any


class HomeReader:
    """The parent's end of a child reading Home's figures; ``receive`` is called once, off the event loop."""

    def __init__(self, pid: int, fd: int) -> None:
        self._pid = pid
        self._fd = fd

    def receive(self, timeout: float = WAIT_SECONDS) -> EarlyHome | None:
        """The child's figures, or None (it failed, or took longer than ``timeout``)."""
        chunks: list[bytes] = []
        deadline = time.monotonic() + timeout
        ended = False
        try:
            while not ended:
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([self._fd], [], [], left)[0]:
                    return None
                chunk = os.read(self._fd, 1 << 16)
                chunks.append(chunk)
                ended = not chunk
        except OSError:
            return None
        finally:
            os.close(self._fd)
            self._reap(ended=ended)
        if not any(chunks):
            return None
        try:
            early = pickle.loads(b"".join(chunks))
        except Exception:  # a child cut off mid-write: the usual path
            return None
        return early if isinstance(early, EarlyHome) else None

    def _reap(self, *, ended: bool) -> None:
        """Collect the child's exit, so it leaves no zombie: the pipe ends when the child exits, so
        after its end this hardly waits; a child given up on is not waited for."""
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(self._pid, 0 if ended else os.WNOHANG)


def start_home_reader(settings: Settings, clock: Clock) -> HomeReader | None:
    """Fork the child that reads Home's figures; None where there is no ``fork`` (then the usual path).

    Call it before any thread is started (the command line calls it before importing Textual):
    a fork copies only the calling thread."""
    if not hasattr(os, "fork"):
        return None
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(settings, clock, write_end)
    os.close(write_end)
    return HomeReader(pid, read_end)


def _child(settings: Settings, clock: Clock, fd: int) -> None:
    """Read Home's figures, write them to ``fd``, and leave at once (no exit handlers, no flushing
    of buffers copied from the parent)."""
    status = 1
    try:
        _leave_the_session()
        _silence_terminal()
        payload = pickle.dumps(read_early_home(settings, clock), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        status = 0
    except BaseException:  # noqa: BLE001 - whatever happens here, the parent takes the usual path
        pass
    finally:
        os._exit(status)


def _leave_the_session() -> None:
    """Run as a session of its own, without the terminal: the terminal's keys and signals are the
    parent's, and where the system shares CPU between sessions (Linux's autogroups), a child in the
    app's session took its CPU from the app's own share. On a busy machine that made start-up
    slower (Home 1.61x -> 1.91x the bare app, 15 alternating runs at load 10); on a quiet one the
    child runs on a free core either way."""
    with contextlib.suppress(OSError):
        os.setsid()


def _silence_terminal() -> None:
    """The parent owns the terminal: a warning from the load (it goes to stderr) must not land on it."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)
    sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the child's short life


def read_early_home(settings: Settings, clock: Clock) -> EarlyHome:
    """What the loader reads for Home, in this process: the same calls, so the same figures."""
    from gitops_tutor.tui.services import load_everything

    loaded = load_everything(settings, clock, None, None, with_home=True)
    try:
        assert loaded.home is not None
        theme = loaded.store.get_setting("theme", None)
        keymap = loaded.store.get_setting("keymap", {})
        return EarlyHome(loaded.home, theme if isinstance(theme, str) else None, keymap)
    finally:
        loaded.store.close()
