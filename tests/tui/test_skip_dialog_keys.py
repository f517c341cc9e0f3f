"""ctrl+n on a typed answer asks before skipping; what is typed behind ctrl+n is not added to that answer.

QA fresh-eyes-5: "skipped words", ctrl+n and the next answer's first words typed in one burst opened
"Skip this question?" with the next words already appended to the answer being skipped (and copied
to its draft): the dialog was pushed without taking the keys typed after the key that opened it,
as the leave dialog (Esc) already does.
"""

from __future__ import annotations

from collections.abc import Callable

from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens.confirm import ConfirmModal
from gitops_tutor.tui.widgets.answer import AnswerArea
from tests.tui.conftest import burst, open_session, ready, settle

FREE_TEXT = "team-what-does-reconcile-do"


async def test_keys_typed_after_ctrl_n_do_not_join_the_answer_being_skipped(
    build_app: Callable[..., GitOpsTutorApp],
) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        session = await open_session(pilot, FREE_TEXT)
        burst(app, "ctrl+n", text="skipped words")
        burst(app, text="nextwords")
        await settle(pilot, 8)
        assert isinstance(app.screen, ConfirmModal)
        assert session.query_one(AnswerArea).text == "skipped words"


async def test_words_with_a_space_typed_after_ctrl_n_do_not_join_the_answer_either(
    build_app: Callable[..., GitOpsTutorApp],
) -> None:
    """Whatever the keys do in the dialog (a space may press its safe, focused button), none is typed."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        session = await open_session(pilot, FREE_TEXT)
        burst(app, "ctrl+n", text="skipped words")
        burst(app, text="next words")
        await settle(pilot, 8)
        assert session.query_one(AnswerArea).text == "skipped words"
