"""Help: every key binding, generated from the bindings themselves so it can never go stale."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from gitops_tutor.tui.screens.base import TutorScreen
from gitops_tutor.tui.widgets.keybar import KeyBar

HELP_MODE = "help"
EXTRA_SCREENS = (
    ("Lesson reader", "gitops_tutor.tui.screens.reader:ReaderScreen"),
    ("Question card", "gitops_tutor.tui.screens.session:SessionScreen"),
    ("Interview report", "gitops_tutor.tui.screens.interview_report:InterviewReportScreen"),
)


def _mode_or_home(mode: str) -> str:
    return "home" if mode in (HELP_MODE, "_default") else mode


def screen_classes() -> list[tuple[str, type[Any]]]:
    from gitops_tutor.tui.app import NAV

    targets = [(nav.title, nav.target) for nav in NAV] + list(EXTRA_SCREENS)
    classes = []
    for title, target in targets:
        module_name, class_name = target.split(":")
        classes.append((title, getattr(importlib.import_module(module_name), class_name)))
    return classes


def bindings_of(owner: type[Any]) -> list[Binding]:
    """The class's own bindings (not inherited ones), normalised from tuples to Binding objects."""
    own = owner.__dict__.get("BINDINGS", [])
    return [binding for _key, bindings in BindingsMap(own).key_to_bindings.items() for binding in bindings]


def keys_shown(binding: Binding, keymap: Mapping[str, str], key_display: Callable[[Binding], str]) -> str:
    """The key(s) that run the binding now: the learner's ``keymap`` setting wins over the default."""
    keys = keymap.get(binding.id or "", "") or binding.key
    if binding.id not in keymap and binding.key_display:
        return binding.key_display
    return "/".join(key_display(replace(binding, key=key.strip(), key_display=None)) for key in keys.split(","))


def binding_rows(
    title: str, bindings: list[Binding], key_display: Callable[[Binding], str], keymap: Mapping[str, str]
) -> Text:
    text = Text(title + "\n", style="bold underline")
    for binding in bindings:
        text.append(f"  {keys_shown(binding, keymap, key_display):<14}", style="bold cyan")
        text.append(binding.description or binding.action)
        if binding.tooltip:
            text.append(f"  {binding.tooltip}", style="dim")
        text.append("\n")
    return text


class HelpScreen(TutorScreen):
    """Every key; Esc goes back to the screen Help was opened from, as Esc goes back elsewhere."""

    BINDINGS = [Binding("escape", "back", "Back", tooltip="Back to where you opened Help", id="help-back")]

    def __init__(self) -> None:
        super().__init__()
        # Built as Help is first opened, while the app is still on the mode it is opened from.
        self.came_from = _mode_or_home(self.app.current_mode)

    def on_mount(self) -> None:
        self.query_one("#help", VerticalScroll).focus()  # so the keys scroll it
        self.app.mode_change_signal.subscribe(self, self._mode_changed, immediate=True)

    def _mode_changed(self, mode: str) -> None:
        """Every other mode shown is where a later visit to Help comes from."""
        if mode != HELP_MODE:
            self.came_from = mode

    async def action_back(self) -> None:
        await self.app.run_action(f"show({self.came_from!r})")

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help"):
            yield Static(self._intro(), id="help-intro")
            key_display = self.app.get_key_display
            keymap: Mapping[str, str] = getattr(self.app, "_keymap", {})  # what App.set_keymap applied
            everywhere = bindings_of(type(self.app)) + [b for b in bindings_of(App) if b.show or b.key == "ctrl+q"]
            yield Static(binding_rows("Everywhere", everywhere, key_display, keymap), classes="help-block")
            for title, screen_class in screen_classes():
                bindings = bindings_of(screen_class)
                if bindings:
                    yield Static(binding_rows(title, bindings, key_display, keymap), classes="help-block")
        yield KeyBar()

    def _intro(self) -> Text:
        return Text.assemble(
            ("Keys\n", "bold"),
            f"{self.app.get_key_display(Binding(self.app.COMMAND_PALETTE_BINDING, 'command_palette'))} opens the "
            "command palette: type to find any screen, action, lesson or Argo vs Flux row. ",
            "Letters switch screens except while typing in an answer box.\n",
        )
