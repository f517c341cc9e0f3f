"""The application shell: navigation between screens, start-up and theme.

Screens are listed once in ``NAV``; registering a screen is one line there and it
gets a key, a footer entry, a command palette entry and a Help row. Screen modules
are imported only when first shown, which keeps start-up near Textual's own floor.
"""

from __future__ import annotations

import gc
import importlib
import random
import sys
import threading
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from gitops_tutor.tui.commands import screen_commands
from gitops_tutor.tui.safe_text import sanitize
from gitops_tutor.tui.screens.start import StartScreen
from gitops_tutor.tui.services import Background, Clock, Loaded, Services, load_everything, utc_now
from gitops_tutor.tui.widgets.keyorder import (
    after_typed_keys,
    hand_keys_back,
    hand_keys_to,
    hold_keys_typed_after,
    install_paste_safe_parser,
    push_screen_with_keys,
    take_app_key,
)

if TYPE_CHECKING:
    from textual.worker import Worker

    from gitops_tutor.cli.context import Settings
    from gitops_tutor.curriculum.models import Curriculum
    from gitops_tutor.progress import ProgressStore
    from gitops_tutor.tui.early import EarlyHome, HomeReader

DARK_THEME, LIGHT_THEME = "textual-dark", "textual-light"
HANG_UP_GRACE_SECONDS = 5.0  # after a hang-up, the process ends by then even if leaving cleanly got stuck
HOME_FRAME_WAIT = 1.0  # seconds the content load waits for Home's first frame when Home comes from tui.early


class Nav(NamedTuple):
    """A top-level screen: its mode name, title, key, and ``module:Class`` (imported on first use).

    A NamedTuple rather than a frozen dataclass: this module loads before the first frame, and
    a frozen dataclass's methods are compiled from source at import (~1.5 ms)."""

    name: str
    title: str
    key: str
    target: str
    help: str

    def factory(self, app: App[Any]) -> Callable[[], Screen[Any]]:
        def build() -> Screen[Any]:
            module_name, class_name = self.target.split(":")
            screen: Screen[Any] = getattr(importlib.import_module(module_name), class_name)()
            styled_as_of_now(screen, app)
            return screen

        return build


def styled_as_of_now(screen: Screen[Any], app: App[Any]) -> None:
    """Mark a mode's new base screen as styled with the app's current CSS, which it is: it gets its
    styles from the app's stylesheet as it mounts, like any pushed screen.

    Textual 8.2 (pinned below 8.3) starts a screen at ``_css_update_count = -1``, so the first visit to
    each mode re-parses every stylesheet source twice (``_init_mode`` and ``switch_mode`` both call
    ``refresh_css``, and the first call leaves the new screen's count stale) and drops the parse cache,
    so the next widget with its own CSS parses everything a third time: ~30 ms of CPU on each first
    visit, Home's at start-up included. A theme change still bumps the app's count, so a screen built
    before it is refreshed when it comes back, as before. tests/tui/test_mode_css.py pins this."""
    screen._css_update_count = app._css_update_count


NAV: tuple[Nav, ...] = (
    Nav("home", "Home", "h", "gitops_tutor.tui.screens.home:HomeScreen", "What to do now"),
    Nav("lessons", "Lessons", "l", "gitops_tutor.tui.screens.lessons:LessonsScreen", "Read the lessons in order"),
    Nav("compare", "Argo vs Flux", "c", "gitops_tutor.tui.screens.compare:CompareScreen", "Argo CD vs Flux table"),
    Nav("practice", "Practice", "p", "gitops_tutor.tui.screens.practice:PracticeScreen", "Answer questions"),
    Nav("review", "Review", "r", "gitops_tutor.tui.screens.review:ReviewScreen", "Spaced-repetition queue"),
    Nav("stats", "Stats", "s", "gitops_tutor.tui.screens.stats:StatsScreen", "Mastery, trend and activity"),
    Nav("interview", "Interview", "i", "gitops_tutor.tui.screens.interview:InterviewScreen", "Timed mock interview"),
    Nav("help", "Help", "question_mark", "gitops_tutor.tui.screens.help:HelpScreen", "Every key binding"),
)


