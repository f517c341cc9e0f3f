"""The command line freezes the collector on its way out (issue 15: validate's CPU).

Python's shutdown walks every tracked object in full collections; after validate that was
about a fifth of the process's CPU, to find no garbage. ``main`` freezes what is left.
"""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import atexit, gc
from gitops_tutor.cli.main import main
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count() > 0))
main({argv!r})
"""


def run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    code = PROBE.format(argv=argv)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_objects_are_frozen_when_a_command_ends() -> None:
    done = run(["--version"])
    assert done.returncode == 0
    assert "frozen at exit: True" in done.stdout


def test_objects_are_frozen_when_a_command_fails() -> None:
    done = run(["no-such-command"])
    assert done.returncode == 2
    assert "frozen at exit: True" in done.stdout
