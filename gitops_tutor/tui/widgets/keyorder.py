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
  sees it, since that parser turns an escape sequence inside a paste into keys;
- ``hold_keys`` / ``release_keys``: while a screen replaces its answer widget (next
  question, feedback, a jump in a list), the widget that should take the next keys
  does not exist yet. The screen holds every key (and every priority action) that
  arrives meanwhile, in the order typed, and hands them to the widget that gets the
  focus next. A screen that holds calls ``screen_key_in_order`` from its ``_on_key``.
- ``hold_keys_typed_after`` / ``hand_keys_to`` / ``keys_ready``: a key that opens another
  screen (a screen key such as ``l``, Enter on a menu, a dialog's key) is handled by the app
  only after it bubbled up from the focused widget, and the keys typed behind it were given
  to that widget meanwhile; they then reach the app while the new screen is still filling its
  list. The app holds every key typed after the opening key, wherever it turns up (the app,
  the old screen), and hands them on one at a time once the new screen is ready, each only
  after the one before has been handled all the way up, so a key that opens yet another
  screen (Enter on the list) sends the keys behind it there too.
"""

from __future__ import annotations

import sys
from bisect import insort
from collections.abc import Awaitable, Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary, WeakSet

from textual import events
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import Screen
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
    if take_if_held(widget.screen, event):
        return  # an earlier key in this queue started a swap: the key waits for the next widget
    focused = widget.app.focused
    if focused is not None and focused is not widget:
        # An earlier key in this queue moved the focus (a list opened, a dialog came up):
        # this key was meant for the widget that has the focus now.
        event.stop()
        focused.post_message(_copy_key(event))
        return
    if await _run_bindings(widget, event, own=True):
        event.stop()
        return
    await own_handler(event)
    if event._stop_propagation:  # the widget used the key (typed a character)
        return
    await _run_bindings(widget, event, own=False)
    # Done with, used or not: bubbling up it would reach a screen that may be holding keys
    # by then, and be held there although it was typed before.
    event.stop()


async def screen_key_in_order(screen: Screen[Any], event: events.Key) -> bool:
    """For a screen's ``_on_key``: hold the key during a swap, or run the screen's own binding now.

    A key reaches the screen when nothing has the focus (a swap is under way) or when it
    bubbles up from a widget. Run here, in the screen's queue, a binding that starts a
    swap (a rating, Esc) holds the keys behind it; left to the app, they would run first.
    A screen with ``HOLDS_KEYS_UNTIL_READY`` that the binding opened (a session, holding
    keys until its first question shows) gets the keys behind it too.
    True when the key was used (it is then stopped).
    """
    if take_if_held(screen, event, from_widget=screen.focused is not None):
        return True
    typed_ahead = event in _typed_ahead
    if typed_ahead:  # typed before the screen showed anything for it: never an app key
        event.stop()
    for namespace, bindings in screen._modal_binding_chain:
        if namespace is not screen:
            if bindings.key_to_bindings.get(event.key):
                if typed_ahead:  # stopped above, so nothing else would run it: the widget's binding runs here
                    return await _run_widget_binding(screen, namespace, bindings.key_to_bindings[event.key], event)
                return False  # the focused widget's own binding comes first, as usual
            continue
        for binding in bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await screen.app.run_action(binding.action, namespace):
                event.prevent_default()
                event.stop()
                if getattr(screen.app.screen, "HOLDS_KEYS_UNTIL_READY", False):
                    hand_keys_on(screen)  # the binding opened a session: keys on their way here are its
                return True
    return False


async def _run_widget_binding(screen: Screen[Any], namespace: Any, bindings: Any, event: events.Key) -> bool:
    """Run the focused widget's binding for a key handed on by ``release_keys``.

    Such a copy is stopped at the screen so it never reaches the app's bindings (an ``i`` typed
    into an answer must not open the interview). But a key the focused widget binds (Enter on the
    suggested rating button, typed in one write with the answer and ctrl+s) then reached nobody:
    it was lost 4 times in 10 under load (dispute's report, 2026-11-30)."""
    for binding in bindings:
        if await screen.app.run_action(binding.action, namespace):
            event.prevent_default()
            return True
    return False


async def _run_bindings(widget: Widget, event: events.Key, *, own: bool) -> bool:
    """Run the first non-priority binding for ``key``: the widget's own, or its ancestors' up to a modal.

    The screen's chain already applies the keymap and drops keys the focused widget
    types (a printable ``h`` is text in an answer box, not Home). Priority bindings
    were handled by the app before the key got here.
    """
    app = widget.app
    for namespace, bindings in widget.screen._modal_binding_chain:
        if (namespace is widget) != own or (namespace is app and event in _typed_ahead):
            continue
        for binding in bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await app.run_action(binding.action, namespace):
                return True
    return False


def after_typed_keys(app: App[Any], callback: Callable[[], Any]) -> None:
    """Run ``callback`` once the focused widget has handled every key the app has already passed it.

    The app passes keys on in the order they came; queueing the callback on the same
    widget puts it behind them, so a submit sees the whole answer however fast it was typed.
    While the screen holds keys (a swap is under way) the callback is held with them.
    """
    screen = app.screen
    if _in_typed_order.get():
        _run_unless_held(screen, callback, None)
        return
    typed_at = _time_of_key_being_handled()
    hold = _holds.get(screen)
    if hold is not None:
        # Placed by when its key was typed: keys typed before it may still be on their way in.
        hold.take_callback(callback, typed_at)
        return
    focused = app.focused
    target: Any = focused if focused is not None and focused.is_attached else screen
    target.call_later(_run_unless_held, screen, callback, typed_at)


def _run_unless_held(screen: Widget, callback: Callable[[], Any], typed_at: float | None) -> None:
    """Run a priority action queued behind the keys typed before it, unless one of them
    started a swap: then it waits in the hold, behind those keys (all taken from this
    queue) and ahead of any typed after it."""
    hold = _holds.get(screen)
    if hold is None:
        callback()
    else:
        hold.take_callback(callback, hold.latest_from_widgets if typed_at is None else typed_at)


def _time_of_key_being_handled() -> float | None:
    """When the priority key now being handled was typed, or None (an action run another way).

    Textual passes the key to the priority binding without it, so it is read from the
    app's ``on_event`` frame; a held action needs it to take its place among held keys
    that came in through other queues.
    """
    frame = sys._getframe(1)
    while frame is not None:
        event = frame.f_locals.get("event") if frame.f_code.co_name == "on_event" else None
        if isinstance(event, events.Key):
            return event.time
        frame = frame.f_back  # type: ignore[assignment]
    return None


@dataclass(order=True)
class _Held:
    """A held key (or priority action), ordered by when it was typed."""

    time: float
    order: int
    key: events.Key | None = field(compare=False, default=None)
    callback: Callable[[], Any] | None = field(compare=False, default=None)


@dataclass
class KeyHold:
    """What arrived while a screen replaced its answer widget, in the order it was typed.

    Keys come in through two queues (the old widget's, then the screen's), so each is
    placed by the time it was typed rather than by when it was taken.
    """

    items: list[_Held] = field(default_factory=list)
    generation: int = 0
    screens: list[Widget] = field(default_factory=list)
    sources: list[Widget] = field(default_factory=list)  # widgets that had the focus: keys may still be queued there
    latest_from_widgets: float = 0.0  # the last key taken from a widget's queue rather than the screen's

    def take(self, event: events.Key, *, from_widget: bool) -> None:
        insort(self.items, _Held(event.time, len(self.items), key=event))
        if from_widget:
            self.latest_from_widgets = max(self.latest_from_widgets, event.time)

    def take_callback(self, callback: Callable[[], Any], time: float | None = None) -> None:
        """After every key already held (the priority key that asked for it was typed after them)."""
        if time is None:
            time = self.items[-1].time if self.items else 0.0
        insort(self.items, _Held(time, len(self.items), callback=callback))


_typed_ahead: WeakSet[events.Key] = WeakSet()  # held keys handed on: typed before their widget showed
_in_typed_order: ContextVar[bool] = ContextVar("_in_typed_order", default=False)
_holds: WeakKeyDictionary[Widget, KeyHold] = WeakKeyDictionary()
RELEASE_RETRIES = 50  # a screen whose queue keeps filling (keys still pouring in) is released after this many waits


def hold_keys(screen: Widget, also: Widget | None = None) -> None:
    """Hold every key that reaches ``screen`` (or ``also``, a screen the swap started from) until ``release_keys``.

    The focus goes nowhere meanwhile, so keys come to the screen rather than to the
    widget on its way out, or to whatever Textual would focus once it is removed.
    """
    hold = _holds.get(screen) or (_holds.get(also) if also is not None else None) or KeyHold()
    hold.generation += 1
    for holder in (screen, also):
        if holder is not None and holder not in hold.screens:
            hold.screens.append(holder)
            _holds[holder] = hold
    if screen.is_mounted and isinstance(screen, Screen):
        if screen.focused is not None and screen.focused not in hold.sources:
            hold.sources.append(screen.focused)
        screen.set_focus(None)


def hand_keys_on(screen: Screen[Any]) -> None:
    """``screen`` just opened another screen that builds its answer widget first: the keys
    still on their way to ``screen`` (and any typed meanwhile) wait for that widget."""
    opened = screen.app.screen
    if opened is not screen:
        hold_keys(opened, also=screen)


def release_keys(screen: Screen[Any], widget: Widget | None) -> None:
    """Focus ``widget`` and type into it, in order, whatever was held for it."""
    hold = _holds.get(screen)
    if hold is None:
        if widget is not None:
            screen.set_focus(widget)
        return
    # Behind the keys already queued for the widgets that had the focus, then behind
    # those in the screen's queue, so every one of them is held first.
    release = (_release, screen, hold, hold.generation, widget, RELEASE_RETRIES)
    _after_queues([source for source in hold.sources if source.is_attached], screen, release)


def _after_queues(sources: list[Widget], screen: Widget, release: tuple[Any, ...]) -> None:
    """Run ``release`` on ``screen`` once each of ``sources`` has handled what it was given."""
    if sources:
        sources[0].call_later(_after_queues, sources[1:], screen, release)
    else:
        screen.call_later(*release)


def _release(screen: Screen[Any], hold: KeyHold, generation: int, widget: Widget | None, retries: int) -> None:
    if _holds.get(screen) is not hold or hold.generation != generation:
        return  # a newer swap started: its own release hands the keys on
    if retries and _keys_still_queued(screen, widget):
        screen.call_later(_release, screen, hold, generation, widget, retries - 1)
        return
    for holder in hold.screens:
        _holds.pop(holder, None)
    if widget is not None and widget.is_attached:
        screen.set_focus(widget)
    target: Widget = screen.focused or screen
    for item in hold.items:
        if item.key is not None:
            priority = _priority_binding(screen, item.key.key)
            if priority is None:
                typed_ahead = _copy_key(item.key)
                _typed_ahead.add(typed_ahead)
                target.post_message(typed_ahead)
            else:  # typed on the screen before, which did not bind it (ctrl+s typed with Enter on Review)
                target.call_later(_run_priority_action, screen, *priority)
        elif item.callback is not None:
            target.call_later(_run_or_hold, screen, item)


def _keys_still_queued(screen: Screen[Any], widget: Widget | None) -> bool:
    """Keys may still wait in the screen's queue or in a widget that took the focus meanwhile
    (a new screen's auto-focus): they are held first, or they would overtake the held keys
    posted behind them (a burst's middle typed before its start)."""
    queues = [screen, widget, screen.focused]
    return any(holder is not None and not holder._message_queue.empty() for holder in queues)


def _priority_binding(screen: Screen[Any], key: str) -> tuple[str, Any] | None:
    """The action and namespace of a priority binding for ``key`` on ``screen`` now, if any."""
    for namespace, bindings in reversed(screen._binding_chain):
        for binding in bindings.key_to_bindings.get(key, ()):
            if binding.priority:
                return binding.action, namespace
    return None


async def _run_priority_action(screen: Screen[Any], action: str, namespace: Any) -> None:
    """A held priority key, run where it was typed among the keys handed on: its action
    acts now (``after_typed_keys`` does not queue it again behind later keys)."""
    token = _in_typed_order.set(True)
    try:
        await screen.app.run_action(action, namespace)
    finally:
        _in_typed_order.reset(token)


def _run_or_hold(screen: Widget, item: _Held) -> None:
    """A held priority action, handed on behind the keys typed before it: run it, unless
    one of those keys started another swap (then it waits in that one's hold)."""
    assert item.callback is not None
    hold = _holds.get(screen)
    if hold is None:
        item.callback()
    else:
        hold.take_callback(item.callback, item.time)


def take_if_held(screen: Widget, event: events.Key, *, from_widget: bool = True) -> bool:
    """Hold ``event`` if ``screen`` is between two answer widgets; True when it was held (and stopped)."""
    hold = _holds.get(screen)
    if hold is None:
        return False
    event.prevent_default()
    event.stop()
    hold.take(event, from_widget=from_widget)
    return True


def _copy_key(event: events.Key) -> events.Key:
    """A fresh key event for another widget, stamped with the time the original was typed."""
    copy = events.Key(event.key, event.character)
    copy.time = event.time
    if event in _typed_ahead:
        _typed_ahead.add(copy)
    return copy


@dataclass
class OpeningHold(KeyHold):
    """Keys typed after a key that opens another screen, held by the app until that screen is ready."""

    after: float = 0.0  # when the opening key was typed: keys typed before it are the old screen's
    shown: Widget | None = None  # the screen whose readiness hands the keys on
    waiting: bool = True
    path: list[MessagePump] = field(default_factory=list)  # queues keys typed after it may still be in


_openings: WeakKeyDictionary[App[Any], OpeningHold] = WeakKeyDictionary()
_handed_on: WeakSet[events.Key] = WeakSet()  # held keys given back to the app: never held again


def hold_keys_typed_after(app: App[Any]) -> None:
    """The key being handled opens another screen: hold every key typed after it until ``hand_keys_to``.

    They may be anywhere on the way up from the old screen's focused widget to the app; the
    app takes them as they arrive (``take_app_key``), the old screen too if it hands keys
    to ``take_if_held``. An action run without a key (the palette, a click) holds from now.
    """
    hold = _openings.get(app)
    if hold is None:
        hold = OpeningHold(after=_time_of_key_being_handled() or 0.0)
        _openings[app] = hold
    hold.generation += 1
    hold.waiting = True
    hold.shown = None
    old = app.screen
    for node in _path_up(app.focused or old):
        if node not in hold.path:
            hold.path.append(node)
    if old not in hold.screens and old not in _holds:  # a screen mid-swap keeps its own hold
        hold.screens.append(old)
        _holds[old] = hold


def hand_keys_to(screen: Screen[Any]) -> None:
    """``screen`` was just opened or shown again: the held keys go to it once it is ready.

    A screen with ``SIGNALS_KEYS_READY`` calls ``keys_ready`` itself once its data is in
    (a list filled and focused); any other screen is ready once it has handled its resume.
    """
    hold = _openings.get(screen.app)
    if hold is None:
        return
    hold.shown = screen
    if not getattr(screen, "SIGNALS_KEYS_READY", False):
        _ready_after_its_queue(screen)


def hand_keys_back(screen: Screen[Any]) -> None:
    """Nothing was opened after all: the held keys go to ``screen``, still shown, once the messages
    already queued for it are handled. A no-op once they were handed to a screen that did open,
    so a worker may call it on every way out."""
    hold = _openings.get(screen.app)
    if hold is None or hold.shown is not None:
        return
    hold.shown = screen
    _ready_after_its_queue(screen)


def _ready_after_its_queue(screen: Screen[Any]) -> None:
    if not screen.call_later(keys_ready, screen):
        keys_ready(screen)  # the screen is closing: the app takes the keys as they come


def keys_ready(screen: Screen[Any]) -> None:
    """``screen`` shows what the held keys were meant for: once every key still on its way from the
    old screen has been taken, hand them on, in the order typed."""
    app = screen.app
    hold = _openings.get(app)
    if hold is None or not hold.waiting or hold.shown is not screen:
        return
    hold.waiting = False
    path, hold.path = [*hold.path, app], []
    _after_each(path, _start_handing_on, app, hold, hold.generation)


def push_screen_with_keys(app: App[Any], screen: Screen[Any], callback: Callable[[Any], Any] | None = None) -> None:
    """Push ``screen`` (a dialog) for the key being handled: the keys typed after that key go to it
    (Tab Enter typed with ctrl+o answer the question it asks), not to the screen underneath."""
    hold_keys_typed_after(app)
    app.push_screen(screen, callback)
    hand_keys_to(screen)


def take_app_key(app: App[Any], event: events.Key) -> bool:
    """For the app's ``on_event``: hold ``event`` if it was typed after a key that opens a screen
    still on its way; True when it was held (and stopped)."""
    hold = _openings.get(app)
    if hold is None or event in _handed_on or event.time <= hold.after:
        return False
    event.prevent_default()
    event.stop()
    hold.take(event, from_widget=False)
    return True


def _path_up(node: MessagePump) -> list[MessagePump]:
    """``node`` and its parents up to its screen: the queues a key given to ``node`` passes through."""
    path: list[MessagePump] = []
    current: Any = node
    while current is not None and not isinstance(current, App):
        path.append(current)
        current = current.parent
    return path


def _after_each(nodes: list[MessagePump], callback: Callable[..., Any], *args: Any) -> None:
    """Run ``callback`` once each of ``nodes`` in turn has handled what it was given (a key moving
    up passes them in this order); a node that is closing is passed over."""
    while nodes:
        node, nodes = nodes[0], nodes[1:]
        if node.call_later(_after_each, nodes, callback, *args):
            return
    callback(*args)


def _start_handing_on(app: App[Any], hold: OpeningHold, generation: int) -> None:
    if _openings.get(app) is not hold or hold.generation != generation:
        return  # another screen was opened meanwhile: its readiness hands the keys on
    for holder in hold.screens:
        if _holds.get(holder) is hold:
            del _holds[holder]
    hold.screens = []
    _hand_next(app, hold, generation)


def _hand_next(app: App[Any], hold: OpeningHold, generation: int) -> None:
    """Give the app the next held key as if just typed, then wait until it has been handled all
    the way up before the next: a key that opens another screen holds the rest for that one."""
    if _openings.get(app) is not hold or hold.generation != generation or hold.waiting:
        return
    if not hold.items:
        del _openings[app]
        return
    item = hold.items.pop(0)
    if item.key is None:
        if item.callback is not None:
            item.callback()
        app.call_later(_hand_next, app, hold, generation)
        return
    copy = _copy_key(item.key)
    _handed_on.add(copy)
    app.post_message(copy)
    app.call_later(_after_key_given, app, hold, generation)


def _after_key_given(app: App[Any], hold: OpeningHold, generation: int) -> None:
    """The app has given the key to the focused widget (or the screen): follow it up from there, twice.

    The first time up, the key itself is handled (its binding runs at the app); the second, the
    message its binding posted on the way (a button's Pressed, which closes a dialog) is, so the
    next key goes to whatever that opened or revealed."""
    path = [*_path_up(app.focused or app.screen), app]
    _after_each(path + path, _hand_next, app, hold, generation)


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