def nav_bindings() -> list[Binding]:
    """Help first: the footer shows bindings in order and cuts the tail at 80 columns (R5)."""
    ordered = sorted(NAV, key=lambda nav: nav.name != "help")
    return [
        Binding(nav.key, f"show('{nav.name}')", nav.title, tooltip=nav.help, id=f"show-{nav.name}") for nav in ordered
    ]


class GitOpsTutorApp(App[None]):
    """The study app; build it with ``make_app`` so tests and the CLI share one path."""

    CSS_PATH = "app.tcss"
    TITLE = "gitops-tutor"
    start_mode = "home"  # the interview command opens on "interview"
    BINDINGS = [
        Binding("q", "quit", "Quit", tooltip="Leave the app; progress is already saved", id="quit"),
        *nav_bindings(),
        Binding("f1", "show('help')", "Help", show=False, id="help-f1"),
        Binding("t", "toggle_theme", "Theme", tooltip="Switch dark/light (remembered)", id="toggle-theme"),
    ]

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Clock,
        curriculum: Curriculum | None,
        store: ProgressStore | None,
        rng: random.Random,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.clock = clock
        self._given = (curriculum, store)
        self.rng = rng
        self.background = Background(inline=store is not None)
        self.services: Services | None = None
        self.startup_error: str | None = None
        self._theme_ready = False
        self.collector_paused = False  # set by run_app: turn the collector back on once Home is up
        self._delay_updates = True  # see _switch_without_delay
        self._loading: Worker[None] | None = None  # the start-up worker, once it started
        self.home_reader: HomeReader | None = None  # set by run_app: Home's figures from a second process
        self._hung_up_by: int | None = None  # the signal that ended the app from outside, once one did

    def get_default_screen(self) -> Screen[Any]:
        return StartScreen()

    def on_mount(self) -> None:
        """Start loading only once the first frame is out: the loader's thread competes for the GIL.

        The first layout of the loading screen is the moment its first frame goes out; waiting for
        the screen to settle instead (``call_after_refresh``) left the loader idle for ~20 ms while
        Textual paced the loading screen's later frames (its header and key bar filling in)."""
        self.screen.screen_layout_refresh_signal.subscribe(self, self._first_frame_out)
        self.call_after_refresh(self._begin_loading)  # in case no layout comes first
        # Keys typed while the loading screen shows ("p" as soon as the window opens, an answer typed
        # into `interview` before its first question is up) wait for the first real screen, in order
        # (QA fresh-eyes-4 #4: they were dropped, the loading screen's key bar advertising them).
        hold_keys_typed_after(self)
        if not self.is_headless:
            self._leave_cleanly_on_hang_up()

    def _leave_cleanly_on_hang_up(self) -> None:
        """A closed terminal window or a dropped SSH session (SIGHUP), or a plain ``kill`` (SIGTERM),
        leaves the way ``q`` does: the keys already typed reach their answer, a practice answer is
        kept as a draft and an interview saves on the way out.

        By default either signal ended the process at once: what was typed since the last periodic
        copy (a practice draft every second, an interview every two) was lost (QA fresh-eyes-5:
        an answer's last words, typed a moment before the window closed, were not there on resume).
        """
        import asyncio

        loop = asyncio.get_running_loop()
        for number in _hang_up_signals():
            try:
                loop.add_signal_handler(number, self._hung_up, number)
            except (NotImplementedError, RuntimeError, ValueError):  # no such handlers here (Windows)
                return

    def _hung_up(self, number: int) -> None:
        """Leave keeping every answer; a second signal, or leaving taking too long, ends the process."""
        import asyncio
        import os

        self._hung_up_by = number
        if number == _terminal_gone_signal():
            self._write_nowhere()
        loop = asyncio.get_running_loop()
        for each in _hang_up_signals():
            loop.remove_signal_handler(each)
        watchdog = threading.Timer(HANG_UP_GRACE_SECONDS, os._exit, (128 + number,))
        watchdog.daemon = True
        watchdog.start()

        def leave() -> None:
            _keep_drafts(self._every_screen())
            self.exit(return_code=128 + number)

        after_typed_keys(self, leave)

    def _every_screen(self) -> list[Screen[Any]]:
        stacks: dict[str, list[Screen[Any]]] = getattr(self, "_screen_stacks", {"": self.screen_stack})
        return [screen for stack in stacks.values() for screen in stack]

    def _first_frame_out(self, screen: Screen[Any]) -> None:
        screen.screen_layout_refresh_signal.unsubscribe(self)
        self._begin_loading()

    def _begin_loading(self) -> None:
        if self._loading is None:
            self._loading = self.run_worker(self._start, name="start-up", exclusive=True)

    async def _start(self) -> None:
        from gitops_tutor.progress.errors import StoreError  # the store itself is imported by the loader

        reader, self.home_reader = self.home_reader, None
        if reader is not None and self.start_mode == "home":
            early = await self.background.run(reader.receive)
            if early is not None:
                await self._start_from_early(early)
                return
        curriculum, store = self._given
        try:
            loaded = await self.background.run(
                load_everything, self.settings, self.clock, curriculum, store, with_home=self.start_mode == "home"
            )
        except StoreError as error:
            await self._show_startup_error(str(error))
            return
        self.services = Services(
            loaded.curriculum,
            loaded.store,
            self.clock,
            self.background,
            self.rng,
            loaded.problems,
            loaded.home,
        )
        await self._apply_saved_theme()
        await self._apply_keymap()
        for nav in NAV:
            self.add_mode(nav.name, nav.factory(self))
        if self.start_mode == "home":
            await self._switch_without_delay(self.start_mode)
        else:
            switched = self.switch_mode(self.start_mode)
            hand_keys_to(self.screen)  # the keys typed while loading (see on_mount)
            await switched
        self.call_after_refresh(self._resume_collector)
        self._report_content_problems()
        if self.start_mode == "home":
            from gitops_tutor.tui.screens.interview import offer_resume

            await offer_resume(self)

    async def _start_from_early(self, early: EarlyHome) -> None:
        """Draw Home from the figures a second process read (``tui.early``) while this one imported
        Textual, then load this process's own content and store on the store's thread.

        Every call to the store queues behind that load; a screen that needs the content before
        it is done waits for it once (``Services.arriving``), so a key typed on Home at once is
        answered late, never lost. The interview offer and the content warning wait for the load."""
        from gitops_tutor.progress.errors import StoreError

        go = threading.Event()

        def load_once_home_is_out() -> Loaded:
            go.wait(HOME_FRAME_WAIT)  # started earlier, it shared the GIL with drawing Home: 45 -> 95 ms
            return load_everything(self.settings, self.clock, None, None)

        loading = self.background.start(load_once_home_is_out)
        self.services = Services.arriving(loading, go, self.clock, self.background, self.rng, early.home)
        self._use_theme(early.theme)
        self._use_keymap(early.keymap)
        for nav in NAV:
            self.add_mode(nav.name, nav.factory(self))
        try:
            await self._switch_without_delay("home")  # returns once Home's first frame is out
        finally:
            go.set()
        try:
            await self.services.ready()
        except StoreError as error:  # the file changed for the worse since the child read it
            self.services = None  # as when start-up fails before Home: screen keys do nothing, q quits
            await self._show_startup_error(str(error))
            return
        self._resume_collector()  # only now: the freeze must hold the content too (see _resume_collector)
        self._report_content_problems()
        from gitops_tutor.tui.screens.interview import offer_resume

        await offer_resume(self)

    async def _switch_without_delay(self, mode: str) -> None:
        """Switch to Home at start-up and let its first frame out as soon as it is drawn.

        ``switch_mode`` holds every frame back for 50 ms (``delay_update``) to hide a screen that is
        still filling in. Home at start-up is not: it mounts with the loader's figures already in it
        (``on_mount``), so its first frame is the finished screen, and the delay only kept it off
        the terminal (50-100 ms, more on a busy machine). Every other switch keeps Textual's delay,
        e.g. a first visit to Stats, whose numbers arrive after it mounts.
        tests/tui/test_start_frame.py checks that Home's first frame out has its figures."""
        self._delay_updates = False
        try:
            switched = self.switch_mode(mode)  # calls delay_update before it returns
        finally:
            self._delay_updates = True
            hand_keys_to(self.screen)  # the keys typed while loading (see on_mount), once Home is ready
        await switched

    async def _show_startup_error(self, error: str) -> None:
        """The store cannot be used: say so; keys typed while loading go to that message (q quits)."""
        from gitops_tutor.tui.screens.message import MessageScreen

        self.startup_error = error
        await self.push_screen(MessageScreen("The progress database cannot be used", error))
        hand_keys_to(self.screen)
        self._resume_collector()

    def delay_update(self, delay: float = 0.05) -> None:
        """Textual's frame hold on a switch, skipped only inside ``_switch_without_delay``."""
        if self._delay_updates:
            super().delay_update(delay)

    def _resume_collector(self) -> None:
        """Start-up is over: keep what it built (Textual, the content, the screens) frozen, out of
        every later collection, and collect again from here.

        Unfrozen, those ~75,000 objects sat in the oldest generation, and the first full collection
        after start-up (it came within the first few screen visits) walked them all: 130-200 ms in
        one go, on a screen switch or a key. Frozen, a full collection walks only what came after.
        The price is the start-up's own unreachable cycles (~2,300 objects, once per run), never
        freed; the content loader, which runs many times in a process, unfreezes for that reason."""
        if self.collector_paused:
            self.collector_paused = False
            gc.freeze()
            gc.enable()

    async def _apply_saved_theme(self) -> None:
        assert self.services is not None
        self._use_theme(await self.services.db(self.services.store.get_setting, "theme", DARK_THEME))

    def _use_theme(self, saved: object) -> None:
        if isinstance(saved, str) and saved in self.available_themes:
            self.theme = saved
        self._theme_ready = True

    async def _apply_keymap(self) -> None:
        assert self.services is not None
        self._use_keymap(await self.services.db(self.services.store.get_setting, "keymap", {}))

    def _use_keymap(self, keymap: object) -> None:
        """Keys are remappable by binding id, e.g. setting ``keymap`` to ``{"submit": "ctrl+g"}``."""
        if isinstance(keymap, dict) and all(isinstance(v, str) for v in keymap.values()):
            self.set_keymap({str(binding_id): keys for binding_id, keys in keymap.items()})

    def _report_content_problems(self) -> None:
        assert self.services is not None
        problems = self.services.problems
        if problems:
            from gitops_tutor.curriculum.problems import summary_line  # the CLI's line: the cause first

            self.notify(
                sanitize(summary_line(problems)),
                title="Content problems",
                severity="warning",
                timeout=10,
                markup=False,
            )

    def watch_theme(self, theme: str) -> None:
        """Remember the theme however it was changed (key, palette); not before start-up read it."""
        if self._theme_ready and self.services is not None:
            services = self.services
            self.run_worker(services.db(services.store.set_setting, "theme", theme), group="settings")

    async def on_event(self, event: events.Event) -> None:
        """Keys typed after a key that opens a screen wait for that screen (keyorder.take_app_key)."""
        if isinstance(event, events.Key) and take_app_key(self, event):
            return
        await super().on_event(event)

    async def action_show(self, name: str) -> None:
        """Go to a screen. Another mode keeps its screens (and a draft answer) for the return;
        the same key again goes back to that mode's start, after asking if that loses an answer.

        Keys typed after the screen key (``l`` End Enter, typed fast) are held until the screen
        shown has filled its list, then handed to it in order: without the hold they reached the
        app while the list was still empty, and were lost."""
        if self.services is None:
            return
        hold_keys_typed_after(self)
        leaving = getattr(self.screen, "leave_warning", None)  # a timed interview asks before a key leaves it
        if leaving is not None and name != self.current_mode:
            self._ask_to_leave(leaving, name)
            return
        await self._show(name)

    def _ask_to_leave(self, warning: str, name: str) -> None:
        """One letter (c, l, h...) next to a digit must not walk out of a timed exam unasked, nor open
        the lessons and the comparison during it without the learner saying so (QA 2026-11-30)."""
        from gitops_tutor.tui.screens.confirm import ConfirmModal

        def chosen(choice: str | None) -> None:
            if choice == "go":
                self.run_worker(self._show(name), group="show", exclusive=True)

        modal = ConfirmModal("Leave the interview for now?", warning, [("stay", "Stay"), ("go", "Leave for now")])
        push_screen_with_keys(self, modal, chosen)

    async def _show(self, name: str) -> None:
        if self.current_mode == name:
            work = _unsaved(self.screen_stack[1:])
            if work is None:
                self._pop_to_base()
            else:
                self._confirm("Leave this session?", work, "Leave it", self._pop_to_base)
            return
        if name == "interview":
            self.clear_notifications()  # e.g. the start-up "interview waiting" toast, now answered (P11)
        try:
            switched = self.switch_mode(name)  # the new screen is current from here, before it handles anything
        finally:
            hand_keys_to(self.screen)  # on a failed switch, to the screen still shown: never held for good
        await switched

    def _pop_to_base(self) -> None:
        """Back to the mode's first screen; keys held since the key that asked for it go there."""
        if len(self.screen_stack) == 1:
            hand_keys_back(self.screen)
            return
        while len(self.screen_stack) > 1:
            self.pop_screen()
        hand_keys_to(self.screen)

    async def action_quit(self) -> None:
        """Quit once every key typed before it has reached its answer (an interview saves it on the way out),
        after asking if a practice or review answer would be lost."""
        after_typed_keys(self, self._quit_when_safe)

    def _quit_when_safe(self) -> None:
        from gitops_tutor.tui.screens.confirm import ConfirmModal

        screens = self._every_screen()
        work = _unsaved(screens)

        def quit_keeping_drafts() -> None:
            _keep_drafts(screens)
            self.exit()

        if work is None or isinstance(self.screen, ConfirmModal):  # asked already: a second quit means it
            quit_keeping_drafts()
        else:
            self._confirm("Quit gitops-tutor?", work, "Quit anyway", quit_keeping_drafts, kept=_kept(screens))

    def _confirm(self, question: str, work: str, go_label: str, go: Callable[[], Any], kept: str = "") -> None:
        from gitops_tutor.tui.screens.confirm import ConfirmModal

        def chosen(choice: str | None) -> None:
            if choice == "go":
                go()

        detail = work + (f"\n{kept}" if kept else "")
        modal = ConfirmModal(question, detail, [("stay", "Keep working"), ("go", go_label)])
        push_screen_with_keys(self, modal, chosen)  # keys typed after the key that asked answer it

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME
        self.notify(f"{'Dark' if self.current_theme.dark else 'Light'} theme (remembered).", timeout=2)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        if self.services is not None:
            for nav in NAV:
                yield SystemCommand(f"Go to {nav.title}", nav.help, _call(self.action_show, nav.name))
        yield SystemCommand("Toggle dark/light theme", "Remembered for next time", self.action_toggle_theme)
        yield from screen_commands(screen)
        yield from super().get_system_commands(screen)

    def on_unmount(self) -> None:
        if self.services is not None and not self.background.inline:
            self.background.submit(self.services.store.close)
        self.background.shutdown()
        if self._hung_up_by is not None and self._hung_up_by == _terminal_gone_signal():
            self._end_now(128 + self._hung_up_by)

    def _write_nowhere(self) -> None:
        """The terminal is gone: what is left to draw, and the codes that would give it back on the
        way out, go nowhere instead of to Textual's output thread.

        That thread dies on its first write to the closed terminal (EIO); its queue then fills, and
        the next write (leaving mouse mode, on the way out) waited for it for ever, so the process
        stayed until the watchdog ended it 5 s later, with 0.15-0.75 s of CPU spent meanwhile
        (measured from /proc after tmux kill-session). Textual 8.2's LinuxDriver: ``write`` is the
        one way out, ``close`` stops the thread."""
        driver = self._driver
        if driver is None:
            return
        driver.write = _nowhere  # type: ignore[method-assign]
        if hasattr(driver, "_writer_thread"):
            driver._writer_thread = None  # close() would queue a stop behind a full queue

    def _end_now(self, code: int) -> None:
        """After a hang-up, end here: the screens have saved (an interview in its own unmount), the
        drafts are written and the store is closed, and all Textual has left to do is give the
        terminal back, which is gone.

        Textual would still print a panic's traceback (its input thread fails reading the closed
        terminal) to that terminal. Ending here also ends the watchdog's wait: in bench/startup.py
        every timed start is ended by a hang-up (tmux kill-session), and a process that stayed on
        for 5 s, spending CPU, slowed the next timed start (Home 1.47x the bare app before the
        hang-up handler came, 2.13x after, same host, alternating runs)."""
        import os

        os._exit(code)


