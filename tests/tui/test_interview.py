"""The mock interview in the app: setup, countdown, alerts, time-out, flags, follow-ups, report, resume.

The app runs on a fake clock, and the tests call the screen's tick themselves after moving
the clock, so a 10-minute interview runs in well under a second and never waits on a timer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, RadioSet, Static

from gitops_tutor.interview.config import InterviewConfig
from gitops_tutor.progress import ProgressStore
from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens.confirm import ConfirmModal
from gitops_tutor.tui.screens.interview import REQUEST_ATTRIBUTE, InterviewRequest, InterviewScreen
from gitops_tutor.tui.screens.interview_report import InterviewReportScreen, ReportText, export_path
from gitops_tutor.tui.screens.interview_run import FinishModal, InterviewRunScreen
from gitops_tutor.tui.widgets.answer import AnswerArea
from tests.interview.conftest import FakeClock
from tests.tui.conftest import burst, settle, wait_for_workers

LESSON = "team-reconcile-basics"
PARTIAL = "It compares the desired state with the live state."


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def interview_app(
    build_app: Callable[..., GitOpsTutorApp], clock: FakeClock, config: InterviewConfig | None, resume: bool = False
) -> GitOpsTutorApp:
    """The app as ``gitops-tutor interview`` opens it: straight on the interview mode."""
    app = build_app(clock=clock.now)
    app.start_mode = "interview"
    if config is not None:
        setattr(app, REQUEST_ATTRIBUTE, InterviewRequest(config, resume))  # noqa: B010
    return app


async def wait_for_screen(pilot: Any, kind: type) -> Any:
    for _ in range(100):
        await settle(pilot, 1)
        if isinstance(pilot.app.screen, kind):
            return pilot.app.screen
    raise AssertionError(f"{kind.__name__} never showed; the screen is {pilot.app.screen!r}")


def capture_notes(screen: Any) -> list[str]:
    notes: list[str] = []
    screen.notify = lambda message, **_: notes.append(str(message))
    return notes


def attempts(db_path: Path, clock: FakeClock) -> list[Any]:
    with ProgressStore.open(db_path, clock=clock.now) as store:
        return store.attempts()


def visible_text(screen: Any) -> str:
    parts = [str(widget.render()) for widget in screen.query(Static)]
    parts += [str(option.prompt) for option in screen.query_one("#iv-list", OptionList)._options]
    return "\n".join(parts)


async def test_a_missed_concept_brings_a_follow_up_and_flags_show_in_the_list(
    build_app: Callable[..., GitOpsTutorApp], clock: FakeClock, db_path: Path
) -> None:
    app = interview_app(build_app, clock, InterviewConfig(minutes=10, questions=1, seed=5, lessons=(LESSON,)))
    async with app.run_test(size=(120, 36)) as pilot:
        run = await wait_for_screen(pilot, InterviewRunScreen)
        assert run.session.current_item.question_id == "team-what-does-reconcile-do"
        run.query_one(AnswerArea).insert(PARTIAL)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [i.question_id for i in run.session.items] == [
            "team-what-does-reconcile-do",
            "team-which-tool-kustomization",
        ]
        assert run.session.position == 1
        assert "follow-up" in str(run.query_one("#iv-position", Static).render())
        await pilot.press("ctrl+f")
        await settle(pilot)
        labels = [str(o.prompt) for o in run.query_one("#iv-list", OptionList)._options]
        assert labels[0].startswith("✓  1.") and labels[1].startswith("·⚑ 2. ↳")
        assert "score" not in visible_text(run).lower()  # nothing graded is shown during the interview
        radios = run.query_one(RadioSet)
        radios.focus()
        await pilot.press("down", "enter")  # Argo CD is first; Flux is second
        await settle(pilot)
        await pilot.press("ctrl+o")
        modal = await wait_for_screen(pilot, FinishModal)
        await pilot.click("#finish")
        report_screen = await wait_for_screen(pilot, InterviewReportScreen)
        report = report_screen.report
        assert [q.question_id for q in report.questions] == [
            "team-what-does-reconcile-do",
            "team-which-tool-kustomization",
        ]
        assert report.questions[1].answer == "flux" and report.questions[1].score == 100
        assert report.questions[1].flagged and report.questions[1].follow_up_concept == "converge"
        assert "Acts to make them match" in report_screen.query_one(ReportText).source
        await pilot.press("e")
        await settle(pilot)
        assert export_path(report).read_text(encoding="utf-8").startswith("# Mock interview report")
        assert modal is not None
    recorded = attempts(db_path, clock)
    assert sorted((a.question_id, a.mode) for a in recorded) == [
        ("team-what-does-reconcile-do", "interview"),
        ("team-which-tool-kustomization", "interview"),
    ]


async def test_alerts_then_time_out_submit_what_was_typed(
    build_app: Callable[..., GitOpsTutorApp], clock: FakeClock
) -> None:
    app = interview_app(build_app, clock, InterviewConfig(minutes=10, questions=3, seed=4, lessons=(LESSON,)))
    async with app.run_test(size=(120, 36)) as pilot:
        run = await wait_for_screen(pilot, InterviewRunScreen)
        notes = capture_notes(run)
        run.query_one(AnswerArea).insert("It compares desired and live state and continuously reconciles.")
        clock.advance(5 * 60 + 1)
        run.tick()
        assert notes == ["5 minutes left"]
        assert "04:59 left" in str(run.query_one("#iv-top", Static).render())
        assert "05:01 on it" in str(run.query_one("#iv-top", Static).render())
        assert run.query_one("#iv-top").has_class("low")
        clock.advance(4 * 60)
        run.tick()
        run.tick()
        assert notes == ["5 minutes left", "1 minute left"]
        assert run.query_one("#iv-top").has_class("critical")
        clock.advance(60)
        run.tick()
        report_screen = await wait_for_screen(pilot, InterviewReportScreen)
        report = report_screen.report
        assert notes[-1].startswith("Time is up")
        assert report.reason == "time-up" and report.answered == 1
        assert report.questions[0].score == 100
        assert [q.score for q in report.questions[1:]] == [0, 0]


async def test_an_unfinished_interview_is_offered_on_the_next_start(
    build_app: Callable[..., GitOpsTutorApp], clock: FakeClock
) -> None:
    app = interview_app(build_app, clock, InterviewConfig(minutes=10, questions=3, seed=4, lessons=(LESSON,)))
    async with app.run_test(size=(120, 36)) as pilot:
        run = await wait_for_screen(pilot, InterviewRunScreen)
        run.query_one(AnswerArea).insert("first draft")
        clock.advance(90)
        run.tick()  # typing is saved within two seconds by this tick
        await settle(pilot)
        await wait_for_workers(pilot.app)
    # The app is gone without finishing, as after a crash; start it again from the Interview screen.
    clock.advance(3600)
    again = interview_app(build_app, clock, None)
    async with again.run_test(size=(120, 36)) as pilot:
        setup = await wait_for_screen(pilot, InterviewScreen)
        await settle(pilot)
        choices = setup.query_one("#iv-choices", OptionList)
        ids = [choices.get_option_at_index(i).id for i in range(choices.option_count)]
        assert ids[:2] == ["resume", "discard"]
        assert all(choices.get_option_at_index(i).disabled for i in range(2, len(ids)))
        assert "08:30 left" in str(choices.get_option_at_index(0).prompt)
        choices.focus()
        await pilot.press("enter")
        run = await wait_for_screen(pilot, InterviewRunScreen)
        assert run.query_one(AnswerArea).text == "first draft"
        assert run.session.remaining_seconds() == 8 * 60 + 30


async def test_leaving_from_the_finish_dialog_keeps_the_interview_for_later(
    build_app: Callable[..., GitOpsTutorApp], clock: FakeClock, db_path: Path
) -> None:
    app = interview_app(build_app, clock, InterviewConfig(minutes=10, questions=3, seed=4, lessons=(LESSON,)))
    async with app.run_test(size=(120, 36)) as pilot:
        run = await wait_for_screen(pilot, InterviewRunScreen)
        await pilot.press("ctrl+l")
        await pilot.press("down", "enter")  # jump to question 2 from the list
        await settle(pilot)
        assert run.session.position == 1
        await pilot.press("escape")
        await wait_for_screen(pilot, FinishModal)
        await pilot.press("escape")  # keep going
        await settle(pilot)
        assert isinstance(pilot.app.screen, InterviewRunScreen) and run.session.running
        await pilot.press("ctrl+o")
        await wait_for_screen(pilot, FinishModal)
        await pilot.click("#leave")
        setup = await wait_for_screen(pilot, InterviewScreen)
        await settle(pilot)
        assert setup.waiting is not None and setup.waiting.id == run.session.id
    assert attempts(db_path, clock) == []  # nothing is graded or recorded until an interview is finished


async def test_time_running_out_during_the_finish_dialog_still_ends_with_the_report(
    build_app: Callable[..., GitOpsTutorApp], clock: FakeClock
) -> None:
    app = interview_app(build_app, clock, InterviewConfig(minutes=10, questions=2, seed=4, lessons=(LESSON,)))
    async with app.run_test(size=(120, 36)) as pilot:
        run = await wait_for_screen(pilot, InterviewRunScreen)
        await pilot.press("ctrl+o")
        await wait_for_screen(pilot, FinishModal)
        clock.advance(10 * 60)
        run.tick()  # the run screen's timer keeps going under the dialog
        report_screen = await wait_for_screen(pilot, InterviewReportScreen)
        assert report_screen.report.reason == "time-up"
        assert not any(isinstance(screen, FinishModal) for screen in pilot.app.screen_stack)


async def test_the_next_start_offers_an_interview_a_crash_left_unfinished(
    build_app: Callable[..., GitOpsTutorApp], clock: FakeClock, db_path: Path, pack_curriculum: Any
) -> None:
    from gitops_tutor.interview.service import InterviewService
    from tests.tui.conftest import ready

    with ProgressStore.open(db_path, clock=clock.now) as store:
        service = InterviewService(store, pack_curriculum, clock=clock.now, monotonic=clock.monotonic)
        session = service.start(InterviewConfig(minutes=10, questions=2, seed=4, lessons=(LESSON,)))
        session.set_answer("half")
        clock.advance(30)
        session.flush()
    app = build_app(clock=clock.now)
    notes: list[str] = []
    app.notify = lambda message, **_: notes.append(str(message))  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        assert any("An unfinished mock interview is waiting (1 of 2 answered, 09:30 left)" in n for n in notes), notes


async def test_time_out_while_on_another_screen_keeps_the_report_for_the_return(
    build_app: Callable[..., GitOpsTutorApp], clock: FakeClock
) -> None:
    app = interview_app(build_app, clock, InterviewConfig(minutes=10, questions=2, seed=4, lessons=(LESSON,)))
    async with app.run_test(size=(120, 36)) as pilot:
        run = await wait_for_screen(pilot, InterviewRunScreen)
        notes = capture_notes(pilot.app)
        await pilot.press("ctrl+l", "h")  # from the question list, the app's keys work: off to Home, after asking
        await wait_for_screen(pilot, ConfirmModal)
        await pilot.press("tab", "enter")  # Leave for now
        for _ in range(50):
            if pilot.app.current_mode == "home":
                break
            await settle(pilot, 1)
        assert pilot.app.current_mode == "home"
        clock.advance(10 * 60)
        run.tick()
        await settle(pilot)
        assert pilot.app.current_mode == "home" and "Report" not in type(pilot.app.screen).__name__
        assert "Time is up: your interview report is ready (press i)." in notes
        await pilot.press("i")
        report_screen = await wait_for_screen(pilot, InterviewReportScreen)
        assert report_screen.report.reason == "time-up"


async def test_quitting_mid_interview_saves_the_last_keystrokes(
    build_app: Callable[..., GitOpsTutorApp], clock: FakeClock, db_path: Path
) -> None:
    app = interview_app(build_app, clock, InterviewConfig(minutes=10, questions=2, seed=4, lessons=(LESSON,)))
    async with app.run_test(size=(120, 36)) as pilot:
        run = await wait_for_screen(pilot, InterviewRunScreen)
        run.query_one(AnswerArea).insert("typed just before quitting")
        clock.advance(1)
        await pilot.press("ctrl+q")
    with ProgressStore.open(db_path, clock=clock.now) as store:
        rows = store.rows("SELECT answer FROM interview_answers WHERE position = 0")
    assert [r["answer"] for r in rows] == ["typed just before quitting"]


def stored_answers(db_path: Path, clock: FakeClock) -> list[tuple[int, str, str]]:
    with ProgressStore.open(db_path, clock=clock.now) as store:
        rows = store.rows("SELECT position, question_id, answer FROM interview_answers ORDER BY position")
    return [(r["position"], r["question_id"], r["answer"]) for r in rows]


LONG_PARTIAL = ("It compares the desired state with the live state and reports what differs, " * 5).strip()


async def test_an_answer_typed_just_before_ctrl_s_stays_with_its_question(
    build_app: Callable[..., GitOpsTutorApp], clock: FakeClock, db_path: Path
) -> None:
    """C1: the tail of the answer was saved under the next question, which then spawned follow-ups."""
    app = interview_app(build_app, clock, InterviewConfig(minutes=10, questions=1, seed=5, lessons=(LESSON,)))
    async with app.run_test(size=(120, 36)) as pilot:
        run = await wait_for_screen(pilot, InterviewRunScreen)
        burst(app, "ctrl+s", text=LONG_PARTIAL)
        await settle(pilot)
        for _ in range(3):
            clock.advance(1)
            run.tick()
            await settle(pilot)
        items = run.session.items
        assert items[0].answer == LONG_PARTIAL
        assert len(items) == 2 and items[1].follow_up_of is not None  # the follow-up of the whole answer
        assert items[1].answer == "" and not items[1].answered
        burst(app, "ctrl+b", text="x")  # typed into the follow-up, then back at once
        await settle(pilot)
        run.tick()
        await settle(pilot)
        assert run.session.position == 0 and [i.answer for i in run.session.items] == [LONG_PARTIAL, ""]
        assert "answered 1/2" in str(run.query_one("#iv-top", Static).render())
        await pilot.press("ctrl+q")
    assert stored_answers(db_path, clock) == [
        (0, "team-what-does-reconcile-do", LONG_PARTIAL),
        (1, "team-which-tool-kustomization", ""),
    ]


async def test_choosing_from_the_question_list_returns_to_the_answer(
    build_app: Callable[..., GitOpsTutorApp], clock: FakeClock
) -> None:
    """R8: after picking a question in the ctrl+l list the focus stayed in the list."""
    app = interview_app(build_app, clock, InterviewConfig(minutes=10, questions=3, seed=4, lessons=(LESSON,)))
    async with app.run_test(size=(120, 36)) as pilot:
        run = await wait_for_screen(pilot, InterviewRunScreen)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert run.query_one("#iv-list", OptionList).has_focus
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert run.session.position == 2 and run.answer_widget is not None and run.answer_widget.has_focus


async def test_the_list_folds_away_on_a_narrow_terminal(
    build_app: Callable[..., GitOpsTutorApp], clock: FakeClock
) -> None:
    """B7: at 80 columns the list took 44 and left a 30-column editor."""
    app = interview_app(build_app, clock, InterviewConfig(minutes=10, questions=3, seed=4, lessons=(LESSON,)))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await wait_for_screen(pilot, InterviewRunScreen)
        listing = run.query_one("#iv-list", OptionList)
        assert not listing.display and run.query_one("#iv-card").size.width >= 76
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert listing.display and listing.has_focus and listing.size.width >= 76
        await pilot.press("escape")
        await settle(pilot)
        assert not listing.display and run.answer_widget is not None and run.answer_widget.has_focus
        assert not isinstance(app.screen, FinishModal)


async def test_the_list_marks_a_question_answered_as_it_is_typed(
    build_app: Callable[..., GitOpsTutorApp], clock: FakeClock
) -> None:
    """P13: the header said 'answered 1/2' while the list still showed the question as unanswered."""
    app = interview_app(build_app, clock, InterviewConfig(minutes=10, questions=2, seed=4, lessons=(LESSON,)))
    async with app.run_test(size=(120, 36)) as pilot:
        run = await wait_for_screen(pilot, InterviewRunScreen)
        await pilot.press(*"desired state")
        clock.advance(1)
        run.tick()
        await settle(pilot)
        labels = [str(o.prompt) for o in run.query_one("#iv-list", OptionList)._options]
        assert labels[0].startswith("✓") and "answered 1/2" in str(run.query_one("#iv-top", Static).render())


async def test_keys_typed_right_after_ctrl_s_never_act_as_screen_keys(
    build_app: Callable[..., GitOpsTutorApp], clock: FakeClock
) -> None:
    """Typeahead after ctrl+s (r, h, c are Review, Home, Compare outside a text box) stays typing."""
    app = interview_app(build_app, clock, InterviewConfig(minutes=10, questions=2, seed=4, lessons=(LESSON,)))
    async with app.run_test(size=(120, 36)) as pilot:
        run = await wait_for_screen(pilot, InterviewRunScreen)
        burst(app, "ctrl+s", text=PARTIAL)
        burst(app, text="rhc")
        await settle(pilot)
        run.tick()
        await settle(pilot)
        assert app.screen is run and run.session.items[0].answer == PARTIAL


async def test_ctrl_l_then_arrows_in_one_burst_go_to_the_list(
    build_app: Callable[..., GitOpsTutorApp], clock: FakeClock
) -> None:
    """Keys typed after ctrl+l are for the question list, even when they arrive with it."""
    app = interview_app(build_app, clock, InterviewConfig(minutes=10, questions=3, seed=4, lessons=(LESSON,)))
    async with app.run_test(size=(120, 36)) as pilot:
        run = await wait_for_screen(pilot, InterviewRunScreen)
        first_answer = run.session.items[0].answer
        burst(app, "ctrl+l", "down", "down", "enter")
        await settle(pilot)
        assert run.session.position == 2 and run.session.items[0].answer == first_answer
        assert run.answer_widget is not None and run.answer_widget.has_focus


async def test_quitting_right_after_picking_an_option_saves_it_and_exits_cleanly(
    build_app: Callable[..., GitOpsTutorApp], clock: FakeClock, db_path: Path
) -> None:
    """fresh-eyes 1: quitting with an option picked crashed (the buttons were gone when the last save read them)."""
    config = InterviewConfig(minutes=10, questions=1, seed=4, lessons=(LESSON,), types=("which-tool",), only_types=True)
    app = interview_app(build_app, clock, config)
    async with app.run_test(size=(120, 36)) as pilot:
        run = await wait_for_screen(pilot, InterviewRunScreen)
        assert run.session.current_question.type == "which-tool"
        run.query_one(RadioSet).focus()
        await settle(pilot)
        burst(app, "2", "ctrl+q")  # Flux, then quit at once: no periodic save in between
        await settle(pilot)
    assert app.return_code in (None, 0)
    assert [answer for _, _, answer in stored_answers(db_path, clock)] == ["flux"]


async def test_a_screen_key_asks_before_leaving_a_running_interview(
    build_app: Callable[..., GitOpsTutorApp], clock: FakeClock
) -> None:
    """QA 2026-11-30: during a timed exam one letter (c, l, h...) next to a digit opened another screen
    unasked, with the clock running and the lessons open. Now it asks; Stay keeps the interview."""
    app = interview_app(build_app, clock, InterviewConfig(minutes=10, questions=3, seed=4, lessons=(LESSON,)))
    async with app.run_test(size=(120, 36)) as pilot:
        run = await wait_for_screen(pilot, InterviewRunScreen)
        await pilot.press("ctrl+s")  # on to the which-tool question: its keys are a, f, b, n; c is a screen key
        await settle(pilot)
        assert run.session.current_item.question_id == "team-which-tool-kustomization"
        await pilot.press("c")
        modal = await wait_for_screen(pilot, ConfirmModal)
        assert "clock keeps running" in " ".join(str(w.render()) for w in modal.query(Static))
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is run and pilot.app.current_mode == "interview"
        await pilot.press("c")
        await wait_for_screen(pilot, ConfirmModal)
        await pilot.press("tab", "enter")
        await settle(pilot)
        for _ in range(50):
            if pilot.app.current_mode == "compare":
                break
            await settle(pilot, 1)
        assert pilot.app.current_mode == "compare"
        assert run.session.running  # left, not finished: i brings it back
