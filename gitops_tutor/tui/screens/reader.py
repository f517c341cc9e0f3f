"""The lesson reader: Markdown with a list of sections; scrolling through a section marks it read.

A section counts as read once the learner has scrolled far enough to see where it
ends (the next section's heading, or the end of the page), so a glance at a
heading is not enough, and a short lesson that fits on screen is read at once.

Textual mounts one widget per Markdown block and lays them all out again as each
batch arrives, so the cost grows faster than the page. A long lesson is therefore
shown in parts of at most PART_SECTIONS sections (and about PART_CHARS characters):
every shipped lesson is a single part, and a 20,000-section pack lesson opens as
fast as a short one and stays responsive to every key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Header, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from gitops_tutor.curriculum.models import Lesson
from gitops_tutor.tui.safe_text import sanitize
from gitops_tutor.tui.screens.base import TutorScreen
from gitops_tutor.tui.services import Services
from gitops_tutor.tui.widgets.keybar import KeyBar
from gitops_tutor.tui.widgets.keyorder import screen_key_in_order

PART_SECTIONS = 25
PART_CHARS = 60_000
CONTENTS_SHOWN = 300  # the section list beyond this costs more to lay out than it helps


@dataclass(frozen=True)
class Section:
    title: str
    text: str  # the section's Markdown, its "## " heading included


def split_body(body: str) -> tuple[str, list[Section]]:
    """The text before the first level-2 heading, and each section after it.

    Headings are found by the same rule as ``Lesson.sections`` (a line starting with
    "## " outside a code fence), so the sections here are exactly the lesson's.
    """
    intro: list[str] = []
    sections: list[tuple[str, list[str]]] = []
    in_code = False
    for line in body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        elif not in_code and line.startswith("## "):
            sections.append((line[3:].strip(), []))
        (sections[-1][1] if sections else intro).append(line)
    return "\n".join(intro), [Section(title, "\n".join(lines)) for title, lines in sections]


def part_ranges(sections: list[Section]) -> list[range]:
    """Consecutive runs of sections, each small enough to mount quickly; at least one part."""
    parts: list[range] = []
    start, size = 0, 0
    for index, section in enumerate(sections):
        full = index - start >= PART_SECTIONS or (size + len(section.text) > PART_CHARS and index > start)
        if full:
            parts.append(range(start, index))
            start, size = index, 0
        size += len(section.text)
    parts.append(range(start, len(sections)))
    return parts


def lesson_head(lesson: Lesson) -> str:
    parts = [f"# {sanitize(lesson.title)}", f"*{sanitize(lesson.summary)}*"]
    if lesson.objectives:
        parts.append("**You will be able to:**\n\n" + "\n".join(f"- {sanitize(o)}" for o in lesson.objectives))
    return "\n\n".join(parts)


def key_terms(lesson: Lesson) -> str:
    if not lesson.key_terms:
        return ""
    terms = "\n".join(f"- **{sanitize(t.term)}**: {sanitize(t.definition)}" for t in lesson.key_terms)
    return "---\n\n**Key terms**\n\n" + terms


def part_markdown(lesson: Lesson, intro: str, sections: list[Section], part: int, parts: list[range]) -> str:
    """One part of the page: the head and intro on the first, key terms on the last (no extra
    level-2 headings, so the page's level-2 headings are exactly its sections)."""
    pieces = [lesson_head(lesson), sanitize(intro)] if part == 0 else []
    pieces += [sanitize(sections[index].text) for index in parts[part]]
    if part == len(parts) - 1:
        pieces.append(key_terms(lesson))
    return "\n\n".join(piece for piece in pieces if piece.strip())


def lesson_markdown(lesson: Lesson) -> str:
    """The whole lesson as one page (what a single-part lesson shows)."""
    intro, sections = split_body(lesson.body)
    return part_markdown(lesson, intro, sections, 0, [range(len(sections))])


def contents_label(title: str, read: bool) -> Text:
    return Text.assemble(("✓ " if read else "  ", "green"), sanitize(title))


class ReaderScreen(TutorScreen):
    """Opens with the page focused, so PageDown, Down, Space and End scroll at once (like less).

    Below 100 columns the section list starts hidden (ctrl+t shows it) so the page keeps the width.
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-normal"), (140, "-wide"), (180, "-very-wide")]
    DEFAULT_CSS = """
    ReaderScreen #contents {
        width: 30;
        max-width: 35%;
        height: 1fr;
    }
    ReaderScreen.-narrow #contents {
        display: none;
    }
    ReaderScreen.-wide #contents {
        width: 40;
    }
    ReaderScreen.-very-wide #contents {
        width: 52;
    }
    ReaderScreen #lesson-scroll {
        border-left: blank;
    }
    ReaderScreen #lesson-scroll:focus {
        border-left: tall $accent;
    }
    ReaderScreen MarkdownFence {
        overflow-x: auto;
        scrollbar-size-horizontal: 1;
        background: $panel;
    }
    ReaderScreen #page-end {
        height: auto;
        margin: 1 0;
    }
    """
    BINDINGS = [
        Binding("k", "check", "Check questions", tooltip="Answer this lesson's check questions", id="check"),
        Binding("ctrl+t", "toggle_toc", "Contents", tooltip="Show or hide the list of sections", id="toc"),
        Binding("right_square_bracket", "part(1)", "Next part", tooltip="A long lesson's next part", id="next-part"),
        Binding("left_square_bracket", "part(-1)", "Previous part", tooltip="The previous part", id="prev-part"),
        Binding("n", "next_lesson", "Next lesson", tooltip="Once this lesson is done: the next one", id="next-lesson"),
        Binding("escape", "back", "Back", id="reader-back"),
    ]

    async def _on_key(self, event: events.Key) -> None:
        """k runs here, in order, so an answer typed with it reaches the first check question."""
        await screen_key_in_order(self, event)

    def __init__(self, lesson_id: str, section: str | None = None) -> None:
        super().__init__()
        self.lesson_id = lesson_id
        self.start_section = section
        self.intro, self.sections = split_body(self.lesson.body)
        self.parts = part_ranges(self.sections)
        self.part = 0
        self.headers: list[Widget] = []  # the level-2 heading widgets of the part on screen
        self.read: set[str] = set()
        self.completed = False

    @property
    def lesson(self) -> Lesson:
        return self.services.curriculum.lessons[self.lesson_id]

    @property
    def section_titles(self) -> list[str]:
        """Titles of the sections in the part on screen, in order."""
        return [self.sections[index].title for index in self.parts[self.part]]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="reader"):
            yield OptionList(*self._contents_options(), id="contents")
            with VerticalScroll(id="lesson-scroll"):
                yield Markdown(id="lesson-md", open_links=False)
                with Vertical(id="page-end"):
                    yield Static("", id="page-note")
                    yield Button("", id="page-action", variant="primary")
                    yield Button("", id="next-lesson")
        yield KeyBar()

    def _contents_options(self) -> list[Option]:
        shown = self.sections[:CONTENTS_SHOWN]
        options = [Option(contents_label(s.title, False), id=f"s{i}") for i, s in enumerate(shown)]
        if len(self.sections) > CONTENTS_SHOWN:
            hint = f"… {len(self.sections) - CONTENTS_SHOWN} more sections: ] and [ move through the parts"
            options.append(Option(Text(hint, style="dim"), disabled=True))
        if not options:
            options = [Option(Text("This lesson has no sections.", style="dim"), disabled=True)]
        return options

    def on_mount(self) -> None:
        self.sub_title = sanitize(self.lesson.title)
        scroll = self.query_one("#lesson-scroll", VerticalScroll)
        scroll.focus()
        self.watch(scroll, "scroll_y", self._scrolled, init=False)
        start = next((i for i, s in enumerate(self.sections) if s.title == self.start_section), None)
        self.show_part(self._part_of(start) if start is not None else 0, start)

    def _part_of(self, section_index: int) -> int:
        return next(n for n, part in enumerate(self.parts) if section_index in part)

    @work(exclusive=True, group="part")
    async def show_part(self, part: int, section_index: int | None = None) -> None:
        """Put one part on screen (Markdown parses it off the event loop), then go to a section."""
        self.part = part
        self.headers = []
        document = self.query_one("#lesson-md", Markdown)
        await document.update(part_markdown(self.lesson, self.intro, self.sections, part, self.parts))
        if not self.query("#page-note"):
            return  # the learner left (Esc) while the part was parsed: its widgets are already taken down
        self.headers = list(document.query("MarkdownH2"))
        self._show_page_end()
        self.refresh_bindings()
        if section_index is not None:
            self.call_after_refresh(self._scroll_to_section, section_index)
        else:
            self.query_one("#lesson-scroll", VerticalScroll).scroll_home(animate=False)
        self.call_after_refresh(self._scrolled)

    def _show_page_end(self) -> None:
        note = self.query_one("#page-note", Static)
        button = self.query_one("#page-action", Button)
        button.display = True
        following_lesson = self.next_lesson()
        next_button = self.query_one("#next-lesson", Button)
        next_button.display = self.completed and following_lesson is not None and self.part == len(self.parts) - 1
        if following_lesson is not None:
            next_button.label = f"Next lesson: {sanitize(following_lesson.title)} (n)"
        if self.part < len(self.parts) - 1:
            following = self.parts[self.part + 1]
            note.update(Text(f"Part {self.part + 1} of {len(self.parts)}", style="bold"))
            button.label = f"Next part: sections {following.start + 1}-{following.stop} (])"
            return
        checks = self.services.curriculum.check_questions(self.lesson)
        if checks:
            note.update(Text(f"This lesson ends with {len(checks)} check questions.", style="bold"))
            button.label = f"Answer the {len(checks)} check questions (k)"
        else:
            note.update(Text("This lesson has no check questions.", style="dim"))
            button.display = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Part keys appear only when the lesson has more than one part."""
        if action == "part":
            return len(self.parts) > 1
        if action == "next_lesson":
            return self.completed and self.next_lesson() is not None
        return True

    def next_lesson(self) -> Lesson | None:
        """The lesson after this one in study order (R4: where to go once the checks are done)."""
        ordered = self.services.curriculum.lessons_in_order()
        index = next((n for n, lesson in enumerate(ordered) if lesson.id == self.lesson_id), len(ordered))
        return ordered[index + 1] if index + 1 < len(ordered) else None

    def action_next_lesson(self) -> None:
        following = self.next_lesson()
        if self.completed and following is not None:
            self.app.switch_screen(ReaderScreen(following.id))

    @on(Button.Pressed, "#next-lesson")
    def _next_lesson_pressed(self) -> None:
        self.action_next_lesson()

    async def refresh_data(self) -> None:
        progress = await self.services.db(self.services.store.lesson_progress, self.lesson_id)
        newly = set(progress.sections_read) - self.read
        self.read |= newly
        self._mark_contents(newly)
        if progress.completed != self.completed:
            self.completed = progress.completed
            self._show_page_end()
            self.refresh_bindings()

    def _mark_contents(self, titles: set[str]) -> None:
        """Tick the sections just read in the section list (only those: each change re-lays it out)."""
        contents = self.query_one("#contents", OptionList)
        for index, section in enumerate(self.sections[:CONTENTS_SHOWN]):
            if section.title in titles:
                contents.replace_option_prompt_at_index(index, contents_label(section.title, True))

    @on(Markdown.TableOfContentsUpdated)
    def _own_contents(self, message: Markdown.TableOfContentsUpdated) -> None:
        message.stop()  # the section list is built from the lesson itself

    @on(OptionList.OptionSelected, "#contents")
    def _section_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is None:
            return
        index = int(event.option.id[1:])
        part = self._part_of(index)
        if part != self.part:
            self.show_part(part, index)
        else:
            self._scroll_to_section(index)
        self.query_one("#lesson-scroll", VerticalScroll).focus()

    def _scroll_to_section(self, index: int) -> None:
        position = index - self.parts[self.part].start
        if 0 <= position < len(self.headers):
            scroll = self.query_one("#lesson-scroll", VerticalScroll)
            scroll.scroll_to_widget(self.headers[position], top=True, animate=False)

    def _scrolled(self, _value: float = 0.0) -> None:
        newly = [title for title in self.sections_seen_to_end() if title not in self.read]
        if newly:
            self.read.update(newly)
            self._mark_contents(set(newly))
            self.run_worker(self._mark(self.services, newly), group="mark-read")

    def sections_seen_to_end(self) -> list[str]:
        """Sections of this part whose end has been on screen: the next heading's top, or the part's end."""
        if len(self.headers) != len(self.parts[self.part]):
            return []  # the part is still being mounted (or its headings could not be matched)
        scroll = self.query_one("#lesson-scroll", VerticalScroll)
        document = self.query_one("#lesson-md", Markdown)
        seen_to = scroll.scroll_y + scroll.scrollable_content_region.height
        top = document.virtual_region.y
        ends = [top + header.virtual_region.y for header in self.headers[1:]]
        ends.append(top + document.virtual_region.height)
        return [title for title, end in zip(self.section_titles, ends, strict=True) if end <= seen_to]

    async def _mark(self, services: Services, titles: list[str]) -> None:
        for title in titles:
            await services.db(services.store.mark_section_read, self.lesson_id, title)

    def action_toggle_toc(self) -> None:
        contents = self.query_one("#contents", OptionList)
        contents.display = not contents.display

    def action_part(self, step: int) -> None:
        target = self.part + step
        if 0 <= target < len(self.parts):
            self.show_part(target)

    async def action_back(self) -> None:
        self.dismiss()

    @on(Button.Pressed, "#page-action")
    def _page_action(self) -> None:
        if self.part < len(self.parts) - 1:
            self.action_part(1)
        else:
            self.action_check()

    def action_check(self) -> None:
        from gitops_tutor.tui.screens.session import ListSource

        ids = [q.id for q in self.services.curriculum.check_questions(self.lesson)]
        if not ids:
            self.notify("This lesson has no check questions.")
            return
        lesson_id = self.lesson_id

        async def complete(services: Services, answered: int) -> None:
            if answered >= len(ids):
                await services.db(services.store.complete_lesson, lesson_id)

        following = self.next_lesson()

        def next_step(answered: int) -> tuple[str, Callable[[], object]] | None:
            if answered < len(ids) or following is None:
                return None
            return f"Next lesson: {following.title} (n)", lambda: self.app.switch_screen(ReaderScreen(following.id))

        title = f"Check questions: {self.lesson.title}"
        self.start_session(ListSource(ids), "lesson-check", title, complete, next_step)
