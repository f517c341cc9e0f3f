"""Walkthrough B10 step 3: one accepted answer syntax everywhere (grade command, line-mode interview, app)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from gitops_tutor.cli.main import cli
from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.interview.answers import answer_problem, grader_input
from tests.interview.conftest import FIXTURES

PACK = str(FIXTURES / "good-pack")


@pytest.mark.parametrize(("typed", "verdict"), [("2", "PASS"), ("flux", "PASS"), ("Flux", "PASS"), ("1", "FAIL")])
def test_grade_reads_which_tool_numbers_as_the_interview_does(typed: str, verdict: str) -> None:
    result = CliRunner().invoke(cli, ["--content", PACK, "grade", "team-which-tool-kustomization", "--answer", typed])
    assert result.exit_code == 0, result.output
    assert f"team-which-tool-kustomization: {verdict}" in result.stdout
    assert "invalid" not in result.stdout


def test_the_interview_reads_choices_as_the_grader_does(curriculum: Curriculum) -> None:
    multi = curriculum.questions["team-pick-flux-objects"]
    assert answer_problem(multi, "a, b") is None
    assert grader_input(multi, "a, b") == grader_input(multi, "1,2") == [0, 1]
    tool = curriculum.questions["team-which-tool-kustomization"]
    assert grader_input(tool, "2") == grader_input(tool, "FluxCD") == "flux"


def test_an_unreadable_answer_submitted_by_the_clock_still_grades(curriculum: Curriculum) -> None:
    multi = curriculum.questions["team-pick-flux-objects"]
    assert grader_input(multi, "1 and 2, maybe 9") == [0, 1]  # never raises: what can be read counts
    assert grader_input(multi, "\u00b2 " + "9" * 5000) == []
