"""Exam mocks rotate their papers (issue 14): a fresh paper each time until the bank runs out.

The bank below holds exactly three exam papers: 180 choice questions, each domain three
times its exam quota (12/18/10/12/8). Three successive ``cgoa-exam`` mocks must share no
question; the fourth, with nothing new left, brings back the least recently asked (the
first mock's, domain by domain). The adaptive presets keep re-asking what was missed.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from gitops_tutor.curriculum.models import Curriculum, Lesson
from gitops_tutor.interview.config import PRESETS, build_config
from gitops_tutor.interview.draw import draw_questions
from gitops_tutor.interview.plain import LineInterview
from gitops_tutor.interview.render import report_markdown, report_text
from gitops_tutor.interview.report import InterviewReport
from gitops_tutor.interview.repository import asked_in_preset
from gitops_tutor.interview.service import InterviewService
from gitops_tutor.interview.session import InterviewSession
from gitops_tutor.progress import ProgressStore
from tests.interview.conftest import FakeClock, with_cgoa_domains
from tests.interview.test_draw import choice

EXAM_SPLIT = {"terminology": 12, "principles": 18, "related-practices": 10, "patterns": 12, "tooling": 8}
PAPERS_IN_BANK = 3
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)


def exam_bank() -> Curriculum:
    """180 choice questions: three exam papers' worth in every domain."""
    questions = {}
    for domain, quota in EXAM_SPLIT.items():
        for n in range(quota * PAPERS_IN_BANK):
            question = choice(f"{domain}-{n:03d}", domain)
            questions[question.id] = question
    lessons = {"l2": Lesson("l2", "L2", 0, "s", (), (), "", "principles", ())}
    return with_cgoa_domains(Curriculum(lessons=lessons, questions=questions, comparison=None, aliases={}, domains={}))


@pytest.fixture
def bank() -> Curriculum:
    return exam_bank()


@pytest.fixture
def exam_store(tmp_path: Path, clock: FakeClock) -> Iterator[ProgressStore]:
    opened = ProgressStore.open(tmp_path / "progress.db", clock=clock.now, fuzz=False)
    yield opened
    opened.close()


@pytest.fixture
def exams(exam_store: ProgressStore, bank: Curriculum, clock: FakeClock) -> InterviewService:
    return InterviewService(exam_store, bank, clock=clock.now, monotonic=clock.monotonic)


def sit_mock(service: InterviewService, clock: FakeClock, seed: int, preset: str = "cgoa-exam") -> InterviewSession:
    """Start a mock, hand it in blank, and let a day pass before the next one."""
    session = service.start(build_config(preset, seed=seed))
    session.finish()
    service.complete(session)
    clock.advance(86400)
    return session


def ids(session: InterviewSession) -> set[str]:
    return {item.question_id for item in session.items}


def test_three_successive_mocks_share_no_question(exams: InterviewService, clock: FakeClock) -> None:
    asked: set[str] = set()
    for seed in range(PAPERS_IN_BANK):
        mock = sit_mock(exams, clock, seed)
        drawn = [mock.question_at(p) for p in range(len(mock.items))]
        assert len(ids(mock)) == 60
        assert dict(Counter(q.domain for q in drawn)) == EXAM_SPLIT
        assert not ids(mock) & asked, f"mock {seed + 1} repeats a question"
        assert mock.new_questions == 60
        asked |= ids(mock)
    assert len(asked) == 180


def test_an_exhausted_bank_brings_back_the_least_recently_asked(exams: InterviewService, clock: FakeClock) -> None:
    first, second, _third = (sit_mock(exams, clock, seed) for seed in range(PAPERS_IN_BANK))
    fourth = sit_mock(exams, clock, seed=99)
    assert ids(fourth) == ids(first)
    assert fourth.new_questions == 0
    fifth = sit_mock(exams, clock, seed=100)
    assert ids(fifth) == ids(second)  # the first's questions are now the most recently asked


