"""Disputing a verdict in the app: the dialog, what the card shows, and what reaches the database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import Button, Input, OptionList, Static

from gitops_tutor.interview.config import InterviewConfig
from gitops_tutor.progress import ProgressStore
from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens.dispute import AnswerPicker, ClaimList, DisputeModal
from gitops_tutor.tui.screens.interview_report import InterviewReportScreen, ReportText
from gitops_tutor.tui.screens.interview_run import FinishModal, InterviewRunScreen
from gitops_tutor.tui.screens.session import SessionScreen
from gitops_tutor.tui.widgets.answer import AnswerArea
from gitops_tutor.tui.widgets.keybar import KeyBar
from tests.tui.conftest import burst, fixed_clock, open_session, ready, settle

FREE_TEXT = "team-what-does-reconcile-do"
WEAK_ANSWER = "only once, I think"  # the grader fails it


def rows(db_path: Path, table: str) -> list[dict[str, Any]]:
    with ProgressStore.open(db_path, clock=fixed_clock) as store:
        return store.rows(f"SELECT * FROM {table} ORDER BY id")


async def graded(pilot: Any, question_id: str = FREE_TEXT, answer: str = WEAK_ANSWER) -> SessionScreen:
    screen = await open_session(pilot, question_id)
    screen.query_one(AnswerArea).insert(answer)
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert screen.pending is not None
    return screen


def claim_line(screen: SessionScreen) -> str:
    return str(screen.query_one("#claim", Static).visual)


async def test_a_claim_is_recorded_with_the_answer_shown_beside_the_verdict_and_sets_the_rating(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await graded(pilot)
        pending = screen.pending
        assert pending is not None and pending.result.verdict == "fail"
        await pilot.press("d")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, DisputeModal)
        question = str(modal.query_one("#dispute-question").visual)
        assert f"The grader said fail ({pending.result.score}). What would a fair interviewer say?" in question
        assert modal.query_one("#dispute-note", Input).has_focus
        await pilot.press(*"it says 1234 continuously")  # digits are rating keys on the card behind
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and screen.pending is pending  # nothing rated, nothing saved yet
        assert "You claimed pass — recorded" in claim_line(screen)
        assert "graded fail" in claim_line(screen)
        assert "4/100" not in claim_line(screen)
        assert str(screen.query_one("#score", Static).visual).startswith(f"{pending.result.score}/100 FAIL")
        good = screen.query_one("#rate-good", Button)
        assert good.has_focus and good.variant == "primary" and "(suggested)" in str(good.label)
        [dispute] = rows(db_path, "disputes")
        assert rows(db_path, "attempts") == []
        assert (dispute["claimed"], dispute["note"], dispute["verdict"]) == (
            "pass",
            "it says 1234 continuously",
            "fail",
        )
        assert dispute["answer"] == WEAK_ANSWER and dispute["attempt_uid"] == pending.uid
        assert dispute["question_id"] == FREE_TEXT and dispute["score"] == pending.result.score
        await pilot.press("enter")  # accept the suggestion, which now follows the claim
        await settle(pilot)
    [attempt] = rows(db_path, "attempts")
    assert (attempt["uid"], attempt["rating"], attempt["verdict"]) == (pending.uid, "good", "fail")


async def test_a_rating_picked_by_hand_wins_over_the_claim(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await graded(pilot)
        await pilot.press("d", "enter")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
    assert [(a["rating"], a["verdict"]) for a in rows(db_path, "attempts")] == [("again", "fail")]
    assert [d["claimed"] for d in rows(db_path, "disputes")] == ["pass"]


async def test_leaving_after_a_claim_offers_to_save_with_the_claims_rating(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    from gitops_tutor.tui.screens.confirm import ConfirmModal

    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await graded(pilot)
        await pilot.press("d", "enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert str(app.screen.query_one("#confirm-save", Button).label) == "Save as Good and leave"
        await pilot.click("#confirm-save")
        await settle(pilot)
    assert [a["rating"] for a in rows(db_path, "attempts")] == ["good"]


async def test_escape_cancels_and_records_nothing(build_app: Callable[..., GitOpsTutorApp], db_path: Path) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await graded(pilot)
        await pilot.press("d", *"never mind", "escape")
        await settle(pilot)
        assert app.screen is screen and not screen.query("#claim")
        suggested = screen.query_one(f"#rate-{screen.pending.result.rating}", Button)  # type: ignore[union-attr]
        assert suggested.has_focus
    assert rows(db_path, "disputes") == [] and rows(db_path, "attempts") == []


async def test_a_second_claim_replaces_the_first(build_app: Callable[..., GitOpsTutorApp], db_path: Path) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await graded(pilot)
        await pilot.press("d", "enter")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, DisputeModal)
        assert modal.query_one(ClaimList).highlighted == 0  # the earlier claim, pass, is where it starts
        await pilot.press("down", *"on the way", "enter")
        await settle(pilot)
        assert "You claimed partial — recorded" in claim_line(screen)
        assert screen.query_one("#rate-hard", Button).has_focus
    assert [(d["claimed"], d["note"]) for d in rows(db_path, "disputes")] == [("partial", "on the way")]


async def test_keys_typed_in_one_burst_with_d_go_to_the_dialog_not_the_card(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await graded(pilot)
        burst(app, "d")
        burst(app, "enter", text="3 rubric misses it")
        await settle(pilot, 8)
        assert app.screen is screen and screen.pending is not None
    assert [d["note"] for d in rows(db_path, "disputes")] == ["3 rubric misses it"]
    assert rows(db_path, "attempts") == []


async def test_choice_questions_have_no_dispute_key(build_app: Callable[..., GitOpsTutorApp], db_path: Path) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-pull-benefit")
        await pilot.press("1", "ctrl+s")
        await settle(pilot)
        assert screen.pending is not None
        await pilot.press("d")
        await settle(pilot)
        assert app.screen is screen
        assert "Dispute" not in [hint.description for hint in screen.query_one(KeyBar).hints()[0]]
    assert rows(db_path, "disputes") == []


async def test_the_key_bar_and_help_list_the_dispute_key(build_app: Callable[..., GitOpsTutorApp]) -> None:
    app = build_app()
    async with app.run_test(size=(120, 34)) as pilot:
        await ready(pilot)
        screen = await graded(pilot)
        hints = {hint.description: hint.shown for hint in screen.query_one(KeyBar).hints()[0]}
        assert hints.get("Dispute") == "d"
        await pilot.press("question_mark")
        await settle(pilot)
        text = "\n".join(str(block.visual) for block in app.screen.query(".help-block").results(Static))
        assert "Dispute" in text and "Wrong verdict? Say what it deserves" in text
        report_keys = text.split("Interview report", 1)[1]
        assert "Dispute" in report_keys and "Wrong verdict on an answer? Say what it deserves" in report_keys


# -- the mock interview report --------------------------------------------------------------------


async def finished_interview(pilot: Any) -> Any:
    from tests.tui.test_interview import PARTIAL, wait_for_screen

    run = await wait_for_screen(pilot, InterviewRunScreen)
    run.query_one(AnswerArea).insert(PARTIAL)
    await pilot.press("ctrl+s")
    await settle(pilot)
    await pilot.press("ctrl+o")
    await wait_for_screen(pilot, FinishModal)
    await pilot.click("#finish")
    return await wait_for_screen(pilot, InterviewReportScreen)


async def test_an_interview_answer_is_disputed_from_the_report_and_the_score_stays_the_graders(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    from tests.interview.conftest import FakeClock
    from tests.tui.test_interview import LESSON, PARTIAL, interview_app

    clock = FakeClock()
    config = InterviewConfig(minutes=10, questions=1, seed=5, lessons=(LESSON,))
    app = interview_app(build_app, clock, config)
    async with app.run_test(size=(120, 36)) as pilot:
        report_screen = await finished_interview(pilot)
        report = report_screen.report
        first = report.questions[0]
        assert (first.question_id, first.verdict) == (FREE_TEXT, "partial")
        markdown_before = report_screen.query_one("#iv-report-text", ReportText).source
        assert not report_screen.query_one("#iv-disputes", Static).display
        await pilot.press("d")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, AnswerPicker)
        labels = [str(option.prompt) for option in picker.query_one(OptionList)._options]
        assert len(labels) == 1 and labels[0].startswith("1. ") and f"graded partial ({first.score})" in labels[0]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DisputeModal)
        # the report is behind the dialog: it says which answer it is about (QA fresh-eyes-5)
        subject = str(app.screen.query_one("#dispute-subject", Static).visual)
        assert subject == f"Question 1. {first.prompt.strip().splitlines()[0]}"
        await pilot.press(*"e is export", "enter")  # e exports on the report behind: it must not
        await settle(pilot)
        assert app.screen is report_screen and report_screen.exported is None
        shown = str(report_screen.query_one("#iv-disputes", Static).visual)
        assert "1 answer disputed (the score below is the grader's)" in shown
        assert f"question 1: graded partial ({first.score}), you claimed pass" in shown
        assert report_screen.query_one("#iv-report-text", ReportText).source == markdown_before
        assert report_screen.report.score == report.score
    [dispute] = rows(db_path, "disputes")
    assert (dispute["interview_id"], dispute["position"], dispute["attempt_uid"]) == (report.interview_id, 0, None)
    assert (dispute["answer"], dispute["claimed"], dispute["note"]) == (PARTIAL, "pass", "e is export")
    [interview] = rows_by(db_path, "SELECT score FROM interviews")
    assert interview["score"] == report.score


def rows_by(db_path: Path, sql: str) -> list[dict[str, Any]]:
    with ProgressStore.open(db_path, clock=fixed_clock) as store:
        return store.rows(sql)


async def test_the_report_alone_has_no_dispute_key() -> None:
    """Without a store (the report shown by itself) there is nowhere to record a claim."""
    from tests.tui.test_interview_report_screen import ReportApp, long_report

    app = ReportApp(long_report())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, InterviewReportScreen)
        assert not app.screen.check_action("dispute", ())


def test_stats_say_how_many_answers_were_disputed_beside_the_graders_figures() -> None:
    from gitops_tutor.progress.models import Stats, Totals
    from gitops_tutor.tui.screens.stats import totals_text

    totals = Totals(9, 1, 5, 0, 10, 1, 0)
    quiet = Stats(totals, 1, 0, 0, 0, (), (), (), (), (), {})
    assert "disputed" not in totals_text(quiet).plain
    disputed = Stats(totals, 1, 0, 0, 0, (), (), (), (), (), {}, disputes_open=2)
    text = totals_text(disputed).plain
    assert "average 10/100" in text  # the grader's figure, unchanged
    assert "You disputed 2 answers: scores and mastery here are the grader's" in text


async def test_down_and_enter_in_one_burst_record_the_claim_moved_to(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    """QA fresh-eyes-4: Down, a reason and Enter typed at once recorded the claim highlighted before the
    Down (as a screen binding, Down ran after the Enter already queued in the note)."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await graded(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DisputeModal) and app.screen.claims == ["pass", "partial"]
        burst(app, "down", "enter", text="")
        await settle(pilot, 8)
        assert app.screen is screen
    assert [(d["claimed"], d["note"]) for d in rows(db_path, "disputes")] == [("partial", "")]
