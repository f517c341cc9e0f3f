"""The app loads content without pickles: its start-up cache is plain JSON (issue 15, 16 F14)."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from gitops_tutor.cli.context import Settings
from gitops_tutor.curriculum.cache import CACHE_FILE
from gitops_tutor.paths import ENV_CACHE_DIR


def test_app_start_reads_and_writes_no_pickle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv(ENV_CACHE_DIR, str(cache))

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("content must never be pickled or unpickled")

    for name in ("load", "loads", "dump", "dumps"):
        monkeypatch.setattr(pickle, name, refuse)
    for _start in range(2):  # the first start writes the cache, the second reads it
        result = Settings((), tmp_path / "progress.db").load_for_app()
        assert result.curriculum.questions and not result.errors
        assert result.raw_files == ()
    assert sorted(path.name for path in cache.iterdir()) == [CACHE_FILE]
    header, payload = (cache / CACHE_FILE).read_text(encoding="utf-8").split("\n", 1)
    assert json.loads(header)["key"] and json.loads(payload)["c"] == "LoadResult"
