"""Typed input reaches the answer in the order it was typed, and whole.

Textual (8.2) hands each key to the focused widget's queue, but a key the widget
*binds* (arrows, End, backspace, Space in a list) bubbles up through every parent's
queue before its action runs, while a printable key is applied at once: a burst of
keys lands out of order (upstream Textualize/textual#6605, fix proposed in PR #6631).
Priority bindings (ctrl+s and friends) run even earlier, before the keys already
queued for the answer box, so a submit used to read a half-typed answer.

The workarounds here, until a Textual release fixes it:

- ``handle_key_in_order``: an answer widget runs the bindings for a key inline, in
  its own queue, in the order the keys came (the approach of PR #6631, extended to
  the screen's bindings so Esc and friends are ordered too);
- ``after_typed_keys``: a priority action (submit, next, previous, flag, list,
  finish, quit) runs only after the focused widget has handled every key it was
  already given, by queueing the action behind them;
- ``PasteSafeParser``: a bracketed paste is taken out whole before Textual's parser
  sees it, since that parser turns an escape sequence inside a paste into keys.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from textual import events
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.message import Message
from textual.widget import Widget

PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"


async def handle_key_in_order(
    widget: Widget, event: events.Key, own_handler: Callable[[events.Key], Awaitable[Any]]
) -> None:
    """Handle ``event`` completely here: the widget's bindings, its own key handling, then the screen's bindings.

    ``own_handler`` is the widget class's ``_on_key`` (printable keys, Enter, Tab). The
    event is marked handled so Textual neither runs that handler again nor bubbles it
    to bindings that already ran.
    """
    event.prevent_default()
    focused = widget.app.focused
    if focused is not None and focused is not widget:
        # An earlier key in this queue moved the focus (a list opened, a dialog came up):
        # this key was meant for the widget that has the focus now.
        event.stop()
        focused.post_message(events.Key(event.key, event.character))
        return
    if await _run_bindings(widget, event.key, own=True):
        event.stop()
        return
    await own_handler(event)
    if event._stop_propagation:  # the widget used the key (typed a character)
        return
    if await _run_bindings(widget, event.key, own=False):
        event.stop()


async def _run_bindings(widget: Widget, key: str, *, own: bool) -> bool:
    """Run the first non-priority binding for ``key``: the widget's own, or its ancestors' up to a modal.

    The screen's chain already applies the keymap and drops keys the focused widget
    types (a printable ``h`` is text in an answer box, not Home). Priority bindings
    were handled by the app before the key got here.
    """
    app = widget.app
    for namespace, bindings in widget.screen._modal_binding_chain:
        if (namespace is widget) != own:
            continue
        for binding in bindings.key_to_bindings.get(key, ()):
            if not binding.priority and await app.run_action(binding.action, namespace):
                return True
    return False


def after_typed_keys(app: App[Any], callback: Callable[[], Any]) -> None:
    """Run ``callback`` once the focused widget has handled every key the app has already passed it.

    The app passes keys on in the order they came; queueing the callback on the same
    widget puts it behind them, so a submit sees the whole answer however fast it was typed.
    """
    focused = app.focused
    target: Any = focused if focused is not None and focused.is_attached else app.screen
    target.call_later(callback)


class PasteSafeParser(XTermParser):
    """Xterm input parser that takes a bracketed paste out whole, escape codes and all.

    Textual's parser reads an ESC inside a paste as the start of a key sequence and
    emits it as keys, so pasted coloured output was split into keys and a shorter
    paste. Here the paste is cut out of the stream before the parser sees it. A paste
    whose start marker is split across two reads (rare) falls back to Textual's own handling.
    """

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._paste: list[str] | None = None

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # end of input
            return super().feed(data)
        tokens: list[Message] = []
        while data:
            if self._paste is None:
                start = data.find(PASTE_START)
                if start < 0:
                    tokens.extend(super().feed(data))
                    break
                if start:
                    tokens.extend(super().feed(data[:start]))
                self._paste = []
                data = data[start + len(PASTE_START) :]
                continue
            self._paste.append(data)
            pasted = "".join(self._paste)
            end = pasted.find(PASTE_END)
            if end < 0:
                self._paste = [pasted]
                break
            self._paste = None
            tokens.append(events.Paste(pasted[:end].replace("\x00", "")))
            data = pasted[end + len(PASTE_END) :]
        return tokens


def install_paste_safe_parser() -> None:
    """Make the terminal driver use ``PasteSafeParser``; called when the real app starts, never at import."""
    from textual.drivers import linux_driver

    linux_driver.XTermParser = PasteSafeParser  # type: ignore[misc]
