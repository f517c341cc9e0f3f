"""A separate process that records attempts, for the concurrency and crash tests.

Usage: python -m tests.progress.writer DB PREFIX COUNT [GO_FILE]
Prints each attempt id after its commit returns, so the parent knows what was committed.
COUNT 0 means write until killed.
"""

from __future__ import annotations

import sys
import time
from itertools import count
from pathlib import Path

from gitops_tutor.progress import ProgressStore
from tests.progress.helpers import question, result


def main(db: str, prefix: str, total: int, go_file: str | None) -> None:
    if go_file:
        while not Path(go_file).exists():
            time.sleep(0.001)
    store = ProgressStore.open(db)
    numbers = count() if total == 0 else range(total)
    for n in numbers:
        qid = f"{prefix}-{n % 7}"
        attempt_id = store.record_attempt(question(qid), f"answer {n} " * 50, result(qid, n % 101), mode="practice")
        print(attempt_id, flush=True)
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else None)
