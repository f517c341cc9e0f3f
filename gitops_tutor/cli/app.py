"""Starting the full-screen app from the command line."""

from __future__ import annotations

import gc

from gitops_tutor.cli.context import Settings


def start_app(settings: Settings) -> None:
    """Open the study app; the import is deferred so other commands never load Textual.

    The cyclic garbage collector is paused from here until Home shows its numbers (the app
    turns it back on then, or on the way out): start-up builds hundreds of thousands of
    objects that all stay alive (Textual, the screens, the content), and every collection
    on the way walks them to find no garbage. About 35 ms of CPU from the first frame to
    Home, and 18 ms to the first frame (bench/startup.py machine, tmux).

    Home's figures are read by a forked child while this process imports Textual (``tui.early``).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        from gitops_tutor.tui.early import start_home_reader  # imports no Textual
        from gitops_tutor.tui.services import utc_now

        home_reader = start_home_reader(settings, utc_now)  # before Textual's import, on the second core
        from gitops_tutor.tui.app import run_app

        run_app(settings, collector_paused=was_enabled, home_reader=home_reader)
    finally:
        if was_enabled and not gc.isenabled():
            gc.enable()
