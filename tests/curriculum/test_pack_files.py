"""Pack files that are not what they seem: pipes, unreadable folders, machines without libyaml."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
import yaml

from gitops_tutor.curriculum import yamlread
from gitops_tutor.curriculum.loader import LoadResult, load
from gitops_tutor.paths import shipped_content_dir

from .test_loader import make_pack


def load_in_time(packs: list[Path], seconds: float = 10.0) -> LoadResult:
    """Load in a daemon thread so a hang fails the test instead of freezing the run."""
    results: list[LoadResult] = []
    worker = threading.Thread(target=lambda: results.append(load(packs)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert results, f"loading did not finish within {seconds} s"
    return results[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_named_yaml_is_reported_not_read(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    (pack / "questions").mkdir()
    os.mkfifo(pack / "questions" / "pipe.yaml")
    result = load_in_time([pack])
    problems = [p for p in result.problems if p.path.endswith("pipe.yaml")]
    assert [p.code for p in problems] == ["not-a-file"]
    assert "q-one" in result.curriculum.questions


def test_an_unreadable_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = make_pack(tmp_path)
    (pack / "more").mkdir()
    real_scandir = os.scandir

    def refuse_more(path: object) -> object:
        if str(path).endswith("more"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", refuse_more)
    result = load([pack])
    unreadable = [p for p in result.problems if p.code == "unreadable"]
    assert len(unreadable) == 1
    assert unreadable[0].path.endswith("more") and "Permission denied" in unreadable[0].message
    assert unreadable[0].severity == "error"


def test_shipped_content_loads_the_same_without_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    with_c = load([], shipped=shipped_content_dir())
    monkeypatch.setattr(yamlread, "_Loader", yaml.SafeLoader)
    pure = load([], shipped=shipped_content_dir())
    assert [str(p) for p in pure.errors] == []
    assert sorted(pure.curriculum.questions) == sorted(with_c.curriculum.questions)


def test_loading_leaves_the_collector_as_it_found_it(tmp_path: Path) -> None:
    """Collection is paused while loading, never left off, and nothing stays frozen (that would leak cycles)."""
    import gc

    pack = make_pack(tmp_path)
    assert gc.isenabled()
    load([pack])
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        load([pack])
        assert not gc.isenabled()
    finally:
        gc.enable()
