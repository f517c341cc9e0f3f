"""A process that saves answers until a file-size limit stops it, then retries once the limit is lifted.

Usage: python -m tests.faults.fsize_writer DB
Prints ``committed ID`` after each saved attempt, ``refused MESSAGE`` when the store
refuses, and ``retried ID`` after the retry. Python ignores SIGXFSZ, so an oversized
write fails with EFBIG instead of killing the process, as on a full quota.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path

from gitops_tutor.progress import ProgressStore, StoreError
from tests.progress.helpers import question, result

HEADROOM = 16 * 1024


def current_size(db: Path) -> int:
    return sum(p.stat().st_size for p in (db, Path(f"{db}-wal")) if p.exists())


def save(store: ProgressStore, n: int) -> int:
    return store.record_attempt(question(f"q{n % 5}"), f"answer {n} " * 400, result(f"q{n % 5}", 70), mode="practice")


def main(db: Path) -> None:
    store = ProgressStore.open(db)
    for n in range(3):
        print("committed", save(store, n), flush=True)
    limit = current_size(db) + HEADROOM
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    try:
        for n in range(3, 200):
            print("committed", save(store, n), flush=True)
    except StoreError as error:
        print("refused", str(error).replace("\n", "\\n"), flush=True)
    resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    print("retried", save(store, 999), flush=True)
    store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
