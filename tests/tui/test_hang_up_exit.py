"""After a hang-up the app ends as soon as its work is saved, never waiting on the closed terminal.

Textual's output thread (8.2's LinuxDriver) dies on its first write to a closed terminal (EIO); its
queue then fills, and the next write on the way out (leaving mouse mode) waited for ever, so the
process stayed until the hang-up watchdog ended it 5 s later, spending CPU meanwhile (the real-terminal
tests of the hang-up itself are in test_hang_up_terminal.py). Here the dead terminal is a file that
fails every write, as the closed one does.
"""

from __future__ import annotations

import errno
import os
import signal
import threading
from pathlib import Path

import pytest
from textual.drivers._writer_thread import MAX_QUEUED_WRITES, WriterThread
from textual.drivers.linux_driver import LinuxDriver

from gitops_tutor.cli.context import Settings
from gitops_tutor.tui.app import GitOpsTutorApp, make_app

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP on this system")

WAIT_SECONDS = 30  # a deadlock shows as this wait running out; a working exit takes milliseconds


class ClosedTerminal:
    """What writing to a terminal whose window was closed does."""

    def write(self, text: str) -> int:
        raise OSError(errno.EIO, "Input/output error")

    def flush(self) -> None:
        """Nothing buffered, nothing to fail."""


def app_with_a_closed_terminal(tmp_path: Path) -> tuple[GitOpsTutorApp, LinuxDriver, WriterThread]:
    app = make_app(Settings((), tmp_path / "progress.db"))
    driver = LinuxDriver(app)
    writer = WriterThread(ClosedTerminal())  # type: ignore[arg-type]
    writer.start()
    driver._writer_thread = writer
    app._driver = driver
    return app, driver, writer


def leave_as_textual_does(driver: LinuxDriver) -> threading.Event:
    """Textual's way out after the terminal closed: more writes than the queue holds, then close()."""
    done = threading.Event()

    def leave() -> None:
        for _ in range(MAX_QUEUED_WRITES * 3):
            driver.write("\x1b[?1000l")
        driver.close()
        done.set()

    threading.Thread(target=leave, daemon=True).start()  # a daemon: if it deadlocks, the test still ends
    return done


async def test_after_a_hang_up_the_way_out_never_waits_on_the_closed_terminal(tmp_path: Path) -> None:
    """(async: Textual's driver is built inside a running event loop)"""
    app, driver, writer = app_with_a_closed_terminal(tmp_path)
    app._write_nowhere()
    assert leave_as_textual_does(driver).wait(WAIT_SECONDS), "leaving blocked on Textual's dead output thread"
    writer.stop()  # nothing was queued for it: it ends at once


def test_after_a_hang_up_the_app_ends_once_its_work_is_saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """on_unmount runs after every screen saved (an interview in its own unmount) and the store closed."""
    ended: list[int] = []
    monkeypatch.setattr(os, "_exit", ended.append)
    app = make_app(Settings((), tmp_path / "progress.db"))
    app._hung_up_by = signal.SIGHUP
    app.on_unmount()
    assert ended == [128 + signal.SIGHUP]


def test_a_plain_kill_still_gives_the_terminal_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SIGTERM leaves the terminal open: Textual restores it on the way out, so the app does not end early."""
    ended: list[int] = []
    monkeypatch.setattr(os, "_exit", ended.append)
    app = make_app(Settings((), tmp_path / "progress.db"))
    app._hung_up_by = signal.SIGTERM
    app.on_unmount()
    assert ended == []
