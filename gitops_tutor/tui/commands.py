"""Command palette entries for whatever the current screen can do.

Generated from the screen's own bindings (and its widgets' ones from this
package), so an action with a key is always in the palette too, with no second
list to keep in step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from textual.app import App, SystemCommand
from textual.dom import DOMNode
from textual.screen import Screen

OWN_PACKAGE = "gitops_tutor."


def screen_commands(screen: Screen[Any]) -> Iterable[SystemCommand]:
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        node, binding = active.node, active.binding
        if isinstance(node, App) or not type(node).__module__.startswith(OWN_PACKAGE):
            continue
        if not binding.show or not active.enabled or binding.action in seen:
            continue
        seen.add(binding.action)
        title = binding.description or binding.action
        help_text = binding.tooltip or f"key: {screen.app.get_key_display(binding)}"
        yield SystemCommand(title, help_text, _runner(screen, binding.action, node))


def _runner(screen: Screen[Any], action: str, node: DOMNode) -> Callable[[], Any]:
    async def run() -> None:
        await screen.app.run_action(action, node)

    return run
