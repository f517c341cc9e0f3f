"""An option list whose Enter opens another screen (a session, a lesson): the keys typed after
the Enter are that screen's, however fast they come (see keyorder.hold_keys_typed_after)."""

from __future__ import annotations

from textual import events
from textual.widgets import OptionList

from gitops_tutor.tui.widgets.keyorder import handle_key_in_order, hold_keys_typed_after


class OpeningOptionList(OptionList):
    """Enter on an option holds the keys typed after it; the screen's ``OptionSelected`` handler
    hands them on, with ``hand_keys_to`` (the screen it opened) or ``hand_keys_back`` (nothing
    opened). A click selects without holding, since no key was typed behind it."""

    async def _on_key(self, event: events.Key) -> None:
        """In order, and after a key that moved the focus (/ to a filter) to the widget that has it:
        the words typed in the same burst as '/' were queued here, and bubbling up they were lost
        or ran as screen keys ('/flux' opened Lessons on its 'l', QA 2026-12-01)."""
        await handle_key_in_order(self, event, super()._on_key)

    def action_select(self) -> None:
        highlighted = self.highlighted
        if highlighted is not None and not self.get_option_at_index(highlighted).disabled:
            hold_keys_typed_after(self.app)
        super().action_select()
