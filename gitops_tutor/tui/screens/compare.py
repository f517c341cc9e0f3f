"""Argo CD vs Flux: the comparison table, filtered as you type, with a detail pane and a drill.

Both tools' columns are always on screen, at any width: the cells wrap instead of being cut,
and the column widths follow the table's width. Below 140 columns the detail pane moves under
the table so the table keeps the full width (R3).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Header, Input, Static

from gitops_tutor.curriculum.models import Dimension
from gitops_tutor.tui.safe_text import safe_text, sanitize
from gitops_tutor.tui.screens.base import TutorScreen
from gitops_tutor.tui.widgets.keybar import KeyBar

MATCH_STYLE = "bold reverse"
FILTER_HINT = "Type words to filter the rows (e.g. helm); Esc goes to the table"  # fits at 80 columns
NAME_WIDTH = 22


def query_words(query: str) -> list[str]:
    return query.lower().split()


def match_rank(dimension: Dimension, words: list[str]) -> int | None:
    """None when some word of the filter is nowhere in the row; else a rank, higher is better:
    a word in the dimension's name counts most, then in either tool's cell, then in the notes."""
    fields = (
        (dimension.name.lower(), 4),
        (f"{dimension.argo} {dimension.flux}".lower(), 2),
        (f"{dimension.notes} {dimension.matters_when}".lower(), 1),
    )
    rank = 0
    for word in words:
        found = [weight for text, weight in fields if word in text]
        if not found:
            return None
        rank += max(found)
    return rank


def matches(dimension: Dimension, query: str) -> bool:
    """Every word of the filter must appear somewhere in the row (name, either tool, notes)."""
    return match_rank(dimension, query_words(query)) is not None


def ranked(dimensions: list[Dimension], query: str) -> list[Dimension]:
    """Matching rows, best first; rows that rank alike keep the content's order."""
    words = query_words(query)
    scored = [(match_rank(d, words), n, d) for n, d in enumerate(dimensions)]
    return [d for rank, _n, d in sorted((s for s in scored if s[0] is not None), key=lambda s: (-(s[0] or 0), s[1]))]


def marked(value: str, words: list[str]) -> Text:
    """The value, sanitized and flattened to one paragraph, with the filter's words highlighted."""
    text = Text(" ".join(sanitize(value).split()))
    if words:
        text.highlight_words(words, style=MATCH_STYLE, case_sensitive=False)
    return text


def detail_text(dimension: Dimension, words: list[str] | None = None, with_tools: bool = True) -> Text:
    """The row in full; ``with_tools=False`` leaves out the two tools' cells (the table shows them
    in full right above, where the pane sits under the table on a narrow screen)."""
    words = words or []
    text = Text()
    text.append_text(marked(dimension.name, words))
    text.stylize("bold")
    text.append("\n\n")
    for label, value in (("Argo CD", dimension.argo), ("Flux", dimension.flux)) if with_tools else ():
        text.append(f"{label}: ", style="bold cyan")
        text.append_text(marked(value, words))
        text.append("\n\n")
    if dimension.notes:
        text.append("Notes: ", style="bold")
        text.append_text(marked(dimension.notes, words))
        text.append("\n\n")
    if dimension.matters_when:
        text.append("When it matters: ", style="bold")
        text.append_text(marked(dimension.matters_when, words))
    text.rstrip()
    return text


