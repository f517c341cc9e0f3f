"""The one error type the progress store raises for problems a learner can act on."""

from __future__ import annotations


class StoreError(Exception):
    """A problem with the progress database, worded so the caller can print it as one line.

    Callers (the CLI, the TUI) show ``str(error)`` and stop; they never need the
    underlying sqlite3 exception, so the message always names the file and what to do.
    """
