"""Polish from a fresh QA pass: long options wrap, drafts are never skipped away unasked,
Esc leaves Help, the Argo vs Flux filter takes typing, and interview texts say what is true."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from textual.widget import Widget
from textual.widgets import DataTable, Input

from gitops_tutor.curriculum.models import ChoiceQuestion, Curriculum, Option
from gitops_tutor.interview.config import InterviewConfig
from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens.confirm import ConfirmModal
from gitops_tutor.tui.screens.interview_run import InterviewRunScreen
from gitops_tutor.tui.widgets.answer import AnswerArea, MarkedRadioButton, OrderedRadioSet, OrderedSelectionList
from tests.interview.conftest import FakeClock
from tests.tui.conftest import ready, settle, wait_for_workers, with_comparison
from tests.tui.test_interview import interview_app, wait_for_screen
from tests.tui.test_practice import open_session

LONG_OPTIONS = (
    "Add full_name; ship code writing both and reading full_name with a fallback, backfill, then drop name later",
    "Rename the column in a PreSync hook in the same release as the code that reads the new column name",
    "Keep both columns forever",
    "Let Argo CD rename it by pruning the old column and creating the new one during the final sync wave",
)
CHOICE_IDS = ("team-pull-benefit", "team-pick-flux-objects")


def with_long_options(curriculum: Curriculum, options: tuple[str, ...] = LONG_OPTIONS) -> Curriculum:
    """The fixture pack with its two choice questions' options replaced by long ones (the first is correct)."""
    questions = dict(curriculum.questions)
    for question_id in CHOICE_IDS:
        question = questions[question_id]
        assert isinstance(question, ChoiceQuestion)
        long = tuple(Option(text, index == 0, "Because.") for index, text in enumerate(options))
        questions[question_id] = replace(question, options=long)
    return replace(curriculum, questions=questions)


def shown_lines(app: GitOpsTutorApp, widget: Widget) -> list[str]:
    """The text the terminal shows inside ``widget``'s content area (what a learner can read)."""
    update = app.screen._compositor.render_full_update(simplify=True)
    screen_lines = ["".join(strip.text for strip in line) for line in update.strips]
    region = widget.scrollable_content_region.intersection(app.screen.region)
    return [line[region.x : region.right] for line in screen_lines[region.y : region.bottom]]


def squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def assert_every_option_readable(app: GitOpsTutorApp, widget: Widget, options: tuple[str, ...]) -> None:
    """Each option is on screen in full, broken only between words (a split word would not match)."""
    shown = squeezed(" ".join(shown_lines(app, widget)))
    assert "…" not in shown
    for option in options:
        assert squeezed(option) in shown, f"{option!r} is not shown whole in {shown!r}"


async def test_single_choice_options_wrap_whole_at_80_columns(
    build_app: Callable[..., GitOpsTutorApp], pack_curriculum: Curriculum
) -> None:
    app = build_app(curriculum=with_long_options(pack_curriculum))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-pull-benefit")
        radios = screen.query_one(OrderedRadioSet)
        assert_every_option_readable(app, radios, LONG_OPTIONS)


async def test_multi_choice_options_wrap_whole_at_80_columns(
    build_app: Callable[..., GitOpsTutorApp], pack_curriculum: Curriculum
) -> None:
    app = build_app(curriculum=with_long_options(pack_curriculum))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-pick-flux-objects")
        options = screen.query_one(OrderedSelectionList)
        assert_every_option_readable(app, options, LONG_OPTIONS)
        await pilot.press("down", "space")
        await settle(pilot)
        lines = shown_lines(app, options)
        ticked = [line for line in lines if line.startswith("▐X▌")]
        assert len(ticked) == 1, lines  # the tick box sits on the chosen option's first line only
        assert sorted(options.selected) == [1]


