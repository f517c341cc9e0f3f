"""A second process that keeps saving answers until told to stop, for the concurrency test.

Usage: python -m tests.faults.steady_writer DB PREFIX STOP_FILE
Prints each attempt id once its commit has returned; stops when STOP_FILE exists,
so it is certainly writing for as long as the other process is.
"""

from __future__ import annotations

import sys
import time
from itertools import count
from pathlib import Path

from gitops_tutor.progress import ProgressStore
from tests.progress.helpers import question, result

PAUSE_SECONDS = 0.01  # between saves, as a person (or a script) leaves gaps; without any, SQLite's busy
# handler, which sleeps and retries, lets one tight writer starve the others


def main(db: str, prefix: str, stop_file: Path) -> None:
    with ProgressStore.open(db) as store:
        for n in count():
            if stop_file.exists():
                break
            qid = f"{prefix}-{n % 5}"
            print(store.record_attempt(question(qid), f"steady {n}", result(qid, n % 101), mode="review"), flush=True)
            time.sleep(PAUSE_SECONDS)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], Path(sys.argv[3]))
