"""'/' and the words typed right behind it, in one write, all go into the filter (QA 2026-12-01).

The real ``gitops-tutor`` in tmux. On Practice, '/acme' typed at once lost the 'a', the 'c' opened
the Argo CD vs Flux screen and 'me' landed in its filter: the keys queued behind '/' for the list
bubbled up from it after the focus had moved to the filter.
"""

# ruff: noqa: F811 - the tests take test_typing_terminal's ``launch`` fixture, imported below, by name

from __future__ import annotations

from tests.tui.test_switch_keys import Launch, on_home
from tests.tui.test_typing_terminal import (
    launch,  # noqa: F401 - a fixture
    pytestmark,  # noqa: F401 - skipped without tmux
)


def test_practice_slash_and_a_word_in_one_write_filter_the_list(launch: Launch) -> None:
    term, _db_path = on_home(launch)
    term.write("p")
    term.wait_for("Practise: choose")
    term.write("/flux")
    term.wait_for("Tag: flux")
    screen = term.screen()
    assert "Practise: choose" in screen and "Mixed: a bit of everything" not in screen, screen
