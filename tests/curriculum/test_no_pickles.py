"""The app loads content the one way validate does: no start-up cache, no pickles (issue 15, 16 F14)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from gitops_tutor.cli.context import Settings
from gitops_tutor.paths import ENV_CACHE_DIR


def test_app_start_reads_and_writes_no_pickle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv(ENV_CACHE_DIR, str(cache))

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("content must never be pickled or unpickled")

    for name in ("load", "loads", "dump", "dumps"):
        monkeypatch.setattr(pickle, name, refuse)
    result = Settings((), tmp_path / "progress.db").load_for_app()
    assert result.curriculum.questions and not result.errors
    assert result.raw_files == ()
    assert not cache.exists() or not any(cache.iterdir())
