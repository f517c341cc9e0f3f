"""The full CGOA exam simulation (issue 14): 60 choice questions in the exam's domain weights,
90 minutes, no follow-ups, pass at 75%, and a report that names the lessons to read per domain.

The shipped bank must hold three such mocks without repeating a question, so the last test
draws three from the real content, taking each mock's questions out before the next draw.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import datetime, timezone

import pytest

from gitops_tutor import paths
from gitops_tutor.curriculum.loader import load
from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.curriculum.validate import check_preset_capacity
from gitops_tutor.grading import Grader
from gitops_tutor.interview.config import CHOICE_TYPES, PRESET_TITLES, PRESETS, InterviewConfig, build_config
from gitops_tutor.interview.draw import apportion, draw_questions, preset_needs
from gitops_tutor.interview.errors import InterviewError
from gitops_tutor.interview.render import report_markdown, report_text
from gitops_tutor.interview.report import InterviewReport
from gitops_tutor.interview.service import InterviewService
from gitops_tutor.interview.session import InterviewItem, InterviewSession
from tests.interview.conftest import FakeClock

EXAM_SPLIT = {"terminology": 12, "principles": 18, "related-practices": 10, "patterns": 12, "tooling": 8}
MOCKS = 3
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def shipped() -> Curriculum:
    return load([], shipped=paths.shipped_content_dir()).curriculum


def test_the_preset_is_the_real_exam_and_the_short_one_stays() -> None:
    config = build_config("cgoa-exam")
    assert (config.minutes, config.questions, config.pass_mark) == (90, 60, 75)
    assert config.types == CHOICE_TYPES and config.only_types and config.weighted_domains
    assert not config.follow_ups
    assert "cgoa-exam" in PRESET_TITLES  # the launch screen lists every titled preset
    assert (PRESETS["cgoa"].questions, PRESETS["cgoa"].pass_mark) == (20, None)


def test_a_stored_exam_config_comes_back_with_its_exam_settings() -> None:
    config = build_config("cgoa-exam", seed=7)
    assert InterviewConfig.from_dict(config.to_dict()) == config
    old = InterviewConfig.from_dict({"minutes": 30, "questions": 8, "preset": "standard"})
    assert (old.only_types, old.follow_ups, old.pass_mark) == (False, True, None)


def test_sixty_questions_split_by_the_largest_remainder(shipped: Curriculum) -> None:
    weights = {domain_id: domain.weight for domain_id, domain in shipped.domains.items()}
    assert apportion(60, weights) == EXAM_SPLIT


def test_the_exam_draws_choice_questions_only_even_when_they_run_short(curriculum: Curriculum) -> None:
    drawn = draw_questions(curriculum, build_config("cgoa-exam", seed=1), {}, NOW)
    choice = {q.id for q in curriculum.questions.values() if q.type in CHOICE_TYPES}
    assert {q.id for q in drawn} == choice  # the small pack has fewer than 60: all of them, nothing else


def test_an_exam_with_no_choice_questions_left_is_refused(curriculum: Curriculum) -> None:
    only_open = replace(
        curriculum, questions={k: q for k, q in curriculum.questions.items() if q.type not in CHOICE_TYPES}
    )
    with pytest.raises(InterviewError, match="no questions match"):
        draw_questions(only_open, build_config("cgoa-exam", seed=1), {}, NOW)


def test_an_exam_asks_no_follow_ups(curriculum: Curriculum, clock: FakeClock) -> None:
    """The same partial answer brings a follow-up in a normal interview (see test_session)."""
    session = InterviewSession(
        interview_id="exam",
        config=InterviewConfig(minutes=90, questions=2, follow_ups=False),
        items=[InterviewItem("team-what-does-reconcile-do"), InterviewItem("team-pull-benefit")],
        questions=curriculum.questions,
        grade=Grader(curriculum.aliases).grade,
        clock=clock.now,
        monotonic=clock.monotonic,
    )
    session.set_answer("It compares the desired state with the live state.")
    session.submit()
    assert [item.question_id for item in session.items] == ["team-what-does-reconcile-do", "team-pull-benefit"]


def test_the_report_says_pass_or_fail_and_what_to_read_per_domain(service: InterviewService) -> None:
    config = replace(build_config("cgoa-exam", seed=1), types=CHOICE_TYPES)
    session = service.start(config)
    for _ in range(len(session.items)):
        if session.current_item.question_id == "team-pull-benefit":
            session.set_answer("1")  # right; the other choice question is left unanswered
        session.submit()
    report = service.complete(session)

    assert report.pass_mark == 75 and report.passed is False
    by_domain = {b.id: b for b in report.domains}
    missed = next(q for q in report.questions if q.question_id == "team-pick-flux-objects")
    assert by_domain[missed.domain].read_next == (missed.lesson,)
    assert by_domain["patterns"].read_next == ()  # every question in it passed
    markdown = report_markdown(report)
    assert "- **Exam result: fail (50/100 against a pass mark of 75)**" in markdown
    assert "| Read next |" in markdown and "How our clusters reconcile" in markdown
    assert "Read next: " in report_text(report)
    assert InterviewReport.from_dict(report.to_dict()) == report


def test_a_report_saved_before_the_exam_preset_still_loads(service: InterviewService) -> None:
    session = service.start(InterviewConfig(minutes=30, questions=1, seed=1))
    report = service.complete(session)
    raw = report.to_dict()
    del raw["pass_mark"]
    for breakdown in raw["domains"]:
        del breakdown["read_next"]
    old = InterviewReport.from_dict(raw)
    assert old.pass_mark is None and old.passed is None
    assert "Exam result" not in report_markdown(old)


def test_validate_warns_when_the_content_cannot_fill_the_exam(curriculum: Curriculum) -> None:
    warnings = list(check_preset_capacity(curriculum, preset_needs(curriculum, PRESETS)))
    exam = [w.message for w in warnings if "'cgoa-exam'" in w.message]
    assert {w.severity for w in warnings} == {"warning"}
    assert "preset 'cgoa-exam' needs 60 single-choice or multi-choice questions; the content has 2" in exam
    assert any("needs 18 single-choice or multi-choice questions in domain 'principles'" in m for m in exam)


def test_the_shipped_content_fills_every_preset(shipped: Curriculum) -> None:
    assert list(check_preset_capacity(shipped, preset_needs(shipped, PRESETS))) == []


def test_three_disjoint_exam_mocks_in_exam_proportions(shipped: Curriculum) -> None:
    remaining, asked = shipped, set[str]()
    for mock in range(MOCKS):
        drawn = draw_questions(remaining, build_config("cgoa-exam", seed=mock), {}, NOW)
        ids = {q.id for q in drawn}
        assert len(drawn) == 60 and len(ids) == 60
        assert {q.type for q in drawn} <= set(CHOICE_TYPES)
        assert dict(Counter(q.domain for q in drawn)) == EXAM_SPLIT, f"mock {mock + 1}"
        assert not ids & asked
        asked |= ids
        remaining = replace(remaining, questions={k: q for k, q in remaining.questions.items() if k not in ids})
