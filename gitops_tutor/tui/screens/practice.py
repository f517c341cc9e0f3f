"""Practice: pick questions by type, lesson, tag, CGOA domain or "mixed" (/ filters the list), then answer them."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.progress import StoreError
from gitops_tutor.tui.picking import SESSION_LENGTH, PracticeChoice, pick_questions, practice_choices
from gitops_tutor.tui.safe_text import sanitize
from gitops_tutor.tui.screens.base import TutorScreen
from gitops_tutor.tui.widgets.keybar import KeyBar
from gitops_tutor.tui.widgets.keyorder import hand_keys_back
from gitops_tutor.tui.widgets.opening_list import OpeningOptionList


def choice_label(choice: PracticeChoice) -> Text:
    questions = "question" if choice.count == 1 else "questions"
    return Text.assemble(sanitize(choice.label), (f"  ({choice.count} {questions})", "dim"))


def drafts_line(drafted: list[str], curriculum: Curriculum) -> str:
    """Which lessons hold a kept draft, so the learner knows which choice brings it back."""
    lessons = [curriculum.lessons[q.lesson].title for q in map(curriculum.questions.__getitem__, drafted)
               if q.lesson in curriculum.lessons]  # fmt: skip
    named = ", ".join(dict.fromkeys(lessons))
    where = f" (lesson{'s' if len(set(lessons)) > 1 else ''}: {named})" if named else ""
    if len(drafted) == 1:
        return f"1 unsubmitted answer is kept as a draft{where}: any choice that includes its question starts with it."
    count = len(drafted)
    return f"{count} unsubmitted answers are kept as drafts{where}: a choice that includes one starts with it."


def matches(choice: PracticeChoice, words: str) -> bool:
    """Every word of the filter appears in the choice's label (case ignored)."""
    label = choice.label.lower()
    return all(word in label for word in words.lower().split())


class PracticeScreen(TutorScreen):
    BINDINGS = [
        Binding("slash", "filter", "Filter", tooltip="Type words to narrow the list", id="practice-filter"),
        Binding("down", "to_list", "To the list", show=False, id="practice-to-list"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.choices = {c.key: c for c in practice_choices(self.services.curriculum)}
        self.drafted: list[str] = []  # questions with a kept draft: they open the session (progress.drafts)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            Text(f"Practise: choose what to answer (up to {SESSION_LENGTH} questions, shuffled)", style="bold"),
            id="practice-title",
        )
        yield Input(placeholder="Filter (/): e.g. manifest, flux, drift", id="practice-filter-input")
        yield OpeningOptionList(*self._options(""), id="practice-choices")
        yield KeyBar()

    def _options(self, words: str) -> list[Option]:
        if not self.services.curriculum.questions:
            return [Option(Text("No questions are loaded.", style="dim"), disabled=True)]
        options = [Option(choice_label(c), id=key) for key, c in self.choices.items() if matches(c, words)]
        return options or [Option(Text("Nothing matches the filter.", style="dim"), disabled=True)]

    def on_mount(self) -> None:
        self.query_one("#practice-choices", OptionList).focus()

    async def refresh_data(self) -> None:
        """On every showing (TutorScreen's refresh): which questions hold an unsubmitted answer. The list
        itself never moves (keys typed ahead pick by position), only the title says the drafts come first;
        keys typed with the key that showed this screen wait for it, so an Enter among them sees the drafts."""
        try:
            drafted = await self.services.db(self.services.store.drafted_question_ids)
        except StoreError:
            drafted = []
        self.drafted = [question_id for question_id in drafted if question_id in self.services.curriculum.questions]
        title = f"Practise: choose what to answer (up to {SESSION_LENGTH} questions, shuffled)"
        if self.drafted:
            title += "\n" + drafts_line(self.drafted, self.services.curriculum)
        self.query_one("#practice-title", Static).update(Text(title, style="bold"))

    def action_filter(self) -> None:
        """Focus the filter at once (``focus()`` is queued): the words typed in the same burst as '/'
        are already queued for the list, which hands each to the widget that has the focus now."""
        self.set_focus(self.query_one("#practice-filter-input", Input))

    def action_to_list(self) -> None:
        self.query_one("#practice-choices", OptionList).focus()

    @on(Input.Changed, "#practice-filter-input")
    def _filtered(self, event: Input.Changed) -> None:
        listing = self.query_one("#practice-choices", OptionList)
        listing.clear_options()
        listing.add_options(self._options(event.value))
        listing.highlighted = 0

    @on(Input.Submitted, "#practice-filter-input")
    def _filter_done(self) -> None:
        """Enter in the filter starts the first match."""
        listing = self.query_one("#practice-choices", OptionList)
        listing.focus()
        listing.action_select()

    @on(OptionList.OptionSelected, "#practice-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        choice = self.choices.get(event.option.id or "")
        curriculum, rng = self.services.curriculum, self.services.rng
        ids = pick_questions(curriculum, choice.kind, choice.value, rng, first=self.drafted) if choice else []
        if choice is None or not ids:
            hand_keys_back(self)  # no session: keys typed after the Enter stay here
            if choice is not None:
                self.notify("No questions match that choice.")
            return
        from gitops_tutor.tui.screens.session import ListSource

        self.start_session(ListSource(ids), "practice", f"Practice: {choice.label}")
