"""The app's content cache: a hit when nothing changed, a miss on any change, never an error."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from gitops_tutor.curriculum import cache
from gitops_tutor.curriculum.cache import load_cached


def copy_pack(good_pack: Path, tmp_path: Path) -> Path:
    target = tmp_path / "pack"
    shutil.copytree(good_pack, target)
    return target


def test_second_load_is_served_from_the_cache(good_pack: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pack, cache_dir = copy_pack(good_pack, tmp_path), tmp_path / "cache"
    first = load_cached([], pack, cache_dir)
    assert len(list(cache_dir.glob("content-*.pickle"))) == 1

    def must_not_load(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("loaded although nothing changed")

    monkeypatch.setattr(cache, "load", must_not_load)
    second = load_cached([], pack, cache_dir)
    assert second.curriculum.questions.keys() == first.curriculum.questions.keys()
    assert second.problems == first.problems


def test_an_edited_file_misses_the_cache(good_pack: Path, tmp_path: Path) -> None:
    pack, cache_dir = copy_pack(good_pack, tmp_path), tmp_path / "cache"
    load_cached([], pack, cache_dir)
    questions = pack / "questions" / "reconcile-basics.yaml"
    questions.write_text(questions.read_text().replace("What does the pull model remove from CI?", "Edited?"))
    stat = questions.stat()
    os.utime(questions, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    result = load_cached([], pack, cache_dir)
    assert result.curriculum.questions["team-pull-benefit"].prompt == "Edited?"
    assert len(list(cache_dir.glob("content-*.pickle"))) == 1  # the stale entry is gone


def test_a_damaged_cache_file_is_a_miss(good_pack: Path, tmp_path: Path) -> None:
    pack, cache_dir = copy_pack(good_pack, tmp_path), tmp_path / "cache"
    load_cached([], pack, cache_dir)
    entry = next(cache_dir.glob("content-*.pickle"))
    entry.write_bytes(b"not a pickle")
    assert "team-pull-benefit" in load_cached([], pack, cache_dir).curriculum.questions


def test_an_unwritable_cache_folder_still_loads(good_pack: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file-in-the-way"
    blocker.write_text("")
    result = load_cached([], copy_pack(good_pack, tmp_path), blocker / "cache")
    assert "team-pull-benefit" in result.curriculum.questions
