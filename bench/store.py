"""Time the progress store with a heavy history: 100,000 attempts over 2,000 questions.

Run by hand: ``python bench/store.py [--db FILE] [--attempts N] [--questions N]``.
The history is built through the store's own API (``record_attempt`` in batches of
one transaction each) over about two years of simulated days. Aims (issue 4): opening
not noticeably slower, ``stats`` under 100 ms, ``record_attempt`` under 5 ms.
Prints medians of several runs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gitops_tutor.curriculum.models import Curriculum, Domain, Lesson, WhichToolQuestion  # noqa: E402
from gitops_tutor.grading import GradeResult  # noqa: E402
from gitops_tutor.progress import ProgressStore  # noqa: E402

START = datetime(2024, 1, 1, 8, 0, tzinfo=timezone.utc)
DAYS = 730
BATCH = 1000
LESSONS = 40
DOMAINS = ("terminology", "principles", "practices", "patterns", "tooling")


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def make_curriculum(question_count: int) -> Curriculum:
    lessons = {
        f"lesson-{n:02}": Lesson(
            id=f"lesson-{n:02}",
            title=f"Lesson {n}",
            order=n,
            summary="",
            objectives=(),
            key_terms=(),
            body="## A\n",
            domain=DOMAINS[n % len(DOMAINS)],
            check_questions=(),
        )
        for n in range(LESSONS)
    }
    questions = {
        f"q-{n:05}": WhichToolQuestion(
            id=f"q-{n:05}",
            lesson=f"lesson-{n % LESSONS:02}",
            type="which-tool",
            prompt=f"Question {n}?",
            difficulty=1 + n % 3,
            tags=(),
            domain=DOMAINS[n % len(DOMAINS)],
            explanation="",
            content_hash=f"hash-{n}",
            answer="argo",
            why="",
        )
        for n in range(question_count)
    }
    domains = {d: Domain(d, d.title(), 20.0) for d in DOMAINS}
    return Curriculum(lessons=lessons, questions=questions, comparison=None, aliases={}, domains=domains)


def grade(question_id: str, rng: random.Random) -> GradeResult:
    score = rng.choice((5, 20, 45, 60, 75, 85, 90, 95, 100))
    verdict = "pass" if score >= 70 else "partial" if score >= 40 else "fail"
    rating = "good" if score >= 85 else "hard" if score >= 60 else "again"
    return GradeResult(question_id, score, verdict, rating=rating, feedback="synthetic")


def build(store: ProgressStore, clock: Clock, curriculum: Curriculum, attempts: int) -> None:
    rng = random.Random(4)
    questions = list(curriculum.questions.values())
    per_batch_seconds = DAYS * 86400 / (attempts / BATCH)
    for start in range(0, attempts, BATCH):
        with store.batch():
            for n in range(start, min(start + BATCH, attempts)):
                question = questions[n % len(questions)] if n < len(questions) else rng.choice(questions)
                result = grade(question.id, rng)
                store.record_attempt(question, f"answer {n}", result, mode="practice")
                clock.now += timedelta(seconds=per_batch_seconds / BATCH)
        if start % 20000 == 0:
            print(f"  ... {start + BATCH} attempts", flush=True)


class Timing:
    """Median wall-clock and CPU milliseconds: CPU time shows the cost when the machine is busy."""

    def __init__(self, action: Callable[[], object], runs: int) -> None:
        wall, cpu = [], []
        for _ in range(runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            action()
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        self.wall = statistics.median(wall)
        self.cpu = statistics.median(cpu)

    def __str__(self) -> str:
        return f"{self.wall:7.2f} ms wall, {self.cpu:6.2f} ms cpu"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="reuse or create this database (default: a temporary file)")
    parser.add_argument("--attempts", type=int, default=100_000)
    parser.add_argument("--questions", type=int, default=2_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        run(args.db or Path(folder) / "progress.db", args.attempts, args.questions)


def run(db_path: Path, attempts: int, question_count: int) -> None:
    curriculum = make_curriculum(question_count)
    clock = Clock(START)
    store = ProgressStore.open(db_path, clock=clock)
    if store.attempt_count() < attempts:
        print(f"building {attempts:,} attempts over {question_count:,} questions in {db_path} ...")
        started = time.perf_counter()
        build(store, clock, curriculum, attempts - store.attempt_count())
        print(f"built in {time.perf_counter() - started:.1f} s ({store.attempt_count():,} attempts)")
    else:
        clock.now = START + timedelta(days=DAYS)
    store.close()
    size_mb = db_path.stat().st_size / 1e6
    print(f"database file: {size_mb:.1f} MB")

    open_ms = Timing(lambda: ProgressStore.open(db_path, clock=clock).close(), 5)
    store = ProgressStore.open(db_path, clock=clock)
    empty = Path(tempfile.mkdtemp()) / "empty.db"
    empty_ms = Timing(lambda: ProgressStore.open(empty, clock=clock).close(), 5)
    stats_ms = Timing(lambda: store.stats(curriculum), 9)
    queue_ms = Timing(lambda: store.review_queue(curriculum), 9)
    due_ms = Timing(lambda: store.due_count(curriculum), 9)
    rng = random.Random(5)
    questions = list(curriculum.questions.values())

    def one_attempt() -> None:
        question = rng.choice(questions)
        clock.now += timedelta(seconds=30)
        store.record_attempt(question, "answer", grade(question.id, rng), mode="review")

    record_ms = Timing(one_attempt, 200)
    numbers = store.stats(curriculum)
    store.close()
    print(f"open, {store_size(numbers)}: {open_ms}   (empty database: {empty_ms})")
    print(f"stats:                   {stats_ms}   (aim < 100 ms)")
    print(f"record_attempt:          {record_ms}   (aim < 5 ms; one transaction each, synchronous=FULL)")
    print(f"review_queue:            {queue_ms}   ({len(store_queue_len(curriculum, db_path, clock))} items)")
    print(f"due_count:               {due_ms}")


def store_size(numbers: object) -> str:
    totals = getattr(numbers, "totals", None)
    return f"{getattr(totals, 'attempts', 0):,} attempts"


def store_queue_len(curriculum: Curriculum, db_path: Path, clock: Clock) -> list[object]:
    with ProgressStore.open(db_path, clock=clock) as store:
        return list(store.review_queue(curriculum))


if __name__ == "__main__":
    main()
