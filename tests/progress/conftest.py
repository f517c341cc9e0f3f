"""Fixtures for store tests: a temporary database behind a hand-moved clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gitops_tutor.progress import ProgressStore
from tests.progress.helpers import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "progress.db"


@pytest.fixture
def store(db_path: Path, clock: FakeClock) -> Iterator[ProgressStore]:
    opened = ProgressStore.open(db_path, clock=clock, fuzz=False)
    yield opened
    opened.close()
