"""validate's sample checks keep one compiled rubric at a time (issue 15: peak memory)."""

from __future__ import annotations

import gc

import pytest

from gitops_tutor.curriculum.loader import load
from gitops_tutor.grading import samples
from gitops_tutor.grading.grader import Grader
from gitops_tutor.paths import shipped_content_dir


def test_each_rubric_is_dropped_once_its_samples_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keeping every compiled rubric held about 100 MB at 10x content; one at a time is enough."""
    most = 0

    class Counting(Grader):
        def grade(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            nonlocal most
            most = max(most, len(self._compiled))
            return super().grade(*args, **kwargs)

    monkeypatch.setattr(samples, "Grader", Counting)
    curriculum = load([], shipped=shipped_content_dir()).curriculum
    list(samples.check_samples(curriculum))
    assert most == 1


def test_checking_samples_makes_no_reference_cycles() -> None:
    """check_samples pauses the cyclic collector: that is safe only while grading leaves no cycles
    behind for it, or garbage would pile up over a big pack until the end of validate."""
    curriculum = load([], shipped=shipped_content_dir()).curriculum
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        list(samples.check_samples(curriculum))
        assert gc.collect() == 0
    finally:
        if was_enabled:
            gc.enable()
    assert gc.isenabled() == was_enabled


def test_the_collector_is_back_on_after_checking_samples() -> None:
    assert gc.isenabled()
    curriculum = load([], shipped=shipped_content_dir()).curriculum
    checks = samples.check_samples(curriculum)
    next(checks, None)
    list(checks)
    assert gc.isenabled()