def test_a_partly_exhausted_domain_fills_its_quota_with_the_oldest(bank: Curriculum) -> None:
    """Tooling has 24 questions; 20 asked at two times leave 4 new, then the 4 asked longest ago."""
    tooling = sorted(qid for qid in bank.questions if qid.startswith("tooling-"))
    asked = {qid: NOW - timedelta(days=10) for qid in tooling[:4]}
    asked |= {qid: NOW - timedelta(days=1) for qid in tooling[4:20]}
    drawn = draw_questions(bank, build_config("cgoa-exam", seed=5), {}, NOW, asked)
    drawn_tooling = {q.id for q in drawn if q.domain == "tooling"}
    assert drawn_tooling == set(tooling[20:]) | set(tooling[:4])
    assert not {q.id for q in drawn if q.domain != "tooling"} & set(asked)


def test_new_questions_still_follow_the_weights_of_the_history(bank: Curriculum) -> None:
    """Rotation only puts the asked ones last: among the new, the seed and the weights still choose."""
    config = build_config("cgoa-exam", seed=3)
    plain = {q.id for q in draw_questions(bank, config, {}, NOW)}
    assert plain == {q.id for q in draw_questions(bank, config, {}, NOW, {})}
    other = {q.id for q in draw_questions(bank, replace(config, seed=4), {}, NOW, {})}
    assert plain != other


def test_the_same_seed_and_history_draw_the_same_paper(exams: InterviewService, clock: FakeClock) -> None:
    sit_mock(exams, clock, seed=1)
    first = exams.start(build_config("cgoa-exam", seed=7))
    exams.discard(first.id)  # nothing answered: it used up nothing
    again = exams.start(build_config("cgoa-exam", seed=7))
    assert [i.question_id for i in again.items] == [i.question_id for i in first.items]


def test_only_the_exam_preset_rotates() -> None:
    assert {name for name, config in PRESETS.items() if config.rotate_questions} == {"cgoa-exam"}


@pytest.mark.parametrize("preset", ["quick", "standard", "cgoa"])
def test_adaptive_presets_ignore_earlier_mocks(preset: str, bank: Curriculum) -> None:
    config = build_config(preset, seed=11)
    fresh = [q.id for q in draw_questions(bank, config, {}, NOW)]
    every_question_asked = dict.fromkeys(bank.questions, NOW)
    assert [q.id for q in draw_questions(bank, config, {}, NOW, every_question_asked)] == fresh


def test_an_adaptive_preset_asks_again_and_says_nothing_about_fresh_papers(
    exams: InterviewService, clock: FakeClock
) -> None:
    first = sit_mock(exams, clock, seed=2, preset="cgoa")
    again = exams.start(build_config("cgoa", seed=2))
    assert again.new_questions is None
    assert ids(again) & ids(first)  # blank answers made every one a weak spot worth asking again
    output: list[str] = []
    LineInterview(again, lambda _timeout: None, output.append).run()
    assert not any("new to you" in line for line in output)


def test_a_resumed_mock_asks_the_same_paper(
    exams: InterviewService, exam_store: ProgressStore, bank: Curriculum, clock: FakeClock
) -> None:
    sit_mock(exams, clock, seed=1)
    running = exams.start(build_config("cgoa-exam", seed=2))
    running.set_answer("1")
    running.submit()
    running.flush()
    clock.advance(60)

    after_crash = InterviewService(exam_store, bank, clock=clock.now, monotonic=clock.monotonic)
    saved = after_crash.resumable()
    assert saved is not None and saved.id == running.id
    resumed = after_crash.resume(saved)
    assert [i.question_id for i in resumed.items] == [i.question_id for i in running.items]
    assert resumed.new_questions == running.new_questions == 60


