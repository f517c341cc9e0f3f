"""The lesson reader: Markdown with a table of contents; scrolling through a section marks it read.

A section counts as read once the learner has scrolled far enough to see where it
ends (the next section's heading, or the end of the lesson), so a glance at a
heading is not enough, and a short lesson that fits on screen is read at once.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Markdown, Static
from textual.widgets.markdown import MarkdownTableOfContents

from gitops_tutor.curriculum.models import Lesson
from gitops_tutor.tui.safe_text import safe_text, sanitize
from gitops_tutor.tui.screens.base import TutorScreen
from gitops_tutor.tui.services import Services


def lesson_markdown(lesson: Lesson) -> str:
    """The page: title, summary and objectives, the body, then key terms (no extra level-2 headings,
    so the body's level-2 headings are exactly the lesson's sections)."""
    parts = [f"# {sanitize(lesson.title)}", f"*{sanitize(lesson.summary)}*"]
    if lesson.objectives:
        parts.append("**You will be able to:**\n\n" + "\n".join(f"- {sanitize(o)}" for o in lesson.objectives))
    parts.append(sanitize(lesson.body))
    if lesson.key_terms:
        terms = "\n".join(f"- **{sanitize(t.term)}**: {sanitize(t.definition)}" for t in lesson.key_terms)
        parts.append("---\n\n**Key terms**\n\n" + terms)
    return "\n\n".join(parts)


class ReaderScreen(TutorScreen):
    BINDINGS = [
        Binding("k", "check", "Check questions", tooltip="Answer this lesson's check questions", id="check"),
        Binding("ctrl+t", "toggle_toc", "Contents", tooltip="Show or hide the table of contents", id="toc"),
        Binding("escape", "back", "Back", id="reader-back"),
    ]

    def __init__(self, lesson_id: str, section: str | None = None) -> None:
        super().__init__()
        self.lesson_id = lesson_id
        self.start_section = section
        self.section_blocks: list[tuple[str, str]] = []  # (section title, header block id)
        self.read: set[str] = set()

    @property
    def lesson(self) -> Lesson:
        return self.services.curriculum.lessons[self.lesson_id]

    def compose(self) -> ComposeResult:
        lesson = self.lesson
        document = Markdown(lesson_markdown(lesson), id="lesson-md", open_links=False)
        checks = self.services.curriculum.check_questions(lesson)
        yield Header()
        with Horizontal(id="reader"):
            yield MarkdownTableOfContents(document, id="toc")
            with VerticalScroll(id="lesson-scroll"):
                yield document
                if checks:
                    yield Static(safe_text(f"This lesson ends with {len(checks)} check questions.", "bold"))
                    yield Button(f"Answer the {len(checks)} check questions (k)", id="start-check", variant="primary")
                else:
                    yield Static(safe_text("This lesson has no check questions.", "dim"))
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = sanitize(self.lesson.title)
        scroll = self.query_one("#lesson-scroll", VerticalScroll)
        self.watch(scroll, "scroll_y", self._scrolled, init=False)

    async def refresh_data(self) -> None:
        progress = await self.services.db(self.services.store.lesson_progress, self.lesson_id)
        self.read |= set(progress.sections_read)

    @on(Markdown.TableOfContentsUpdated)
    def _toc_updated(self, message: Markdown.TableOfContentsUpdated) -> None:
        message.stop()
        self.query_one("#toc", MarkdownTableOfContents).table_of_contents = message.table_of_contents
        titles = self.lesson.sections()
        headers = [str(block_id) for level, _name, block_id in message.table_of_contents if level == 2]
        self.section_blocks = list(zip(titles, headers, strict=False))
        self.call_after_refresh(self._initial_position)

    def _initial_position(self) -> None:
        target = dict(self.section_blocks).get(self.start_section or "")
        if target:
            self._scroll_to_block(target)
        self.call_after_refresh(self._scrolled)

    @on(Markdown.TableOfContentsSelected)
    def _toc_selected(self, message: Markdown.TableOfContentsSelected) -> None:
        message.stop()
        self._scroll_to_block(message.block_id)

    def _scroll_to_block(self, block_id: str) -> None:
        scroll = self.query_one("#lesson-scroll", VerticalScroll)
        scroll.scroll_to_widget(self.query_one(f"#{block_id}"), top=True, animate=False)

    def _scrolled(self, _value: float = 0.0) -> None:
        newly = [title for title in self.sections_seen_to_end() if title not in self.read]
        if newly:
            self.read.update(newly)
            self.run_worker(self._mark(self.services, newly), group="mark-read")

    def sections_seen_to_end(self) -> list[str]:
        """Sections whose end has been on screen: the next heading's top, or the lesson's bottom."""
        scroll = self.query_one("#lesson-scroll", VerticalScroll)
        document = self.query_one("#lesson-md", Markdown)
        seen_to = scroll.scroll_y + scroll.scrollable_content_region.height
        top = document.virtual_region.y
        ends = [top + self.query_one(f"#{block}").virtual_region.y for _title, block in self.section_blocks[1:]]
        ends.append(top + document.virtual_region.height)
        return [title for (title, _block), end in zip(self.section_blocks, ends, strict=True) if end <= seen_to]

    async def _mark(self, services: Services, titles: list[str]) -> None:
        for title in titles:
            await services.db(services.store.mark_section_read, self.lesson_id, title)

    def action_toggle_toc(self) -> None:
        toc = self.query_one("#toc", MarkdownTableOfContents)
        toc.display = not toc.display

    async def action_back(self) -> None:
        self.dismiss()

    @on(Button.Pressed, "#start-check")
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

        self.start_session(ListSource(ids), "lesson-check", f"Check questions: {self.lesson.title}", complete)