def column_widths(table_width: int, longest_name: int) -> tuple[int, int]:
    """(name, tool) column widths that fill the table: the two tool columns share what is left."""
    name = max(10, min(NAME_WIDTH, longest_name))
    tool = max(12, (table_width - name - 2 - 6) // 2)  # 2 for the scrollbar, 2 of padding per column
    return name, tool


class DimensionTable(DataTable[Text]):
    """A DataTable that says when its own size changes (a screen's Resize comes before layout)."""

    class Resized(Message):
        pass

    def on_resize(self) -> None:
        self.post_message(self.Resized())


class CompareScreen(TutorScreen):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (140, "-wide")]
    DEFAULT_CSS = """
    CompareScreen #compare-body {
        height: 1fr;
        layout: vertical;
    }
    CompareScreen.-wide #compare-body {
        layout: horizontal;
    }
    CompareScreen #dimensions {
        width: 1fr;
        height: 1fr;
    }
    CompareScreen #no-match {
        display: none;
        padding: 1 2;
        color: $text-muted;
        height: 1fr;
    }
    CompareScreen #compare-body.-empty #no-match {
        display: block;
    }
    CompareScreen #compare-body.-empty #dimensions {
        display: none;
    }
    CompareScreen #dimension-detail {
        height: 7;
        width: 1fr;
        padding: 0 1;
        border-top: hkey $primary;
        border-left: none;
    }
    CompareScreen.-wide #dimension-detail {
        height: 1fr;
        width: 1fr;
        max-width: 60;
        border-top: none;
        border-left: vkey $primary;
    }
    """
    BINDINGS = [
        Binding("slash", "focus_filter", "Filter", tooltip="Type to filter the rows", id="filter", priority=True),
        Binding("d", "drill", "Which tool?", tooltip="Drill the which-tool questions", id="drill"),
        Binding("escape", "leave_filter", "To the table", tooltip="Letters are keys again there", id="leave-filter"),
        Binding("escape", "clear_filter", "Clear filter", tooltip="Show every row again", id="clear-filter"),
        # Priority, as the filter takes down itself; only while the filter has the focus (check_action).
        Binding("down", "leave_filter", "To the table", show=False, id="filter-to-table", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        comparison = self.services.curriculum.comparison
        self.dimensions = list(comparison.dimensions) if comparison else []
        self.by_id = {d.id: d for d in self.dimensions}
        self.query_text = ""
        self._layout_width = 0

    def compose(self) -> ComposeResult:
        comparison = self.services.curriculum.comparison
        yield Header()
        title = comparison.title if comparison else "Argo CD vs Flux"
        yield Static(safe_text(title, "bold"), id="compare-title")
        yield Input(placeholder=FILTER_HINT, id="filter")
        with Container(id="compare-body"):
            yield DimensionTable(id="dimensions", cursor_type="row", zebra_stripes=True)
            yield Static("", id="no-match")
            with VerticalScroll(id="dimension-detail"):
                yield Static(self._empty_detail(), id="detail")
        yield KeyBar()

    def _empty_detail(self) -> Text:
        if not self.dimensions:
            return Text("No comparison is loaded.", style="dim")
        return Text("Select a row to see notes and when it matters.", style="dim")

    def on_mount(self) -> None:
        self._fill()
        if self.app.is_headless:
            self.query_one("#filter", Input).cursor_blink = False
        # The filter says "type words": typing does that on arrival; Esc hands the keys to the table.
        self.query_one("#filter", Input).focus()

    @on(DimensionTable.Resized)
    def _table_resized(self) -> None:
        """Column widths follow the table's width: refill once it is known, and when it changes."""
        self._refill_if_resized()

    def _refill_if_resized(self) -> None:
        width = self.query_one("#dimensions", DataTable).size.width
        if width and width != self._layout_width:
            self._fill(keep_cursor=True)

    def _fill(self, keep_cursor: bool = False) -> None:
        """Rebuild the rows for the filter (best match first, under the cursor) or for a new width."""
        table = self.query_one("#dimensions", DataTable)
        self._layout_width = table.size.width or self.size.width
        highlighted = self._highlighted_id() if keep_cursor else None
        table.clear(columns=True)
        longest = max((len(d.name) for d in self.dimensions), default=NAME_WIDTH)
        name_width, tool_width = column_widths(self._layout_width, longest)
        table.add_column("Dimension", key="name", width=name_width)
        table.add_column("Argo CD", key="argo", width=tool_width)
        table.add_column("Flux", key="flux", width=tool_width)
        words = query_words(self.query_text)
        shown = ranked(self.dimensions, self.query_text)
        for dimension in shown:
            cells = (marked(dimension.name, words), marked(dimension.argo, words), marked(dimension.flux, words))
            table.add_row(*cells, key=dimension.id, height=None)
        self._show_empty(not shown)
        if shown:
            ids = [d.id for d in shown]
            row = ids.index(highlighted) if highlighted in ids else 0
            table.move_cursor(row=row, animate=False)
            self._show(shown[row])

    def _highlighted_id(self) -> str | None:
        table = self.query_one("#dimensions", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(key) if key is not None else None

    def _show_empty(self, empty: bool) -> None:
        self.query_one("#compare-body").set_class(empty, "-empty")
        if not empty:
            return
        if self.dimensions:
            message = Text.assemble("No row matches ", (f"“{sanitize(self.query_text)}”", "bold"), ". Esc clears it.")
            self.query_one("#no-match", Static).update(message)
            self.query_one("#detail", Static).update(Text("No row matches the filter.", style="dim"))
        else:
            self.query_one("#no-match", Static).update(self._empty_detail())
            self.query_one("#detail", Static).update(self._empty_detail())

    def _show(self, dimension: Dimension) -> None:
        details = detail_text(dimension, query_words(self.query_text), with_tools=self.has_class("-wide"))
        self.query_one("#detail", Static).update(details)

    def select_dimension(self, dimension_id: str) -> None:
        """Show one row (from the command palette): clear the filter, then move the cursor to it."""
        if dimension_id not in self.by_id:
            return
        self.query_one("#filter", Input).value = ""
        self.query_text = ""
        self._fill()
        table = self.query_one("#dimensions", DataTable)
        table.move_cursor(row=table.get_row_index(dimension_id), animate=False)
        self._show(self.by_id[dimension_id])
        table.focus()

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self._fill()
        self.refresh_bindings()  # Esc's meaning on the table depends on whether a filter is set

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one("#dimensions", DataTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc leaves the filter first (the rows stay narrowed), then clears it from the table."""
        if action not in ("leave_filter", "clear_filter"):
            return True
        filter_input = self.query_one("#filter", Input)
        if action == "leave_filter":
            return filter_input.has_focus
        if action == "clear_filter":
            return not filter_input.has_focus and bool(filter_input.value)
        return True

    def action_leave_filter(self) -> None:
        """To the table; a filter that matches nothing is cleared on the way (there is no row to go to)."""
        table = self.query_one("#dimensions", DataTable)
        if not table.row_count:
            self.action_clear_filter()
        table.focus()

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""
        self.query_text = ""
        self._fill()  # now, not when the input's Changed message arrives: the table is shown again at once

    @on(DataTable.RowHighlighted, "#dimensions")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value in self.by_id:
            self._show(self.by_id[event.row_key.value])

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
