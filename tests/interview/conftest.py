"""Fixtures for the interview tests: a fake clock, a small curriculum with CGOA domains, a temp store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from gitops_tutor.curriculum.loader import load
from gitops_tutor.curriculum.models import Curriculum, Domain
from gitops_tutor.interview.service import InterviewService
from gitops_tutor.progress import ProgressStore

FIXTURES = Path(__file__).parent.parent / "fixtures"
CGOA_DOMAINS = {
    "terminology": 20.0,
    "principles": 30.0,
    "related-practices": 16.0,
    "patterns": 20.0,
    "tooling": 14.0,
}


class FakeClock:
    """Wall clock and monotonic clock that only move when a test says so."""

    def __init__(self, start: datetime | None = None) -> None:
        self.wall = start or datetime(2026, 11, 28, 8, 0, tzinfo=timezone.utc)
        self.mono = 1000.0

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)
        self.mono += seconds


def with_cgoa_domains(curriculum: Curriculum) -> Curriculum:
    domains = {d: Domain(d, d.replace("-", " ").title(), w) for d, w in CGOA_DOMAINS.items()}
    return replace(curriculum, domains=domains)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def curriculum() -> Curriculum:
    result = load([FIXTURES / "good-pack"])
    assert not result.errors
    return with_cgoa_domains(result.curriculum)


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Iterator[ProgressStore]:
    opened = ProgressStore.open(tmp_path / "progress.db", clock=clock.now, fuzz=False)
    yield opened
    opened.close()


@pytest.fixture
def service(store: ProgressStore, curriculum: Curriculum, clock: FakeClock) -> InterviewService:
    return InterviewService(store, curriculum, clock=clock.now, monotonic=clock.monotonic)
