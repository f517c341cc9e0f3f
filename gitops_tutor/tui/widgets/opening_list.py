"""An option list whose Enter opens another screen (a session, a lesson): the keys typed after
the Enter are that screen's, however fast they come (see keyorder.hold_keys_typed_after)."""

from __future__ import annotations

from textual.widgets import OptionList

from gitops_tutor.tui.widgets.keyorder import hold_keys_typed_after


class OpeningOptionList(OptionList):
    """Enter on an option holds the keys typed after it; the screen's ``OptionSelected`` handler
    hands them on, with ``hand_keys_to`` (the screen it opened) or ``hand_keys_back`` (nothing
    opened). A click selects without holding, since no key was typed behind it."""

    def action_select(self) -> None:
        highlighted = self.highlighted
        if highlighted is not None and not self.get_option_at_index(highlighted).disabled:
            hold_keys_typed_after(self.app)
        super().action_select()
