"""What every study screen shares: access to the services and a refresh when shown again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.css.query import NoMatches
from textual.screen import Screen

if TYPE_CHECKING:
    from gitops_tutor.tui.services import Services


class TutorScreen(Screen[None]):
    """Re-reads its numbers from the store each time it comes to the front (after an answer, say)."""

    @property
    def services(self) -> Services:
        services: Services | None = getattr(self.app, "services", None)
        assert services is not None, "screens are only shown once start-up has loaded the services"
        return services

    def on_screen_resume(self) -> None:
        self._refresh()

    @work(exclusive=True, group="refresh")
    async def _refresh(self) -> None:
        try:
            await self.refresh_data()
        except NoMatches:
            # The learner left (or quit) while the store was being read: the widgets to
            # update are gone, and so is the reason to update them.
            if self.is_mounted and self.is_attached:
                raise

    async def refresh_data(self) -> None:
        """Override: fetch with ``await self.services.db(...)``, then update widgets."""

    def start_session(self, source: Any, mode: str, title: str, on_finish: Any = None, next_step: Any = None) -> None:
        from gitops_tutor.tui.screens.session import SessionScreen

        self.app.push_screen(SessionScreen(source, mode, title, on_finish, next_step))
