"""Practice: answering each kind of question, what the result shows, and what reaches the database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import Button, RadioSet, SelectionList, Static

from gitops_tutor.progress import ProgressStore
from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens.session import SessionScreen
from gitops_tutor.tui.widgets.answer import MAX_ANSWER_CHARS, AnswerArea
from tests.tui.conftest import fixed_clock, open_session, ready, settle

GOOD_FREE_TEXT = "It compares the desired state in Git with the live state and continuously reconciles the difference."


def stored_attempts(db_path: Path) -> list[Any]:
    with ProgressStore.open(db_path, clock=fixed_clock) as store:
        return store.attempts()


def card_due(db_path: Path, question_id: str) -> str | None:
    with ProgressStore.open(db_path, clock=fixed_clock) as store:
        rows = store.rows("SELECT due FROM cards WHERE question_id = ?", [question_id])
    return rows[0]["due"] if rows else None


async def submit(pilot: Any) -> None:
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_free_text_answer_is_graded_highlighted_and_saved(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-what-does-reconcile-do")
        area = screen.query_one(AnswerArea)
        area.insert(GOOD_FREE_TEXT)
        await submit(pilot)
        assert screen.pending is not None and screen.pending.result.verdict == "pass"
        answer = screen.query_one("#your-answer", Static).visual
        styled = [span for span in answer._spans if "green" in str(span.style)]  # type: ignore[union-attr]
        assert styled, "concept evidence is highlighted in the learner's own text"
        suggested = screen.query_one(f"#rate-{screen.pending.result.rating}", Button)
        assert suggested.variant == "primary" and suggested.has_focus
        await pilot.press("4")
        await settle(pilot)
        assert screen.query_one("#finished", Static)
    attempts = stored_attempts(db_path)
    assert [(a.question_id, a.rating, a.mode) for a in attempts] == [
        ("team-what-does-reconcile-do", "easy", "practice")
    ]
    assert attempts[0].answer == GOOD_FREE_TEXT
    due = card_due(db_path, "team-what-does-reconcile-do")
    assert due is not None and due > fixed_clock().isoformat()


async def test_submit_button_works_like_the_key(build_app: Callable[..., GitOpsTutorApp], db_path: Path) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-what-does-reconcile-do")
        screen.query_one(AnswerArea).insert("only once, I think")
        await pilot.click("#submit")
        await settle(pilot)
        assert screen.pending is not None
        assert screen.pending.result.verdict == "fail"
        await pilot.click("#rate-again")
        await settle(pilot)
    assert [a.rating for a in stored_attempts(db_path)] == ["again"]


async def test_single_choice_maps_shuffled_option_back_to_content(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-pull-benefit")
        assert screen.input is not None and screen.input.shuffled is not None
        shown_at = screen.input.shuffled.order.index(0)  # content option 0 is the correct one
        radio = screen.query_one(RadioSet)
        radio.focus()
        for _ in range(shown_at):  # focus highlights the first option
            await pilot.press("down")
        await pilot.press("enter")  # picks the highlighted option and submits it
        await settle(pilot)
        assert screen.pending is not None and screen.pending.result.score == 100
        await pilot.press("3")
        await settle(pilot)
    attempts = stored_attempts(db_path)
    assert attempts[0].verdict == "pass" and attempts[0].answer == "Cluster credentials"


async def test_multi_choice_and_which_tool(build_app: Callable[..., GitOpsTutorApp], db_path: Path) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-pick-flux-objects", "team-which-tool-kustomization")
        assert screen.input is not None and screen.input.shuffled is not None
        selection = screen.query_one(SelectionList)
        for content_index in (0, 1):
            selection.select(screen.input.shuffled.order.index(content_index))
        await submit(pilot)
        assert screen.pending is not None and screen.pending.result.verdict == "pass"
        await pilot.press("3")
        await settle(pilot)
        screen.query_one(RadioSet).focus()
        await pilot.press("down", "enter")  # Argo CD is highlighted first; one down is Flux; enter submits
        await settle(pilot)
        assert screen.pending is not None and screen.pending.result.verdict == "pass"
        await pilot.press("3")
        await settle(pilot)
    assert [a.answer for a in stored_attempts(db_path)] == ["GitRepository; HelmRelease", "flux"]


async def test_nothing_chosen_is_refused_with_a_message(build_app: Callable[..., GitOpsTutorApp]) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-pull-benefit")
        await submit(pilot)
        assert screen.pending is None
        assert any("Choose an option" in n.message for n in app._notifications)


async def test_manifest_answer_starts_from_the_starter(build_app: Callable[..., GitOpsTutorApp], db_path: Path) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-enable-self-heal")
        area = screen.query_one(AnswerArea)
        assert "kind: Application" in area.text
        area.insert("  syncPolicy:\n    automated:\n      prune: true\n      selfHeal: true\n", area.document.end)
        await submit(pilot)
        assert screen.pending is not None and screen.pending.result.verdict == "pass"
        await pilot.press("3")
        await settle(pilot)
    attempts = stored_attempts(db_path)
    assert attempts[0].question_id == "team-enable-self-heal" and "selfHeal: true" in attempts[0].answer


async def test_leaving_after_grading_asks_then_keeps_the_attempt(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    from gitops_tutor.tui.screens.confirm import ConfirmModal

    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-what-does-reconcile-do")
        screen.query_one(AnswerArea).insert(GOOD_FREE_TEXT)
        await submit(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.click("#confirm-save")
        await settle(pilot)
        assert app.screen is not screen
    assert len(stored_attempts(db_path)) == 1


async def test_a_one_megabyte_paste_is_refused_with_a_message(build_app: Callable[..., GitOpsTutorApp]) -> None:
    from textual import events

    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-what-does-reconcile-do")
        area = screen.query_one(AnswerArea)
        area.post_message(events.Paste("reconcile " * 110_000))
        await settle(pilot)
        assert len(area.text) <= MAX_ANSWER_CHARS
        assert any("too long" in (n.title or "").lower() for n in app._notifications)


async def test_control_characters_are_shown_as_text(build_app: Callable[..., GitOpsTutorApp], db_path: Path) -> None:
    from textual import events

    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-what-does-reconcile-do")
        area = screen.query_one(AnswerArea)
        area.post_message(events.Paste("\x1b]0;pwned\x07 desired state \x1b[2J \x1b(0\x07"))
        await settle(pilot)
        # Terminal codes (title, clear screen) are dropped; any other control stays visible as text.
        assert area.text == " desired state  \\x1b(0\\x07"
        await submit(pilot)
        shown = screen.query_one("#your-answer", Static).visual
        assert "\x1b" not in str(shown) and "\\x1b(0" in str(shown)
        await pilot.press("1")
        await settle(pilot)
    assert "\x1b" not in stored_attempts(db_path)[0].answer


async def test_practice_menu_starts_a_session_by_lesson(build_app: Callable[..., GitOpsTutorApp]) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await pilot.press("p")
        await settle(pilot)
        options = app.screen.query_one("#practice-choices")
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]  # type: ignore[attr-defined]
        assert ids[0] == "mixed:" and "lesson:team-reconcile-basics" in ids and "domain:tooling" in ids
        assert "tag:flux" in ids
        options.highlighted = ids.index("lesson:team-reconcile-basics")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.question is not None and app.screen.question.lesson == "team-reconcile-basics"
        assert app.screen.source.total == 5


async def test_a_failed_save_keeps_the_result_for_a_retry(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path, monkeypatch: Any
) -> None:
    from gitops_tutor.progress import StoreError

    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-what-does-reconcile-do")
        screen.query_one(AnswerArea).insert(GOOD_FREE_TEXT)
        await submit(pilot)
        store = app.services.store  # type: ignore[union-attr]
        original = store.record_attempt

        def locked(*args: Any, **kwargs: Any) -> int:
            raise StoreError("the database stayed locked by another program for too long; try again")

        monkeypatch.setattr(store, "record_attempt", locked)
        await pilot.press("3")
        await settle(pilot)
        assert screen.pending is not None
        assert any("Not saved" in n.message for n in app._notifications)
        monkeypatch.setattr(store, "record_attempt", original)
        await pilot.press("3")
        await settle(pilot)
        assert screen.pending is None
    assert len(stored_attempts(db_path)) == 1


async def test_practice_by_question_type_through_the_filter(build_app: Callable[..., GitOpsTutorApp]) -> None:
    """R7: no way to practise one question type; the tag list was long with no filter."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await pilot.press("p")
        await settle(pilot)
        options = app.screen.query_one("#practice-choices")
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]  # type: ignore[attr-defined]
        assert "Question type: manifest  (1 question)" in labels
        await pilot.press("slash", *"type manif")
        await settle(pilot)
        assert options.option_count == 1  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.question is not None and app.screen.question.type == "manifest"
        assert app.screen.source.total == 1