async def test_choice_options_wrap_in_the_interview_layout(
    build_app: Callable[..., GitOpsTutorApp], pack_curriculum: Curriculum
) -> None:
    clock = FakeClock()
    config = InterviewConfig(minutes=10, questions=2, seed=3, types=("single-choice", "multi-choice"), only_types=True)
    curriculum = with_long_options(pack_curriculum)
    app = interview_app(lambda **options: build_app(curriculum=curriculum, **options), clock, config)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await wait_for_screen(pilot, InterviewRunScreen)
        for position in range(len(run.session.items)):
            if position:
                run._move(lambda at=position: run.session.go_to(at))
                await settle(pilot)
            assert run.query_one("#iv-list").display  # the question list takes its share of the width
            assert_every_option_readable(app, run.answer_widget, LONG_OPTIONS)


async def test_scrolling_keeps_the_highlighted_long_option_in_view(
    build_app: Callable[..., GitOpsTutorApp], pack_curriculum: Curriculum
) -> None:
    many = tuple(f"{text} (variant {n})" for n in range(2) for text in LONG_OPTIONS)
    app = build_app(curriculum=with_long_options(pack_curriculum, many))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-pull-benefit")
        radios = screen.query_one(OrderedRadioSet)
        assert radios.virtual_size.height > radios.scrollable_content_region.height, "the test needs a scrolling list"
        buttons = list(radios.query(MarkedRadioButton))
        for index in range(1, len(buttons)):
            await pilot.press("down")
            await settle(pilot)
            assert radios._selected == index
            assert radios.scrollable_content_region.contains_region(buttons[index].region), index


async def test_scrolling_keeps_the_highlighted_long_multi_choice_option_in_view(
    build_app: Callable[..., GitOpsTutorApp], pack_curriculum: Curriculum
) -> None:
    many = tuple(f"{text} (variant {n})" for n in range(2) for text in LONG_OPTIONS)
    app = build_app(curriculum=with_long_options(pack_curriculum, many))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-pick-flux-objects")
        options = screen.query_one(OrderedSelectionList)
        assert options.virtual_size.height > options.scrollable_content_region.height, "the test needs a scrolling list"
        for index in range(1, options.option_count):
            await pilot.press("down")
            await settle(pilot)
            assert options.highlighted == index
            prompt = str(options.get_option_at_index(index).prompt)
            assert squeezed(prompt) in squeezed(" ".join(shown_lines(app, options))), index


async def test_skip_asks_before_a_typed_answer_is_thrown_away(build_app: Callable[..., GitOpsTutorApp]) -> None:
    """ctrl+n dropped several typed lines without a word, while Esc asked first."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-what-does-reconcile-do", "team-pull-benefit")
        await pilot.press(*"desired vs live", "enter", *"second line")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert app.screen.question == "Skip this question?"
        await pilot.press("escape")  # the safe first choice: keep writing
        await settle(pilot)
        area = screen.query_one(AnswerArea)
        assert app.screen is screen and area.has_focus
        assert screen.question is not None and screen.question.id == "team-what-does-reconcile-do"
        assert area.text == "desired vs live\nsecond line"
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.click("#confirm-skip")
        await settle(pilot)
        assert screen.question is not None and screen.question.id == "team-pull-benefit"


async def test_skip_asks_before_a_picked_option_is_dropped_and_can_submit_it(
    build_app: Callable[..., GitOpsTutorApp],
) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-pull-benefit", "team-what-does-reconcile-do")
        screen.query_one(OrderedRadioSet).pick(0)
        await pilot.click("#skip")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.click("#confirm-submit")
        await settle(pilot)
        assert app.screen is screen and screen.pending is not None  # graded, waiting for a rating


async def test_skip_without_an_answer_does_not_ask(build_app: Callable[..., GitOpsTutorApp]) -> None:
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-what-does-reconcile-do", "team-pull-benefit")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.screen is screen
        assert screen.question is not None and screen.question.id == "team-pull-benefit"


async def test_escape_leaves_help_for_the_screen_it_was_opened_from(build_app: Callable[..., GitOpsTutorApp]) -> None:
    """Esc did nothing on Help (and the footer offered no way back)."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        for start_key, mode in (("l", "lessons"), ("s", "stats"), ("h", "home")):
            await pilot.press(start_key)
            await settle(pilot)
            await pilot.press("question_mark")
            await settle(pilot)
            assert app.current_mode == "help"
            assert "help-back" in {binding.id for _, binding, *_ in app.active_bindings.values()}
            await pilot.press("escape")
            await settle(pilot)
            assert app.current_mode == mode


