"""The report's "which answer do you dispute?" list applies keys in the order typed.

QA fresh-eyes-5: on a finished interview's report, ``d`` then End and Enter sent in one write (a fast
typist) opened the dispute for the first answer in the list, not the last: End is an OptionList
binding, which ran only after it bubbled up to the app, behind the Enter already handled in the
list's own queue. The dialog then said "The grader said pass (86)" for an answer the learner did not
mean, and the claim was recorded against it (a claim exports as a rubric sample).
"""

from __future__ import annotations

from typing import Any

from textual.app import App

from gitops_tutor.tui.screens.dispute import AnswerPicker
from tests.tui.conftest import burst, settle

CHOICES = [
    (1, "2. recreate vs rolling — graded pass (86)"),
    (2, "3. Kargo — graded partial (69)"),
    (3, "4. self-heal — graded partial (50)"),
]


class PickerApp(App[None]):
    """Only the picker, over an empty screen; what it dismissed with is kept."""

    def __init__(self) -> None:
        super().__init__()
        self.picked: list[int | None] = []

    def on_mount(self) -> None:
        self.push_screen(AnswerPicker(CHOICES), self.picked.append)


async def picked_after(*keys: str) -> list[int | None]:
    app = PickerApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, AnswerPicker)
        burst(app, *keys)  # type: ignore[arg-type]  # burst only posts to the app
        await settle(pilot, 8)
        assert not isinstance(app.screen, AnswerPicker)
    return app.picked


async def test_end_and_enter_in_one_burst_pick_the_last_answer() -> None:
    assert await picked_after("end", "enter") == [3]


async def test_down_down_and_enter_in_one_burst_pick_the_third_answer() -> None:
    assert await picked_after("down", "down", "enter") == [3]


async def test_down_then_up_and_enter_pick_the_first_answer() -> None:
    assert await picked_after("down", "up", "enter") == [1]


async def test_escape_after_a_move_picks_nothing() -> None:
    picked: Any = await picked_after("down", "escape")
    assert picked == [None]
