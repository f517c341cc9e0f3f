"""A team pack can be chosen on its own in practice and in interviews (issue 8)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from gitops_tutor.curriculum.loader import load
from gitops_tutor.interview.config import build_config
from gitops_tutor.interview.draw import candidates
from gitops_tutor.interview.errors import InterviewError
from gitops_tutor.paths import shipped_content_dir
from gitops_tutor.tui.picking import pick_questions, practice_choices

TEAM_PACK = Path(__file__).resolve().parents[2] / "examples" / "team-pack"


@pytest.fixture(scope="module")
def curriculum():  # type: ignore[no-untyped-def]
    return load([TEAM_PACK], shipped=shipped_content_dir()).curriculum


def test_practice_offers_the_team_pack(curriculum) -> None:  # type: ignore[no-untyped-def]
    choices = [c for c in practice_choices(curriculum) if c.kind == "pack"]
    assert [c.value for c in choices] == ["acme-platform"]
    assert choices[0].count == 4 and "ACME platform team" in choices[0].label
    picked = pick_questions(curriculum, "pack", "acme-platform", random.Random(1))
    assert picked and all(curriculum.questions[qid].pack == "acme-platform" for qid in picked)


def test_interviews_can_be_limited_to_a_pack(curriculum) -> None:  # type: ignore[no-untyped-def]
    config = build_config("quick", packs=("acme-platform",))
    pool = candidates(curriculum, config)
    assert {q.pack for q in pool} == {"acme-platform"}
    assert "packs acme-platform" in config.describe()


def test_an_unknown_pack_is_a_clear_error(curriculum) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InterviewError, match="unknown pack 'nope'"):
        candidates(curriculum, build_config("quick", packs=("nope",)))
