"""Command palette entries: whatever the current screen can do, plus the content itself.

Screen entries are generated from the screen's own bindings (and its widgets' ones from
this package), so an action with a key is always in the palette too, with no second list
to keep in step. Content entries reach every lesson and every comparison row from any
screen (R11), and the weak-spots drill, which has a key only on Home and Review.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.dom import DOMNode
from textual.screen import Screen

from gitops_tutor.tui.safe_text import sanitize

if TYPE_CHECKING:
    from gitops_tutor.tui.services import Services

OWN_PACKAGE = "gitops_tutor."


def screen_commands(screen: Screen[Any]) -> Iterable[SystemCommand]:
    """The current screen's actions, then the content commands (once content has loaded)."""
    seen: set[str] = set()
    for node, binding, enabled in _palette_bindings(screen):
        if isinstance(node, App) or not type(node).__module__.startswith(OWN_PACKAGE):
            continue
        if not binding.show or not enabled or binding.action in seen:
            continue
        seen.add(binding.action)
        title = binding.description or binding.action
        help_text = binding.tooltip or f"key: {screen.app.get_key_display(binding)}"
        yield SystemCommand(title, help_text, _runner(screen, binding.action, node))
    services: Services | None = getattr(screen.app, "services", None)
    if services is not None:
        yield from content_commands(screen.app, services, skip_titles=seen_titles(screen))


def _palette_bindings(screen: Screen[Any]) -> Iterable[tuple[DOMNode, Any, bool]]:
    """The active bindings, then the screen's own: while a text box has the focus, the bindings of
    letter keys are not active (the box takes those keys), and the palette is how they are reached."""
    for active in screen.active_bindings.values():
        yield active.node, active.binding, active.enabled
    for bindings in screen._bindings.key_to_bindings.values():
        for binding in bindings:
            state = screen.app._check_action_state(binding.action, screen)
            if state is not False:
                yield screen, binding, bool(state)


def seen_titles(screen: Screen[Any]) -> set[str]:
    return {active.binding.description for active in screen.active_bindings.values()}


def content_commands(
    app: App[Any], services: Services, skip_titles: frozenset[str] | set[str] = frozenset()
) -> Iterable[SystemCommand]:
    if "Weak spots" not in skip_titles:
        yield SystemCommand("Weak spots", "Practise your weakest questions (cram)", lambda: _weak_spots(app, services))
    for lesson in services.curriculum.lessons_in_order():
        title = sanitize(lesson.title)
        yield SystemCommand(f"Lesson: {title}", sanitize(lesson.summary), _open_lesson(app, lesson.id))
    comparison = services.curriculum.comparison
    for dimension in comparison.dimensions if comparison else ():
        help_text = f"Argo CD: {sanitize(dimension.argo)}"[:100]
        yield SystemCommand(f"Argo vs Flux: {sanitize(dimension.name)}", help_text, _open_dimension(app, dimension.id))


def _open_lesson(app: App[Any], lesson_id: str) -> Callable[[], Awaitable[None]]:
    async def run() -> None:
        from gitops_tutor.tui.screens.reader import ReaderScreen

        await app.run_action("show('lessons')")
        if app.current_mode == "lessons":
            await app.push_screen(ReaderScreen(lesson_id))

    return run


def _open_dimension(app: App[Any], dimension_id: str) -> Callable[[], Awaitable[None]]:
    async def run() -> None:
        from gitops_tutor.tui.screens.compare import CompareScreen

        await app.run_action("show('compare')")
        if isinstance(app.screen, CompareScreen):
            app.screen.select_dimension(dimension_id)

    return run


async def _weak_spots(app: App[Any], services: Services) -> None:
    from gitops_tutor.tui.queries import weak_question_ids
    from gitops_tutor.tui.screens.session import ListSource, SessionScreen

    ids = await services.db(weak_question_ids, services)
    if not ids:
        app.notify("No weak spots yet: answer a few questions first.")
        return
    await app.push_screen(SessionScreen(ListSource(ids), "practice", "Weak spots"))


def _runner(screen: Screen[Any], action: str, node: DOMNode) -> Callable[[], Any]:
    async def run() -> None:
        await screen.app.run_action(action, node)

    return run
