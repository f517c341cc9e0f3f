"""Imports read the file a window at a time (issue 16, import at scale).

The whole export is never held at once: values cut by a window's end are read on, error places
and bad-UTF-8 bytes are counted in the whole file, and peak memory stays far below the file size.
"""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from gitops_tutor.progress import ProgressStore, StoreError, jsonstream
from gitops_tutor.progress.jsonstream import Cursor, JsonStreamError, NotUtf8Error, Utf8Reader, iter_members
from gitops_tutor.progress.transfer import STREAMED, export_data, import_file, import_text
from tests.progress.helpers import FakeClock, question, result


@pytest.fixture
def other(tmp_path: Path, clock: FakeClock) -> ProgressStore:
    return ProgressStore.open(tmp_path / "other" / "progress.db", clock=clock, fuzz=False)


@pytest.fixture
def exported(store: ProgressStore, clock: FakeClock) -> dict[str, Any]:
    for n, score in enumerate((90, 30, 60)):
        store.record_attempt(question(f"q{n}"), f"answer {n} é ✓", result(f"q{n}", score), mode="practice")
        clock.advance(hours=1)
    return json.loads(json.dumps(export_data(store)))


def members(text: str, window: int, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any]]:
    """Every member, with streamed arrays expanded, read through windows of ``window`` characters."""
    monkeypatch.setattr(jsonstream, "WINDOW", window)
    reader = Utf8Reader(io.BytesIO(text.encode()))
    found = []
    for key, value in iter_members(Cursor("", reader.read), STREAMED):
        found.append((key, list(value) if key in STREAMED and not isinstance(value, list) else value))
    return found


@pytest.mark.parametrize("window", [1, 2, 3, 7, 64])
def test_small_windows_read_the_same_values(monkeypatch: pytest.MonkeyPatch, window: int) -> None:
    """Numbers, literals and multi-byte characters cut by a window's end come out whole."""
    data = {
        "format": "gitops-tutor-progress",
        "version": 12345678,
        "flag": True,
        "nothing": None,
        "attempts": [{"score": 100, "answer": "é ✓ 𝄞"}, {"score": 7}],
        "settings": {"new_per_day": 15},
        "lesson_sections": [],
    }
    text = json.dumps(data, indent=3, ensure_ascii=False)
    assert dict(members(text, window, monkeypatch)) == data


@pytest.mark.parametrize("window", [1, 5, 4096])
def test_an_error_is_placed_in_the_whole_file_not_the_window(monkeypatch: pytest.MonkeyPatch, window: int) -> None:
    text = '{\n  "format": "x",\n  "attempts": [\n    {"a": 1},\n    {"a": 2} {"a": 3}\n  ]\n}\n'
    with pytest.raises(JsonStreamError) as caught:
        members(text, window, monkeypatch)
    assert (caught.value.lineno, caught.value.colno) == (5, 14)
    assert caught.value.reason == "expected ',' or ']' in an array"


def test_a_value_broken_inside_is_placed_where_json_places_it(monkeypatch: pytest.MonkeyPatch) -> None:
    text = '{"attempts": [\n{"a": 1},\n{"a": tru}\n]}'
    with pytest.raises(JsonStreamError) as caught:
        members(text, 4, monkeypatch)
    assert (caught.value.lineno, caught.value.colno, caught.value.reason) == (3, 7, "Expecting value")


@pytest.mark.parametrize("size", [1, 2, 3, 1024])
def test_bad_utf8_is_named_by_its_byte_in_the_whole_file(size: int) -> None:
    raw = "é✓".encode() * 5 + b"\xff" + b"tail"
    reader = Utf8Reader(io.BytesIO(raw))
    with pytest.raises(NotUtf8Error) as caught:
        while reader.read(size):
            pass
    assert caught.value.offset == raw.index(b"\xff")


def test_a_file_import_matches_the_text_import(
    tmp_path: Path, other: ProgressStore, store: ProgressStore, exported: dict[str, Any]
) -> None:
    path = tmp_path / "history.json"
    path.write_text(json.dumps(exported, indent=2, ensure_ascii=False), encoding="utf-8")
    with path.open("rb") as stream:
        summary = import_file(other, stream, str(path))
    assert summary.attempts_added == 3
    assert other.attempts() == store.attempts()
    assert not import_text(other, path.read_text(encoding="utf-8"), str(path)).changed


def test_bad_utf8_in_a_file_refuses_it_and_changes_nothing(tmp_path: Path, other: ProgressStore) -> None:
    raw = b'{"format": "gitops-tutor-progress", "version": 1, "attempts": [], "settings": {"k": "\xc3("}}'
    bad_byte = raw.index(b"\xc3")
    with pytest.raises(StoreError, match=rf"x.json: not UTF-8 text \(byte {bad_byte}\)"):
        import_file(other, io.BytesIO(raw), "x.json")
    assert other.rows("SELECT * FROM settings WHERE key = 'k'") == []


def test_a_large_file_import_holds_a_window_not_the_file(
    tmp_path: Path, other: ProgressStore, exported: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """11 MB of export: peak Python memory stays well under the file (its text alone would be all of it)."""
    monkeypatch.setattr(jsonstream, "WINDOW", 1 << 16)
    template = exported["attempts"][0]
    exported["attempts"] = [
        {**template, "uid": f"u{n}", "question_id": f"q{n % 500}", "answer": "x" * 200} for n in range(15_000)
    ]
    path = tmp_path / "big.json"
    path.write_text(json.dumps(exported, indent=2), encoding="utf-8")
    size = path.stat().st_size
    del exported
    tracemalloc.start()
    try:
        with path.open("rb") as stream:
            summary = import_file(other, stream, str(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert summary.attempts_added == 15_000
    assert peak < size / 2, (peak, size)
