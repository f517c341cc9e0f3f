"""Practice: pick questions by lesson, tag, CGOA domain or "mixed", then answer them."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from gitops_tutor.tui.picking import SESSION_LENGTH, PracticeChoice, pick_questions, practice_choices
from gitops_tutor.tui.safe_text import sanitize
from gitops_tutor.tui.screens.base import TutorScreen


def choice_label(choice: PracticeChoice) -> Text:
    return Text.assemble(sanitize(choice.label), (f"  ({choice.count} questions)", "dim"))


class PracticeScreen(TutorScreen):
    def __init__(self) -> None:
        super().__init__()
        self.choices = {c.key: c for c in practice_choices(self.services.curriculum)}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            Text(f"Practise: choose what to answer (up to {SESSION_LENGTH} questions, shuffled)", style="bold"),
            id="practice-title",
        )
        options = [Option(choice_label(c), id=key) for key, c in self.choices.items()]
        if len(options) == 1 and not self.services.curriculum.questions:
            options = [Option(Text("No questions are loaded.", style="dim"), disabled=True)]
        yield OptionList(*options, id="practice-choices")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#practice-choices", OptionList).focus()

    @on(OptionList.OptionSelected, "#practice-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        choice = self.choices.get(event.option.id or "")
        if choice is None:
            return
        ids = pick_questions(self.services.curriculum, choice.kind, choice.value, self.services.rng)
        if not ids:
            self.notify("No questions match that choice.")
            return
        from gitops_tutor.tui.screens.session import ListSource

        self.start_session(ListSource(ids), "practice", f"Practice: {choice.label}")
