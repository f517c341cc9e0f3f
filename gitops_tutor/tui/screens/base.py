"""What every study screen shares: access to the services and a refresh when shown again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual._context import NoActiveAppError
from textual.css.query import NoMatches
from textual.screen import Screen

from gitops_tutor.tui.widgets.keyorder import hand_keys_back, hand_keys_to, hold_keys_typed_after, keys_ready

if TYPE_CHECKING:
    from gitops_tutor.tui.services import Services


class TutorScreen(Screen[None]):
    """Re-reads its numbers from the store each time it comes to the front (after an answer, say)."""

    def __init__(self) -> None:
        super().__init__()
        self._start_in_width_class()
        self._fresh_from_mount = False  # see refresh_before_first_layout

    def _start_in_width_class(self) -> None:
        """Start with the ``HORIZONTAL_BREAKPOINTS`` class the first resize will choose for this width.

        Textual adds that class on the screen's first resize, after every widget on the screen has
        been styled, and a class change restyles them all once more before the first frame. With the
        class already in place the resize changes nothing (a few ms off each first visit, Home's at
        start-up included); later resizes switch it as before."""
        breakpoints = self.HORIZONTAL_BREAKPOINTS
        if not breakpoints:
            return
        try:
            width = self.app.size.width
        except NoActiveAppError:
            return
        fitting = [name for threshold, name in sorted(breakpoints) if width >= threshold]
        if fitting:
            self.add_class(fitting[-1], update=False)

    @property
    def services(self) -> Services:
        services: Services | None = getattr(self.app, "services", None)
        assert services is not None, "screens are only shown once start-up has loaded the services"
        return services

    SIGNALS_KEYS_READY = True  # keys typed with the key that showed this screen wait for its refresh

    def on_screen_resume(self) -> None:
        self._refresh()

    async def refresh_before_first_layout(self) -> None:
        """Read the screen's figures now, from an ``async def on_mount``: Textual lays a screen out only
        after its ``on_mount`` returns, so the first layout and render have the figures in them. Read
        on the resume instead, they came after the first layout, and a first visit laid out and
        rendered the screen twice (Stats, eleven Statics then: -12% of its first visit's CPU; with
        one Static a column, -33%). Lessons and Practice measured no gain (their lists cost the
        same either way), so they read on the resume. The resume that follows the mount then reads
        nothing again; later ones read afresh."""
        await self.refresh_data()
        self._fresh_from_mount = True

    @work(exclusive=True, group="refresh")
    async def _refresh(self) -> None:
        try:
            if self._fresh_from_mount:
                self._fresh_from_mount = False  # the resume right after the mount: just read
            else:
                await self.refresh_data()
        except NoMatches:
            # The learner left (or quit) while the store was being read: the widgets to
            # update are gone, and so is the reason to update them.
            if self.is_mounted and self.is_attached:
                raise
        finally:
            # Even after a failure: held keys must never stay held.
            keys_ready(self)

    async def refresh_data(self) -> None:
        """Override: fetch with ``await self.services.db(...)``, then update widgets."""

    def start_session(self, source: Any, mode: str, title: str, on_finish: Any = None, next_step: Any = None) -> None:
        from gitops_tutor.tui.screens.session import SessionScreen

        session = SessionScreen(source, mode, title, on_finish, next_step)
        self.app.push_screen(session)
        hand_keys_to(session)  # keys typed after the key that opened it (Enter on a menu) are its

    def cram(self, title: str) -> None:
        """Practise the weakest questions. Finding them takes a read of the store; the keys typed
        after the key that asked (an answer, typed fast) wait for the session's first question."""
        hold_keys_typed_after(self.app)
        self.run_worker(self._cram(title), group="cram")

    async def _cram(self, title: str) -> None:
        from gitops_tutor.tui.queries import weak_question_ids
        from gitops_tutor.tui.screens.session import ListSource

        ids: list[str] = []
        try:
            ids = await self.services.db(weak_question_ids, self.services)
        finally:
            if not ids:
                hand_keys_back(self)  # no session after all: the held keys stay here
        if not ids:
            self.notify("No weak spots yet: answer a few questions first.")
            return
        self.start_session(ListSource(ids), "practice", title)