async def test_typing_on_argo_vs_flux_filters_and_esc_leaves_the_filter_then_clears_it(
    build_app: Callable[..., GitOpsTutorApp], pack_curriculum: Curriculum
) -> None:
    """The filter said "type words", but h opened Home and l Lessons; Esc cleared instead of leaving."""
    from gitops_tutor.tui.screens.compare import CompareScreen
    from gitops_tutor.tui.screens.home import HomeScreen

    app = build_app(curriculum=with_comparison(pack_curriculum))
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await pilot.press("c", *"helm")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        filter_input, table = screen.query_one("#filter", Input), screen.query_one(DataTable)
        assert filter_input.value == "helm" and table.row_count == 1
        await pilot.press("escape")  # leaves the filter; the rows stay narrowed
        await settle(pilot)
        assert table.has_focus and filter_input.value == "helm" and table.row_count == 1
        await pilot.press("escape")  # on the table: clears it
        await settle(pilot)
        assert table.has_focus and filter_input.value == "" and table.row_count == 3
        await pilot.press("slash", *"hel", "down")  # down also goes from the filter to the rows
        await settle(pilot)
        assert table.has_focus and table.cursor_row == 0 and table.row_count == 1
        await pilot.press("escape", "h")  # on the table letters are keys again
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_esc_in_a_filter_that_matches_nothing_clears_it_and_goes_to_the_rows(
    build_app: Callable[..., GitOpsTutorApp], pack_curriculum: Curriculum
) -> None:
    app = build_app(curriculum=with_comparison(pack_curriculum))
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        await pilot.press("c", *"zzzq")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 0
        await pilot.press("escape")
        await settle(pilot)
        assert table.row_count == 3 and table.has_focus and table.display


def test_an_unchanged_domain_reads_as_a_change_not_a_score() -> None:
    """The report said "Per domain since last time: tooling 0", which reads as a score of 0."""
    from gitops_tutor.interview.render import summary_facts
    from gitops_tutor.interview.report import Change, InterviewReport

    change = Change(previous_score=60, delta=0, earlier_count=1, best_before=60, domain_deltas={"tooling": 0, "x": -5})
    report = InterviewReport(
        "iv", "setup", "start", "end", "finished", 600, 300.0, 60, "almost", 1, 1, (), (), (), change=change
    )
    facts = {fact.label: fact.text for fact in summary_facts(report)}
    assert facts["Per domain since last time"] == "tooling ±0, x -5"
    assert facts["Change"].startswith("±0 against the previous interview")


