"""Argo CD vs Flux: the comparison table, filtered as you type, with a detail pane and a drill."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Input, Static

from gitops_tutor.curriculum.models import Dimension
from gitops_tutor.tui.safe_text import safe_text, sanitize
from gitops_tutor.tui.screens.base import TutorScreen


def matches(dimension: Dimension, query: str) -> bool:
    """Every word of the filter must appear somewhere in the row (name, either tool, notes)."""
    haystack = " ".join(
        (dimension.name, dimension.argo, dimension.flux, dimension.notes, dimension.matters_when)
    ).lower()
    return all(word in haystack for word in query.lower().split())


def detail_text(dimension: Dimension) -> Text:
    text = Text()
    text.append(sanitize(dimension.name) + "\n\n", style="bold")
    for label, value in (("Argo CD", dimension.argo), ("Flux", dimension.flux)):
        text.append(f"{label}: ", style="bold cyan")
        text.append(sanitize(value) + "\n\n")
    if dimension.notes:
        text.append("Notes: ", style="bold")
        text.append(sanitize(dimension.notes) + "\n\n")
    if dimension.matters_when:
        text.append("When it matters: ", style="bold")
        text.append(sanitize(dimension.matters_when))
    return text


def _cell(value: str, width: int = 60) -> Text:
    flat = " ".join(sanitize(value).split())
    return Text(flat if len(flat) <= width else flat[: width - 1] + "…")


class CompareScreen(TutorScreen):
    BINDINGS = [
        Binding("slash", "focus_filter", "Filter", tooltip="Type to filter the rows", id="filter"),
        Binding("d", "drill", "Which tool?", tooltip="Drill the which-tool questions", id="drill"),
    ]

    def __init__(self) -> None:
        super().__init__()
        comparison = self.services.curriculum.comparison
        self.dimensions = list(comparison.dimensions) if comparison else []

    def compose(self) -> ComposeResult:
        comparison = self.services.curriculum.comparison
        yield Header()
        title = comparison.title if comparison else "Argo CD vs Flux"
        yield Static(safe_text(title, "bold"), id="compare-title")
        yield Input(placeholder="Filter: type words to narrow the rows (e.g. helm, multi-tenancy)", id="filter")
        with Horizontal(id="compare"):
            yield DataTable(id="compare-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="detail-pane"):
                yield Static(self._empty_detail(), id="detail")
        yield Footer()

    def _empty_detail(self) -> Text:
        if not self.dimensions:
            return Text("No comparison is loaded.", style="dim")
        return Text("Select a row to see notes and when it matters.", style="dim")

    def on_mount(self) -> None:
        table = self.query_one("#compare-table", DataTable)
        table.add_column("Dimension", key="name")
        table.add_column("Argo CD", key="argo")
        table.add_column("Flux", key="flux")
        self._fill("")
        if self.app.is_headless:
            self.query_one("#filter", Input).cursor_blink = False
        table.focus()

    def _fill(self, query: str) -> None:
        table = self.query_one("#compare-table", DataTable)
        table.clear()
        shown = [d for d in self.dimensions if matches(d, query)]
        for dimension in shown:
            table.add_row(_cell(dimension.name, 28), _cell(dimension.argo), _cell(dimension.flux), key=dimension.id)
        if not shown:
            empty = Text("No row matches the filter.", style="dim") if self.dimensions else self._empty_detail()
            self.query_one("#detail", Static).update(empty)
        else:
            self._show(shown[0])

    def _show(self, dimension: Dimension) -> None:
        self.query_one("#detail", Static).update(detail_text(dimension))

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one("#compare-table", DataTable).focus()

    @on(DataTable.RowHighlighted, "#compare-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        by_id = {d.id: d for d in self.dimensions}
        if event.row_key.value in by_id:
            self._show(by_id[event.row_key.value])

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_drill(self) -> None:
        from gitops_tutor.tui.picking import pick_questions
        from gitops_tutor.tui.screens.session import ListSource

        ids = pick_questions(self.services.curriculum, "which-tool", "", self.services.rng)
        if not ids:
            self.notify("There are no which-tool questions in the loaded content.")
            return
        self.start_session(ListSource(ids), "practice", "Which tool? Argo CD, Flux, both or neither")