async def test_down_from_the_filter_moves_to_the_list(build_app: Callable[..., GitOpsTutorApp]) -> None:
    """QA: typing a filter and pressing Down must reach the narrowed list (the hint said so; it never fired)."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("slash", *"type", "down")
        await settle(pilot)
        options = app.screen.query_one("#practice-choices")
        assert options.has_focus
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)


async def test_the_box_holds_no_more_than_the_grader_grades(build_app: Callable[..., GitOpsTutorApp]) -> None:
    """QA: a 45,000-character paste was accepted, then graded FAIL 'too long' and recorded. One limit now:
    a paste over it is refused, and typing at the limit adds nothing."""
    from textual import events

    from gitops_tutor.grading.shape import MAX_ANSWER_CHARS as GRADER_LIMIT

    assert MAX_ANSWER_CHARS == GRADER_LIMIT
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-what-does-reconcile-do")
        area = screen.query_one(AnswerArea)
        area.post_message(events.Paste("x" * (GRADER_LIMIT + 1)))
        await settle(pilot)
        assert area.text == ""
        area.post_message(events.Paste("y" * GRADER_LIMIT))
        await settle(pilot)
        assert len(area.text) == GRADER_LIMIT
        await pilot.press("z", "enter")
        await settle(pilot)
        assert len(area.text) == GRADER_LIMIT and "z" not in area.text
        assert sum("limited to" in n.message for n in app._notifications) >= 2
