"""A screen with width breakpoints starts in the right class, so its first resize restyles nothing
(issue 15: one restyle of every widget less before Home's first frame), and later resizes still switch it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest
from textual.dom import DOMNode

from gitops_tutor.tui.app import GitOpsTutorApp
from gitops_tutor.tui.screens.home import HomeScreen
from tests.tui.conftest import ready, settle


@pytest.mark.parametrize(("width", "expected", "other"), [(100, "-narrow", "-wide"), (160, "-wide", "-narrow")])
async def test_home_starts_in_its_width_class_and_its_first_resize_changes_no_class(
    build_app: Callable[..., GitOpsTutorApp],
    monkeypatch: pytest.MonkeyPatch,
    width: int,
    expected: str,
    other: str,
) -> None:
    changes: list[str] = []
    update_classes = DOMNode.update_classes

    def watched(self: DOMNode, classes: Mapping[str, bool], *args: Any, **kwargs: Any) -> Any:
        before = set(self.classes)
        result = update_classes(self, classes, *args, **kwargs)
        if isinstance(self, HomeScreen) and set(self.classes) != before:
            changes.append(" ".join(sorted(self.classes)))
        return result

    monkeypatch.setattr(DOMNode, "update_classes", watched)
    app = build_app()
    async with app.run_test(size=(width, 34)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.has_class(expected) and not app.screen.has_class(other)
        assert changes == []
        await pilot.resize_terminal(260 - width, 34)
        await settle(pilot)
        assert app.screen.has_class(other) and not app.screen.has_class(expected)