def _nowhere(data: str) -> None:
    """A driver's ``write`` once the terminal is gone."""


def _terminal_gone_signal() -> int | None:
    """SIGHUP where the OS has it: the terminal closed (a SIGTERM leaves the terminal to restore)."""
    import signal

    return getattr(signal, "SIGHUP", None)


def _hang_up_signals() -> list[int]:
    """The signals that end the app from outside: SIGHUP (terminal gone) where the OS has it, SIGTERM."""
    import signal

    return [number for number in (getattr(signal, "SIGHUP", None), signal.SIGTERM) if number is not None]


def _unsaved(screens: Iterable[Screen[Any]]) -> str | None:
    """The first screen's description of work that leaving would lose (practice and review drafts)."""
    for screen in screens:
        describe = getattr(screen, "unsaved_work", None)
        work = describe() if callable(describe) else None
        if work:
            return str(work)
    return None


def _keep_drafts(screens: Iterable[Screen[Any]]) -> None:
    """Write every typed, unsubmitted study answer before the store closes (see screens.session)."""
    for screen in screens:
        keep = getattr(screen, "keep_draft_now", None)
        if callable(keep):
            keep()


def _kept(screens: Iterable[Screen[Any]]) -> str:
    """What is safe anyway (a running interview saves as it goes), so a learner in an interview
    does not read the warning about a practice draft as one about the interview."""
    notes = [getattr(screen, "saved_work", lambda: None)() for screen in screens]
    return " ".join(str(note) for note in notes if note)


def _call(method: Callable[[str], Awaitable[None]], argument: str) -> Callable[[], Awaitable[None]]:
    async def call() -> None:
        await method(argument)

    return call


def make_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    curriculum: Curriculum | None = None,
    store: ProgressStore | None = None,
    seed: int | None = None,
) -> GitOpsTutorApp:
    """Build the app; tests pass a fixed clock, a curriculum, a seed for option shuffling."""
    return GitOpsTutorApp(settings, clock=clock or utc_now, curriculum=curriculum, store=store, rng=random.Random(seed))


def run_app(settings: Settings, *, collector_paused: bool = False, home_reader: HomeReader | None = None) -> None:
    """Run until the learner quits; a database that cannot be opened ends with one clear line.

    ``collector_paused``: the caller paused the garbage collector for start-up, and the app
    turns it back on once its first screen of work is up (see cli.app.start_app).
    ``home_reader``: a second process reading Home's figures (``tui.early``), started by the caller."""
    app = make_app(settings)
    app.collector_paused = collector_paused
    app.home_reader = home_reader
    install_paste_safe_parser()
    app.run()
    if app.startup_error:
        print(f"gitops-tutor: {app.startup_error}", file=sys.stderr)
        raise SystemExit(1)
