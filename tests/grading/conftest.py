"""Fixtures for grader tests: the shipped curriculum (loaded once) and small hand-made questions."""

from __future__ import annotations

import pytest

from gitops_tutor import paths
from gitops_tutor.curriculum.loader import load
from gitops_tutor.curriculum.models import Concept, Curriculum, FreeTextQuestion, Rubric, WrongClaim
from gitops_tutor.grading import Grader


@pytest.fixture(scope="session")
def shipped() -> Curriculum:
    return load((), shipped=paths.shipped_content_dir()).curriculum


@pytest.fixture(scope="session")
def shipped_grader(shipped: Curriculum) -> Grader:
    return Grader(shipped.aliases, shipped.misconceptions)  # as the app grades: curriculum-wide myths too


def free_text(*concepts: Concept, claims: tuple[WrongClaim, ...] = (), **rubric: float) -> FreeTextQuestion:
    """A minimal free-text question around the given rubric."""
    return FreeTextQuestion(
        id="q",
        lesson="l",
        type="free-text",
        prompt="?",
        difficulty=1,
        tags=(),
        domain="principles",
        explanation="",
        content_hash=str(hash((concepts, claims, tuple(rubric.items())))),
        model_answer="",
        rubric=Rubric(concepts, claims, rubric.get("pass_threshold"), rubric.get("partial_threshold")),
    )


@pytest.fixture(scope="session")
def shipped_raw_files() -> list:
    """(shown path, parsed data) of every shipped content file, as the loader read them."""
    result = load((), shipped=paths.shipped_content_dir())
    return list(getattr(result, "raw_files", None) or getattr(result, "raw_texts", ()))