async def test_quitting_in_an_interview_says_the_interview_is_saved_and_names_the_draft_at_risk(
    build_app: Callable[..., GitOpsTutorApp],
) -> None:
    """The quit dialog, shown over an interview, said "Your answer to this question ... would be lost":
    the draft at risk was a practice one, and the interview's answers are saved as they change."""
    from gitops_tutor.tui.screens.interview import REQUEST_ATTRIBUTE, InterviewRequest

    app = build_app(clock=FakeClock().now)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        practice = await open_session(pilot, "team-what-does-reconcile-do")
        practice.query_one(AnswerArea).insert("a practice draft")
        config = InterviewConfig(minutes=10, questions=1, seed=3, types=("single-choice",), only_types=True)
        setattr(app, REQUEST_ATTRIBUTE, InterviewRequest(config, False))  # noqa: B010
        await app.run_action("show('interview')")  # as i does (here i would go into the practice draft)
        run = await wait_for_screen(pilot, InterviewRunScreen)
        await pilot.press("1", "q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        detail = app.screen.detail
        assert "Your answer in “Test session” is not submitted yet. It is kept as a draft" in detail
        assert "Your interview answers are saved; resume the interview with i." in detail
        assert "this question" not in detail
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is run


LONG_PROMPT = "In the comparison of Argo CD and Flux, which component keeps the cluster in line with Git when {n}?"


def with_long_prompts(curriculum: Curriculum) -> Curriculum:
    questions = {
        question_id: replace(question, prompt=LONG_PROMPT.format(n=number))
        for number, (question_id, question) in enumerate(curriculum.questions.items())
    }
    return replace(curriculum, questions=questions)


async def test_interview_question_list_titles_use_the_list_width_and_never_wrap(
    build_app: Callable[..., GitOpsTutorApp], pack_curriculum: Curriculum
) -> None:
    """Titles were cut at 38 characters and then wrapped, mid-word at 100 columns; now each is one line,
    cut with an ellipsis where the list ends."""
    clock = FakeClock()
    config = InterviewConfig(minutes=10, questions=3, seed=3)
    curriculum = with_long_prompts(pack_curriculum)
    app = interview_app(lambda **options: build_app(curriculum=curriculum, **options), clock, config)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await wait_for_screen(pilot, InterviewRunScreen)
        listing = run.query_one("#iv-list")
        for size in ((120, 40), (100, 30)):  # below 100 the list folds away behind ctrl+l
            await pilot.resize_terminal(*size)
            await settle(pilot)
            rows = [line.rstrip() for line in shown_lines(app, listing) if line.strip()]
            assert len(rows) == len(run.session.items), rows  # one line per question: nothing wraps
            for row in rows:
                assert row.endswith("…") and len(row) == listing.scrollable_content_region.width, row


async def test_report_question_headings_wrap_instead_of_being_cut() -> None:
    from tests.tui.test_interview_report_screen import ReportApp, long_report, screen_text

    report = long_report()
    heading = "Argo CD Image Updater offers two write-back methods. What are they, and which one keeps Git the source?"
    first = replace(report.questions[0], prompt=heading)
    app = ReportApp(replace(report, questions=(first, *report.questions[1:])))
    async with app.run_test(size=(80, 200)) as pilot:
        await settle(pilot)
        assert f"1. {heading}" in screen_text(app.screen)


async def test_the_question_above_the_feedback_shows_code_without_backticks(
    build_app: Callable[..., GitOpsTutorApp],
) -> None:
    """The which-tool drill's header showed `spec.prune` with raw backticks once answered."""
    app = build_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(pilot)
        screen = await open_session(pilot, "team-which-tool-kustomization")
        await pilot.press("f")
        await settle(pilot)
        header = screen.query_one("#prompt-again").render()
        assert "`" not in str(header) and "spec.prune" in str(header)


async def test_discarding_an_unfinished_interview_asks_first(build_app: Callable[..., GitOpsTutorApp]) -> None:
    """One Enter on "Discard that unfinished interview" dropped a 60-question exam."""
    from textual.widgets import OptionList

    from gitops_tutor.tui.screens.interview import InterviewScreen

    clock = FakeClock()
    config = InterviewConfig(minutes=10, questions=3, seed=4, lessons=("team-reconcile-basics",))
    app = interview_app(build_app, clock, config)
    async with app.run_test(size=(120, 36)) as pilot:
        run = await wait_for_screen(pilot, InterviewRunScreen)
        for _ in range(50):  # under load the run screen shows a moment before its first answer box
            if run.query(AnswerArea):
                break
            await settle(pilot, 1)
        run.query_one(AnswerArea).insert("first draft")
        run.tick()
        await settle(pilot)
        await wait_for_workers(app)
    again = interview_app(build_app, clock, None)
    async with again.run_test(size=(120, 36)) as pilot:
        setup = await wait_for_screen(pilot, InterviewScreen)
        await settle(pilot)
        waiting = setup.waiting
        assert waiting is not None
        choices = setup.query_one("#iv-choices", OptionList)
        choices.focus()
        await pilot.press("down", "enter")  # "Discard that unfinished interview"
        await settle(pilot)
        assert isinstance(again.screen, ConfirmModal)
        assert "cannot be resumed or undone" in again.screen.detail
        await pilot.press("enter")  # the safe first choice: keep it
        await settle(pilot)
        assert setup.waiting is not None and setup.waiting.id == waiting.id
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.click("#confirm-discard")
        await settle(pilot)
        assert setup.waiting is None