def test_an_unfinished_mock_uses_up_only_what_was_answered(
    exams: InterviewService, exam_store: ProgressStore, clock: FakeClock
) -> None:
    left = exams.start(build_config("cgoa-exam", seed=3))
    left.set_answer("1")
    left.submit()
    left.flush()
    exams.discard(left.id)
    assert set(asked_in_preset(exam_store, "cgoa-exam")) == {left.items[0].question_id}
    assert asked_in_preset(exam_store, "cgoa") == {}


def test_the_history_is_read_in_one_query(exams: InterviewService, exam_store: ProgressStore, clock: FakeClock) -> None:
    for seed in range(2):
        sit_mock(exams, clock, seed)
    queries: list[str] = []
    with exam_store.write() as conn:
        pass  # the store's one connection, to watch what it runs
    conn.set_trace_callback(queries.append)
    try:
        asked = asked_in_preset(exam_store, "cgoa-exam")
    finally:
        conn.set_trace_callback(None)
    assert len(asked) == 120
    assert len([q for q in queries if q.lstrip().upper().startswith("SELECT")]) == 1


def test_a_damaged_config_never_breaks_the_draw(
    exams: InterviewService, exam_store: ProgressStore, clock: FakeClock
) -> None:
    mock = sit_mock(exams, clock, seed=1)
    with exam_store.write() as conn:
        conn.execute(
            "UPDATE interviews SET config_json = '{not json', created_at = 'yesterday' WHERE id = ?", (mock.id,)
        )
    assert asked_in_preset(exam_store, "cgoa-exam") == {}
    assert exams.start(build_config("cgoa-exam", seed=2)).new_questions == 60


def test_a_damaged_date_counts_as_long_ago(
    exams: InterviewService, exam_store: ProgressStore, clock: FakeClock
) -> None:
    mock = sit_mock(exams, clock, seed=1)
    with exam_store.write() as conn:
        conn.execute("UPDATE interviews SET created_at = 'yesterday' WHERE id = ?", (mock.id,))
    asked = asked_in_preset(exam_store, "cgoa-exam")
    assert len(asked) == 60 and {moment.year for moment in asked.values()} == {1970}


def test_the_line_mode_header_and_the_report_say_how_fresh_the_paper_is(
    exams: InterviewService, clock: FakeClock
) -> None:
    sit_mock(exams, clock, seed=1)
    sit_mock(exams, clock, seed=2)
    sit_mock(exams, clock, seed=3)
    exam_bank_left = exams.start(build_config("cgoa-exam", seed=4))
    output: list[str] = []
    LineInterview(exam_bank_left, lambda _timeout: None, output.append).run()
    header = "0 of 60 questions new to you in your cgoa-exam mocks (the rest are the ones asked longest ago)."
    assert header in "".join(output)

    report = exams.complete(exam_bank_left)
    assert report.new_questions == 0
    assert f"- Paper: {header[:-1]}" in report_markdown(report)
    assert f"Paper: {header[:-1]}" in report_text(report)
    assert InterviewReport.from_dict(json.loads(json.dumps(report.to_dict()))) == report


def test_a_first_mock_says_every_question_is_new(exams: InterviewService) -> None:
    session = exams.start(build_config("cgoa-exam", seed=1))
    output: list[str] = []
    LineInterview(session, lambda _timeout: None, output.append).run()
    assert "60 of 60 questions new to you in your cgoa-exam mocks." in "".join(output)


def test_a_report_and_a_state_saved_before_rotation_still_load(exams: InterviewService) -> None:
    session = exams.start(build_config("cgoa-exam", seed=1))
    session.finish()
    report = exams.complete(session)
    raw = report.to_dict()
    del raw["new_questions"], raw["preset"]
    old = InterviewReport.from_dict(raw)
    assert old.new_questions is None and "Paper:" not in report_markdown(old)

    state = session.to_state()
    del state["new_questions"]
    restored = InterviewSession.from_state(
        interview_id=session.id, config=session.config, state=state, questions=session.questions, grade=exams._grade
    )
    assert restored.new_questions is None
