"""The key hints along the bottom of a screen, drawn as one line of text.

Textual's ``Footer`` mounts a widget per key and styles each one again whenever a screen
comes to the front; with a dozen keys that was three quarters of the time a screen switch
took (about 200 ms of CPU on the benchmark machine, see ``bench/screens.py``). ``KeyBar``
shows the same keys from the same bindings (``show=True``, disabled ones dimmed, the command
palette key on the right, the learner's remapped keys) but only re-renders its one line, and
a click on a key still runs it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.app import RenderResult
from textual.widget import Widget


@dataclass(frozen=True)
class KeyHint:
    key: str
    shown: str  # the key as displayed, e.g. "^t"
    description: str
    enabled: bool


class KeyBar(Widget, can_focus=False):
    """A drop-in for ``Footer`` in this app's screens."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--palette"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyBar > .keybar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .keybar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .keybar--palette {
        color: $footer-description-foreground;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's own name
        super().__init__(id=id)
        self._hits: list[tuple[int, int, KeyHint]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        self.refresh()

    def hints(self) -> tuple[list[KeyHint], KeyHint | None]:
        """The screen's shown bindings (one per action, focused widget first), and the palette key."""
        app = self.app
        seen: set[str] = set()
        hints: list[KeyHint] = []
        palette: KeyHint | None = None
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            hint = KeyHint(key, app.get_key_display(binding), binding.description, active.enabled)
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = hint
            elif binding.show and binding.action not in seen:
                seen.add(binding.action)
                hints.append(hint)
        return hints, palette

    def render(self) -> RenderResult:
        hints, palette = self.hints()
        key_style = self.get_component_rich_style("keybar--key")
        description_style = self.get_component_rich_style("keybar--description")
        right = Text()
        if palette is not None:
            right.append("▏", style="dim")
            right.append(f"{palette.shown} ", style=key_style)
            right.append("palette ", style=self.get_component_rich_style("keybar--palette"))
        room = max(0, self.size.width - right.cell_len)
        line = Text(no_wrap=True, overflow="crop")
        self._hits = []
        for hint in hints:
            piece = Text.assemble((f" {hint.shown} ", key_style), (f"{hint.description} ", description_style))
            if not hint.enabled:
                piece.stylize("dim")
            if line.cell_len + piece.cell_len > room:
                break
            self._hits.append((line.cell_len, line.cell_len + piece.cell_len, hint))
            line.append_text(piece)
        line.pad_right(room - line.cell_len)
        if palette is not None:
            self._hits.append((room, room + right.cell_len, palette))
        line.append_text(right)
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, hint in self._hits:
            if start <= event.x < end:
                if hint.enabled:
                    self.app.simulate_key(hint.key)
                else:
                    self.app.bell()
                return
