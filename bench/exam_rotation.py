"""Time what rotating the cgoa-exam papers adds to starting a mock (issue 14).

Run by hand: ``python bench/exam_rotation.py [MOCKS]`` (default 500). Writes MOCKS finished cgoa-exam mocks of 60
questions straight into a temporary store (plus as many standard interviews, which the
query must skip), then prints medians of several runs for:
- reading which questions the earlier mocks asked (the one grouped query, ``asked_in_preset``);
- drawing a cgoa-exam paper from the shipped bank with and without that history.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from gitops_tutor.curriculum.loader import load  # noqa: E402
from gitops_tutor.interview.config import build_config  # noqa: E402
from gitops_tutor.interview.draw import draw_questions  # noqa: E402
from gitops_tutor.interview.repository import asked_in_preset  # noqa: E402
from gitops_tutor.paths import shipped_content_dir  # noqa: E402
from gitops_tutor.progress import ProgressStore  # noqa: E402
from gitops_tutor.progress.timeutil import iso  # noqa: E402

RUNS = 7
MOCKS = 500
NOW = datetime(2026, 11, 30, 8, 0, tzinfo=timezone.utc)


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    return common.median_ms(action, runs)


def fill_mocks(store: ProgressStore, question_ids: list[str], mocks: int) -> None:
    """``mocks`` exam mocks and as many standard interviews, each of 60 questions, a day apart."""
    with store.write() as conn:
        for n in range(mocks * 2):
            preset = "cgoa-exam" if n % 2 == 0 else "standard"
            interview_id = f"mock-{n:05d}"
            when = iso(NOW - timedelta(days=mocks * 2 - n))
            config = json.dumps(build_config(preset, seed=n).to_dict())
            conn.execute(
                "INSERT INTO interviews (id, created_at, updated_at, status, config_json, state_json, score, band) "
                "VALUES (?, ?, ?, 'finished', ?, '{}', 50, 'not yet')",
                (interview_id, when, when, config),
            )
            conn.executemany(
                "INSERT INTO interview_answers (interview_id, position, question_id, answer, seconds_spent, flagged) "
                "VALUES (?, ?, ?, '1', 10.0, 0)",
                [(interview_id, p, question_ids[(n * 60 + p) % len(question_ids)]) for p in range(60)],
            )


def main(mocks: int) -> None:
    curriculum = load([], shipped=shipped_content_dir()).curriculum
    with tempfile.TemporaryDirectory() as folder:
        store = ProgressStore.open(Path(folder) / "bench.db", clock=lambda: NOW, fuzz=False)
        fill_mocks(store, sorted(curriculum.questions), mocks)
        config = build_config("cgoa-exam", seed=1)
        asked = asked_in_preset(store, "cgoa-exam")
        print(f"{mocks} exam mocks + {mocks} standard interviews, {mocks * 120:,} answer rows")
        query_ms = median_ms(lambda: asked_in_preset(store, "cgoa-exam"))
        print(f"asked_in_preset (one query, {len(asked)} questions): {query_ms:.1f} ms")
        print(f"draw cgoa-exam, no history: {median_ms(lambda: draw_questions(curriculum, config, {}, NOW)):.1f} ms")
        print(
            f"draw cgoa-exam, rotating over that history: "
            f"{median_ms(lambda: draw_questions(curriculum, config, {}, NOW, asked)):.1f} ms"
        )
        store.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else MOCKS)
