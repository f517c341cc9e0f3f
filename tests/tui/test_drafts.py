"""Practice and review drafts (input is sacred): what is typed reaches the database within a second,
comes back in the box when the question is asked again, and leaves when the attempt is recorded."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import Button, OptionList, Static

from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.progress import ProgressStore
from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.picking import SESSION_LENGTH, pick_questions
from gitops_tutor.tui.screens.confirm import ConfirmModal
from gitops_tutor.tui.screens.practice import PracticeScreen
from gitops_tutor.tui.screens.session import DRAFT_SAVE_SECONDS, SessionScreen
from gitops_tutor.tui.widgets.answer import AnswerArea
from tests.tui.conftest import fixed_clock, open_session, ready, settle

QUESTION = "team-what-does-reconcile-do"
MANIFEST = "team-enable-self-heal"
TYPED = "It compares Git with the cluster,\n\tand fixes drift  🙂 — résumé\n\n"


def stored_draft(db_path: Path, question_id: str = QUESTION) -> str | None:
    with ProgressStore.open(db_path, clock=fixed_clock) as store:
        draft = store.draft_for(question_id)
    return draft.answer if draft is not None else None


async def until_stored(pilot: Any, db_path: Path, expected: str | None) -> None:
    """Wait (a few autosave periods at most) until the database holds ``expected`` as the draft."""
    for _ in range(40):
        await settle(pilot, 1)
        if stored_draft(db_path) == expected:
            return
        await asyncio.sleep(DRAFT_SAVE_SECONDS / 4)
    assert stored_draft(db_path) == expected


async def test_typing_is_copied_to_the_database_exactly_without_submitting(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, QUESTION)
        screen.query_one(AnswerArea).insert(TYPED)
        await until_stored(pilot, db_path, TYPED)
        screen.query_one(AnswerArea).insert(" more")
        await until_stored(pilot, db_path, TYPED + " more")
        screen.query_one(AnswerArea).clear()
        await until_stored(pilot, db_path, None)  # emptied box: no draft to bring back


async def test_a_kept_draft_comes_back_in_the_box_with_the_cursor_at_its_end(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    with ProgressStore.open(db_path, clock=fixed_clock) as store:
        store.save_draft(QUESTION, TYPED)
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, QUESTION)
        area = screen.query_one(AnswerArea)
        assert area.text == TYPED
        assert area.cursor_location == area.document.end
        assert any("unsubmitted answer" in str(n.message) for n in app._notifications)
        await pilot.press("x")
        await settle(pilot)
        assert area.text == TYPED + "x"  # typing carries on where the learner stopped


async def test_recording_the_attempt_drops_the_draft(build_app: Callable[..., GitOpsTutorApp], db_path: Path) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, QUESTION)
        screen.query_one(AnswerArea).insert(TYPED)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.pending is not None
        assert stored_draft(db_path) == TYPED  # graded, not yet rated: still only a draft
        await pilot.press("3")
        await settle(pilot)
    assert stored_draft(db_path) is None
    with ProgressStore.open(db_path, clock=fixed_clock) as store:
        assert [a.answer for a in store.attempts()] == [TYPED]


async def test_leaving_offers_to_keep_the_draft_and_keeps_every_key(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, QUESTION)
        screen.query_one(AnswerArea).insert(TYPED)
        await pilot.press("escape")  # at once: the autosave has not run yet
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ConfirmModal)
        assert "comes back when the question is asked again" in modal.detail
        modal.dismiss("keep")
        await settle(pilot)
        assert not isinstance(app.screen, SessionScreen)
    assert stored_draft(db_path) == TYPED


async def test_discarding_on_leave_or_skip_removes_the_draft(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    with ProgressStore.open(db_path, clock=fixed_clock) as store:
        store.save_draft(QUESTION, TYPED)
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, QUESTION)
        await pilot.press("ctrl+n")  # skip
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        app.screen.dismiss("skip")  # "Discard it and skip"
        await settle(pilot)
        assert screen.query_one(AnswerArea).text == ""  # the only question came back, now empty
    assert stored_draft(db_path) is None


async def test_quitting_writes_the_last_keys_typed_before_the_store_closes(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, QUESTION)
        screen.query_one(AnswerArea).insert(TYPED)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert "kept as a draft" in app.screen.detail and "would be lost" not in app.screen.detail
        app.screen.dismiss("go")
        await settle(pilot)
    assert stored_draft(db_path) == TYPED


async def test_an_untouched_manifest_starter_is_no_draft(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, MANIFEST)
        screen.keep_draft()
        await settle(pilot)
        assert stored_draft(db_path, MANIFEST) is None
        screen.query_one(AnswerArea).insert("# edited\n")
        screen.keep_draft()
        await settle(pilot)
        stored = stored_draft(db_path, MANIFEST)
        assert stored is not None and stored == screen.query_one(AnswerArea).text


def test_a_choice_that_covers_a_drafted_question_starts_with_it(pack_curriculum: Curriculum) -> None:
    other_type = next(q.type for q in pack_curriculum.questions.values() if q.type != "free-text")
    for seed in range(5):
        picked = pick_questions(pack_curriculum, "mixed", "", random.Random(seed), first=["gone-question", QUESTION])
        assert picked[0] == QUESTION and picked.count(QUESTION) == 1
        assert len(picked) == min(SESSION_LENGTH, len(pack_curriculum.questions))
    not_covering = pick_questions(pack_curriculum, "type", other_type, random.Random(1), first=[QUESTION])
    assert not_covering and QUESTION not in not_covering


async def test_the_practice_screen_says_a_draft_is_kept_and_its_session_opens_on_it(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    with ProgressStore.open(db_path, clock=fixed_clock) as store:
        store.save_draft(QUESTION, TYPED)
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await app.run_action("show('practice')")
        await settle(pilot)
        practice = app.screen
        assert isinstance(practice, PracticeScreen)
        title = str(practice.query_one("#practice-title", Static).visual)
        assert "1 unsubmitted answer is kept as a draft (lesson: " in title
        practice.query_one(OptionList).action_first()
        practice.query_one(OptionList).action_select()  # "Mixed"
        await settle(pilot)
        session = app.screen
        assert isinstance(session, SessionScreen) and session.question is not None
        assert session.question.id == QUESTION and session.query_one(AnswerArea).text == TYPED


async def test_the_draft_dialogs_show_every_button_whole_at_80_columns(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    """QA 2026-12-01: the last button, the destructive one ("Discard it and leave"), was clipped to "Dis"."""
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, QUESTION)
        screen.query_one(AnswerArea).insert(TYPED)
        for key in ("escape", "ctrl+n"):
            await pilot.press(key)
            await settle(pilot)
            modal = app.screen
            assert isinstance(modal, ConfirmModal)
            box = modal.query_one("ConfirmModal > Vertical").content_region
            for button in modal.query(Button):
                assert box.contains_region(button.region), (str(button.label), button.region, box)
            modal.dismiss("stay")
            await settle(pilot)


async def test_another_windows_draft_is_taken_over_on_the_first_write(
    build_app: Callable[..., GitOpsTutorApp], db_path: Path
) -> None:
    """A draft left by a window that died is put back; this window's first copy replaces it (one row, not two)."""
    with ProgressStore.open(db_path, clock=fixed_clock) as store:
        store.save_draft(QUESTION, TYPED, window="a-window-that-died")
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, QUESTION)
        assert screen.query_one(AnswerArea).text == TYPED
        screen.keep_draft()
        await settle(pilot)
        with ProgressStore.open(db_path, clock=fixed_clock) as store:
            rows = store.rows("SELECT window, answer FROM answer_drafts")
        assert rows == [{"window": app.services.window, "answer": TYPED}]
