"""Time the interview layer where a learner could feel it.

Run by hand: ``python bench/interview.py``. Prints medians of several runs for:
- drawing a CGOA-style interview from the shipped bank with 10,000 earlier attempts in the store;
- one save (snapshot + write) of a 20-question interview with 2,000-character answers, which the
  app does every two seconds while the candidate types;
- completing that interview: grading every answer, the report, and 20 recorded attempts.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from gitops_tutor.curriculum.loader import load  # noqa: E402
from gitops_tutor.grading import Grader  # noqa: E402
from gitops_tutor.interview.config import build_config  # noqa: E402
from gitops_tutor.interview.draw import draw_questions, history_from_attempts  # noqa: E402
from gitops_tutor.interview.repository import Snapshot  # noqa: E402
from gitops_tutor.interview.service import InterviewService  # noqa: E402
from gitops_tutor.paths import shipped_content_dir  # noqa: E402
from gitops_tutor.progress import ProgressStore  # noqa: E402

RUNS = 7
ATTEMPTS = 10_000
NOW = datetime(2026, 11, 28, 8, 0, tzinfo=timezone.utc)


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    return common.median_ms(action, runs)


def fill_history(store: ProgressStore, curriculum: object, grader: Grader) -> None:
    questions = list(curriculum.questions.values())  # type: ignore[attr-defined]
    result = grader.grade(questions[0], "")
    with store.batch():
        for n in range(ATTEMPTS):
            question = questions[n % len(questions)]
            when = NOW - timedelta(minutes=ATTEMPTS - n)
            store.record_attempt(question, "x", result, rating="again", mode="practice", started_at=when, ended_at=when)


def main() -> None:
    curriculum = load([], shipped=shipped_content_dir()).curriculum
    grader = Grader(curriculum.aliases, curriculum.misconceptions)
    with tempfile.TemporaryDirectory() as folder:
        store = ProgressStore.open(Path(folder) / "bench.db", clock=lambda: NOW, fuzz=False)
        fill_history(store, curriculum, grader)
        config = build_config("cgoa", seed=1)

        service = InterviewService(store, curriculum, grade=grader.grade, clock=lambda: NOW)

        def draw() -> None:
            draw_questions(curriculum, config, history_from_attempts(service.recent_attempts()), NOW)

        print(f"draw cgoa (20 of {len(curriculum.questions)}) with {ATTEMPTS:,} attempts: {median_ms(draw):.1f} ms")

        session = service.start(config)
        for position in range(len(session.items)):
            session.go_to(position, submit=False)
            session.set_answer(("Git is the source of truth and an agent reconciles continuously. " * 40)[:2000])
        save_ms = median_ms(lambda: service.repository.write(Snapshot.of(session)))
        print(f"save of a {len(session.items)}-question interview with 2,000-char answers: {save_ms:.1f} ms")

        started = time.perf_counter()
        report = service.complete(session)
        print(f"complete (grade all, report, {report.total} attempts): {(time.perf_counter() - started) * 1000:.0f} ms")
        store.close()


if __name__ == "__main__":
    main()
