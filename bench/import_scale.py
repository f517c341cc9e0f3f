"""Time ``gitops-tutor import`` of a very large export into a fresh database, as a whole process.

Run by hand: ``python bench/import_scale.py [--attempts 1000000] [--questions 2000] [--runs 1]``.

The export is written directly in the format ``gitops-tutor export`` writes (indented JSON,
one object per attempt with a grader result), over about two years of simulated days, and kept
in the temporary folder so a second run does not pay for it again; generating it is never part
of the timing. Each run imports it into a fresh database in a child process and prints the
child's wall time, CPU time (user + system, from ``wait4``) and peak resident memory, beside
the file's size: the aim is well under twice the file's size in memory.

``--profile N`` instead runs the import of an N-attempt export in this process under cProfile
and tracemalloc (separately) and prints where the time and the Python memory go.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import sys
import tempfile
import tracemalloc
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import run_child  # noqa: E402

START = datetime(2024, 1, 1, 8, 0, tzinfo=timezone.utc)
DAYS = 700
SCORES = (5, 20, 45, 60, 75, 85, 90, 95, 100)
ANSWERS = (
    "Argo CD pulls the desired state from Git and reconciles the cluster to it.",
    "Flux watches the repository and applies the manifests it finds.",
    "I'm not sure, maybe a push pipeline with kubectl apply?",
    "Drift is reverted because the controller keeps comparing live state with Git.",
)


def export_path(attempts: int, questions: int) -> Path:
    return Path(tempfile.gettempdir()) / f"gitops-import-scale-{attempts}-{questions}.json"


def attempt_record(n: int, attempts: int, questions: int, rng: random.Random) -> dict[str, object]:
    """One attempt as ``export_attempt`` writes it, spread evenly over the simulated days."""
    ended = START + timedelta(days=n * DAYS / attempts, seconds=rng.randrange(0, 3600))
    score = rng.choice(SCORES)
    verdict = "pass" if score >= 70 else "partial" if score >= 40 else "fail"
    rating = "good" if verdict == "pass" else "hard" if verdict == "partial" else "again"
    question_id = f"q-{rng.randrange(questions):05}"
    return {
        "uid": f"{rng.getrandbits(128):032x}",  # random, as uuid4().hex is: the unique index sees no order
        "question_id": question_id,
        "content_hash": f"hash-{question_id}",
        "answer": rng.choice(ANSWERS),
        "score": score,
        "verdict": verdict,
        "rating": rating,
        "mode": "practice",
        "started_at": (ended - timedelta(seconds=40)).isoformat(timespec="microseconds"),
        "ended_at": ended.isoformat(timespec="microseconds"),
        "result": {
            "question": question_id,
            "score": score,
            "verdict": verdict,
            "concepts": [],
            "wrong_claims": [],
            "feedback": "Covered: pull-based reconciliation.",
            "rating": rating,
            "flags": [],
            "details": [],
        },
    }


def write_export(path: Path, attempts: int, questions: int) -> None:
    """Stream the export to disk attempt by attempt (building it in memory would need gigabytes)."""
    rng = random.Random(16)
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as out:
        header = {"format": "gitops-tutor-progress", "version": 1, "exported_at": "2026-01-01T00:00:00.000000+00:00"}
        out.write("{\n" + "".join(f"  {json.dumps(k)}: {json.dumps(v)},\n" for k, v in header.items()))
        out.write('  "schema_version": 3,\n  "attempts": [\n')
        for n in range(attempts):
            text = json.dumps(attempt_record(n, attempts, questions, rng), indent=2)
            out.write(("    " + text.replace("\n", "\n    ")) + (",\n" if n + 1 < attempts else "\n"))
        out.write('  ],\n  "lesson_sections": [],\n  "lessons_completed": [],\n  "settings": {},\n')
        out.write('  "interviews": [],\n  "interview_answers": []\n}\n')
    partial.replace(path)


def ensure_export(attempts: int, questions: int) -> Path:
    path = export_path(attempts, questions)
    if not path.exists():
        print(f"writing {path} (not timed) ...", flush=True)
        write_export(path, attempts, questions)
    return path


def timed_import(path: Path, runs: int) -> None:
    size_mb = path.stat().st_size / 1e6
    print(f"export: {path} ({size_mb:,.0f} MB)")
    for run in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            env = {**os.environ, "GITOPS_TUTOR_DATA_DIR": folder, "GITOPS_TUTOR_DB": f"{folder}/progress.db"}
            child = run_child(
                [sys.executable, "-c", "from gitops_tutor.cli.main import main; main()", "import", str(path)], 3600, env
            )
            if child.failed():
                print(f"run {run + 1}: FAILED {child.failed()}")
                continue
            db_mb = Path(folder, "progress.db").stat().st_size / 1e6
            print(
                f"run {run + 1}: wall {child.seconds:.1f} s, CPU {child.cpu_seconds:.1f} s, "
                f"peak RSS {child.peak_mb:,.0f} MB ({child.peak_mb / size_mb:.2f}x the file), db {db_mb:,.0f} MB"
            )
            print(f"  {child.stdout.strip()}")


def profile_import(path: Path) -> None:
    """Where the time goes (cProfile), then where Python memory peaks (tracemalloc), in this process."""
    from gitops_tutor.progress import ProgressStore
    from gitops_tutor.progress.transfer import import_file

    with tempfile.TemporaryDirectory() as folder:
        store = ProgressStore.open(Path(folder, "p.db"))
        profiler = cProfile.Profile()
        profiler.enable()
        with path.open("rb") as stream:
            import_file(store, stream, str(path))
        profiler.disable()
        store.close()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    with tempfile.TemporaryDirectory() as folder:
        store = ProgressStore.open(Path(folder, "p.db"))
        tracemalloc.start(10)
        with path.open("rb") as stream:
            import_file(store, stream, str(path))
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        store.close()
        print(f"tracemalloc: peak {peak / 1e6:.1f} MB of Python objects (file {path.stat().st_size / 1e6:.0f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--attempts", type=int, default=1_000_000)
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--profile", type=int, metavar="N", help="profile an N-attempt import in this process")
    args = parser.parse_args()
    if args.profile:
        profile_import(ensure_export(args.profile, args.questions))
    else:
        timed_import(ensure_export(args.attempts, args.questions), args.runs)


if __name__ == "__main__":
    main()
