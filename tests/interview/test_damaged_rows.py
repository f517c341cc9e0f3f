"""Reliability F9: an interview row with a garbage state (an import can hold anything) never crashes a start."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from gitops_tutor.cli.main import cli
from gitops_tutor.interview.service import InterviewService
from gitops_tutor.progress import ProgressStore
from tests.interview.conftest import FIXTURES

PACK = str(FIXTURES / "good-pack")
GARBAGE = ['{"items": "x"}', "[1, 2]", '{"items": [{"question_id": 7}]}', '{"items": [], "elapsed": "soon"}', "null"]


def plant(store: ProgressStore, state_json: str, status: str = "running") -> None:
    now = store.now().isoformat()
    store.db.conn.execute(
        "INSERT INTO interviews (id, created_at, updated_at, status, config_json, state_json, score, band, "
        "report_json) VALUES ('bad', ?, ?, ?, '{}', ?, 50, 'almost', ?)",
        [now, now, status, state_json, '{"nonsense": true}' if status == "finished" else None],
    )
    store.db.conn.commit()


@pytest.mark.parametrize("state_json", GARBAGE)
def test_a_garbage_state_is_not_offered_and_is_discarded(service: InterviewService, state_json: str) -> None:
    plant(service.store, state_json)
    assert service.resumable() is None
    assert service.discard_abandoned() == ["bad"]
    assert service.history() == []


def test_a_garbage_finished_row_does_not_hide_the_history(service: InterviewService) -> None:
    plant(service.store, '{"items": "x"}', status="finished")
    assert service.history() == []  # skipped, not raised


def test_the_line_mode_starts_despite_a_garbage_row(tmp_path: Path) -> None:
    db = Path(os.environ["GITOPS_TUTOR_DB"])
    with ProgressStore.open(db) as store:
        plant(store, '{"items": "x"}')
    args = ["--content", PACK, "interview", "--plain", "--lesson", "team-reconcile-basics", "--questions", "1"]
    resumed = CliRunner().invoke(cli, [*args, "--resume"], input="")
    assert resumed.exit_code == 1 and "no unfinished interview to resume" in resumed.stderr
    assert "Discarded interview bad" in resumed.stderr
    fresh = CliRunner().invoke(cli, args, input="")
    assert fresh.exit_code == 0, fresh.output
