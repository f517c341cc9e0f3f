"""Typed input is kept exactly, in order, where it was typed, however fast the keys come.

``burst`` posts key events to the app the way the terminal driver does for a fast
typist, a text expander or a paste followed by ctrl+s: all at once, with no pause for
the app to catch up between them (Pilot's ``press`` waits after every key, which hides
these bugs).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.widgets import SelectionList

from gitops_tutor.progress import ProgressStore
from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens.confirm import ConfirmModal
from gitops_tutor.tui.screens.session import ReviewSource, SessionScreen
from gitops_tutor.tui.widgets.answer import AnswerArea, OrderedRadioSet, clean_paste
from gitops_tutor.tui.widgets.keyorder import PasteSafeParser
from tests.tui.conftest import burst, fixed_clock, open_session, ready, settle

LONG_ANSWER = (
    "Revert the bad commit in Git with git revert, push it, and let Argo CD or Flux reconcile the cluster back "
    "to the previous good state. It compares the desired state in Git with the live state and reconciles. "
    "I would not kubectl edit the cluster by hand because the agent would treat that as drift; "
) * 2


def attempts(db_path: Path) -> list[Any]:
    with ProgressStore.open(db_path, clock=fixed_clock) as store:
        return store.attempts()


async def test_ctrl_s_straight_after_typing_grades_and_saves_the_whole_answer(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    """B1: a 500-character answer and ctrl+s in one burst (was: about the first 90 characters graded)."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-what-does-reconcile-do", mode="lesson-check")
        burst(app, "ctrl+s", text=LONG_ANSWER)
        await settle(pilot)
        assert screen.pending is not None and screen.pending.answer_text == LONG_ANSWER
        await pilot.press("3")
        await settle(pilot)
    saved = attempts(db_path)
    assert [(a.answer, a.mode) for a in saved] == [(LONG_ANSWER, "lesson-check")]


async def test_review_submit_burst_keeps_the_whole_answer(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, mode="review", source=ReviewSource())
        assert screen.question is not None and screen.question.id == "team-what-does-reconcile-do"
        burst(app, "f2", text=LONG_ANSWER)
        await settle(pilot)
        assert screen.pending is not None and screen.pending.answer_text == LONG_ANSWER
        await pilot.press("2")
        await settle(pilot)
    assert [(a.answer, a.mode, a.rating) for a in attempts(db_path)] == [(LONG_ANSWER, "review", "hard")]


async def test_bound_keys_in_a_burst_apply_in_order_in_the_editor(build_app: Callable[..., GitOpsTutorApp]) -> None:
    """B3: Down, End, Enter, @ in one burst (was: Enter applied before Down and End)."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-enable-self-heal")
        area = screen.query_one(AnswerArea)
        area.load_text("kind: Application\nmetadata:\n  name: web\n")
        area.move_cursor((0, 0))
        burst(app, "down", "end", "enter", "@", "backspace", "x", "left", "y")
        await settle(pilot)
        assert area.text == "kind: Application\nmetadata:\nyx\n  name: web\n"


async def test_space_and_arrows_in_a_burst_pick_the_right_options(build_app: Callable[..., GitOpsTutorApp]) -> None:
    """B3: Space Down Down Space in a multi-choice list (was: only the last option toggled twice)."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-pick-flux-objects")
        selection = screen.query_one(SelectionList)
        burst(app, "space", "down", "down", "space", "ctrl+s")
        await settle(pilot)
        assert sorted(selection.selected) == [0, 2]
        assert screen.pending is not None
        assert screen.input is None or screen.input.shuffled is not None
        shown_picks = sorted(screen.pending.answer_text.split("; "))
        order = screen.query_one("#result").shown_order  # type: ignore[attr-defined]
        options = screen.pending.question.options  # type: ignore[attr-defined]
        assert shown_picks == sorted(options[order[i]].text for i in (0, 2))


async def test_a_cr_multi_line_paste_becomes_lines(build_app: Callable[..., GitOpsTutorApp], db_path: Path) -> None:
    """B2: tmux and xterm paste line breaks as CR (was: one line full of \\x0d)."""
    yaml_cr = (
        "apiVersion: argoproj.io/v1alpha1\rkind: Application\rmetadata:\r  name: web\rspec:\r  project: default\r"
        "  syncPolicy:\r    automated:\r      prune: true\r      selfHeal: true\r"
    )
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-enable-self-heal")
        area = screen.query_one(AnswerArea)
        area.clear()
        area.post_message(events.Paste(yaml_cr))
        burst(app, "ctrl+s")
        await settle(pilot)
        assert screen.pending is not None and screen.pending.result.verdict == "pass"
        await pilot.press("3")
        await settle(pilot)
    assert attempts(db_path)[0].answer == yaml_cr.replace("\r", "\n")


def test_clean_paste_drops_colour_codes_and_keeps_stray_controls_visible() -> None:
    """R15: coloured terminal output pastes as its text."""
    assert clean_paste("\x1b[31mRED\x1b[0m ok\r\nnext\x1b]0;title\x07") == "RED ok\nnext"
    assert clean_paste("bell\x07 and lone \x1b") == "bell\\x07 and lone \\x1b"


