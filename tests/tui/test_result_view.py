"""What the graded result shows: the whole answer, no repeated sentences, choices readable without colour."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Markdown, RadioSet, Static

from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.widgets.answer import AnswerArea, MarkedRadioButton
from tests.tui.conftest import open_session, ready, settle


async def test_a_long_answer_is_shown_whole(build_app: Callable[..., GitOpsTutorApp]) -> None:
    """R1: the answer box stopped at 14 rows with no sign that more was hidden."""
    answer = "\n".join(f"line {n}: the desired state is compared with the live state" for n in range(30))
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-what-does-reconcile-do")
        screen.query_one(AnswerArea).insert(answer)
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = screen.query_one("#your-answer", Static)
        assert shown.size.height >= 30 and "line 29" in str(shown.visual)


async def test_which_tool_feedback_says_the_answer_once(build_app: Callable[..., GitOpsTutorApp]) -> None:
    """P5: the same sentence came three times (grader looked for / Answer / Why), with tool ids."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-which-tool-kustomization")
        await pilot.press("a")  # Argo CD: wrong, and submitted at once
        await settle(pilot)
        why = "The Kustomization CRD (kustomize.toolkit.fluxcd.io) belongs to Flux."
        texts = [str(widget.visual) for widget in screen.query("#result > Static")]
        texts.append(screen.query_one("#model-answer", Markdown).source)
        assert sum(text.count(why) for text in texts) == 1
        assert "Not Argo CD: the answer is Flux." in texts[0]
        assert str(screen.query_one("#your-answer", Static).visual) == "Argo CD"


async def test_the_chosen_radio_button_is_marked_without_colour(build_app: Callable[..., GitOpsTutorApp]) -> None:
    """P3: every option showed the same dot; only its colour told them apart."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-pull-benefit")
        buttons = list(screen.query_one(RadioSet).query(MarkedRadioButton))
        assert all("●" not in str(button.render()) for button in buttons)
        await pilot.press("space")
        await settle(pilot)
        assert ["●" in str(button.render()) for button in buttons] == [True, False]


def test_feedback_and_option_reasons_show_code_without_backticks() -> None:
    """P2: the feedback header printed raw Markdown backticks around commands and fields."""
    from types import SimpleNamespace

    from gitops_tutor.tui.widgets.result import score_line

    result = SimpleNamespace(score=50, verdict="partial", feedback="Missing: a CI job running `kubectl apply -f`.")
    line = score_line(result)
    assert "`" not in line.plain and "kubectl apply -f" in line.plain
    assert any("cyan" in str(span.style) for span in line.spans)


async def test_a_free_text_result_says_where_its_verdict_lines_are(build_app: Callable[..., GitOpsTutorApp]) -> None:
    """QA fresh-eyes-4: each rubric may set its own lines, and "60 PASS" beside "62 PARTIAL" on another
    question looked random; the score line now says this question's lines."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-what-does-reconcile-do")
        question = app.services.curriculum.questions["team-what-does-reconcile-do"]  # type: ignore[union-attr]
        rubric = question.rubric  # type: ignore[union-attr]
        screen.query_one(AnswerArea).insert("It compares desired and live state.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        score = str(screen.query_one("#score", Static).visual)
        pass_at = 70 if rubric.pass_threshold is None else rubric.pass_threshold
        assert f"(pass at {pass_at:g}, partial at " in score