def test_a_bracketed_paste_holding_escape_codes_stays_one_paste() -> None:
    """R15: Textual's parser turned the escape codes inside a paste into keys, typed apart from the paste."""
    parser = PasteSafeParser()
    tokens = list(parser.feed("a\x1b[200~red \x1b[31mRED\x1b[0m"))
    tokens += list(parser.feed(" done\x1b[2"))
    tokens += list(parser.feed("01~b"))
    assert [type(t).__name__ for t in tokens] == ["Key", "Paste", "Key"]
    assert tokens[1].text == "red \x1b[31mRED\x1b[0m done"  # type: ignore[attr-defined]
    assert [t.key for t in (tokens[0], tokens[2])] == ["a", "b"]  # type: ignore[attr-defined]


async def test_escape_with_a_draft_asks_and_keeps_it(build_app: Callable[..., GitOpsTutorApp], db_path: Path) -> None:
    """B5: Esc then Enter used to submit the draft through the Submit button."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-what-does-reconcile-do")
        burst(app, "escape", text="Draft text here")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")  # the safe choice: keep writing
        await settle(pilot)
        area = screen.query_one(AnswerArea)
        assert app.screen is screen and area.has_focus and area.text == "Draft text here"
        await pilot.press("enter")
        await settle(pilot)
        assert screen.pending is None and area.text == "Draft text here\n"
    assert attempts(db_path) == []


async def test_a_screen_key_and_back_keeps_the_draft_and_the_focus_in_the_box(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-what-does-reconcile-do")
        burst(app, text="Draft text here")
        await settle(pilot)
        screen.query_one("#submit").focus()
        await pilot.press("h")
        await settle(pilot)
        assert app.screen is not screen
        await pilot.press("p")
        await settle(pilot)
        area = screen.query_one(AnswerArea)
        assert app.screen is screen and area.has_focus
        await pilot.press("enter")
        await settle(pilot)
        assert screen.pending is None and area.text == "Draft text here\n"
        screen.query_one("#skip").focus()
        await pilot.press("p")  # the same mode's key goes back to its start: that would lose the draft
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
    assert attempts(db_path) == []


async def test_escape_on_feedback_asks_before_saving_or_dropping(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    """B5: Esc on the feedback saved the attempt with the suggested rating without asking."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-what-does-reconcile-do", "team-what-does-reconcile-do")
        burst(app, "ctrl+s", text="It compares the desired state with the live state, only once.")
        await settle(pilot)
        assert screen.pending is not None
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal) and attempts(db_path) == []
        await pilot.click("#confirm-discard")
        await settle(pilot)
        assert app.screen is not screen
    assert attempts(db_path) == []


async def test_escape_on_feedback_can_save_with_the_suggested_rating(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-what-does-reconcile-do")
        burst(app, "ctrl+s", text="It compares the desired state with the live state, only once.")
        await settle(pilot)
        assert screen.pending is not None
        suggested = screen.pending.result.rating
        await pilot.press("escape")
        await settle(pilot)
        await pilot.click("#confirm-save")
        await settle(pilot)
        assert app.screen is not screen
    assert [a.rating for a in attempts(db_path)] == [suggested]


async def test_quitting_with_a_draft_asks_first(build_app: Callable[..., GitOpsTutorApp]) -> None:
    """R9: ctrl+q threw a typed practice answer away without asking."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await open_session(pilot, "team-what-does-reconcile-do")
        burst(app, "ctrl+q", text="half an answer")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal) and app.is_running
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, SessionScreen)
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.click("#confirm-go")
        await settle(pilot)
        assert not app.is_running


async def test_which_tool_is_one_key(build_app: Callable[..., GitOpsTutorApp], db_path: Path) -> None:
    """R12: a which-tool drill answer took arrow, space and ctrl+s."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-which-tool-kustomization", "team-pull-benefit")
        assert isinstance(screen.input and screen.input.widget, OrderedRadioSet)
        burst(app, "f")
        await settle(pilot)
        assert screen.pending is not None and screen.pending.result.verdict == "pass"
        score = str(screen.query_one("#score").render())
        assert "Correct." in score and "flux" not in score
        await pilot.press("3")
        await settle(pilot)
        assert screen.input is not None and screen.input.shuffled is not None
        burst(app, "down", "enter")  # single choice: Enter picks the highlighted option and submits
        await settle(pilot)
        assert screen.pending is not None
        await pilot.press("3")
        await settle(pilot)
    assert [a.answer for a in attempts(db_path)][0] == "flux"
    assert len(attempts(db_path)) == 2


async def test_choice_feedback_numbers_options_as_shown(build_app: Callable[..., GitOpsTutorApp]) -> None:
    """R2: the verdict said 'Correct: 1' in content order while the options were shown shuffled."""
    app = build_app(seed=3)
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-pull-benefit")
        assert screen.input is not None and screen.input.shuffled is not None
        order = list(screen.input.shuffled.order)
        wrong_shown = order.index(1)  # "Unit tests" is wrong
        burst(app, str(wrong_shown + 1))
        await settle(pilot)
        score = str(screen.query_one("#score").render())
        assert f"Correct: {order.index(0) + 1}." in score
        concepts = str(screen.query_one("#concepts").render()).splitlines()
        assert concepts[order.index(0)].startswith("✓ ") and "Cluster credentials" in concepts[order.index(0)]


async def test_skipped_questions_come_back_at_the_end(build_app: Callable[..., GitOpsTutorApp]) -> None:
    """R13: skipping shrank the session ("Question 3 of 10", then "Done: 2 answered")."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-what-does-reconcile-do", "team-which-tool-kustomization")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert screen.question is not None and screen.question.id == "team-which-tool-kustomization"
        burst(app, "f")
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert screen.question is not None and screen.question.id == "team-what-does-reconcile-do"
