"""Small helpers for learner-facing wording: counted nouns and inline Markdown in plain labels."""

from __future__ import annotations

import re

from rich.text import Text

from gitops_tutor.tui.safe_text import sanitize

_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 day``, ``2 days``; ``many`` for irregular plurals."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"


def inline_markdown(text: str, style: str = "", code_style: str = "bold cyan") -> Text:
    """Untrusted text with its `code spans` shown styled, without the backticks (P2).

    Only code spans are understood; everything else stays literal (sanitized, never markup),
    which is all a one-line label such as a lesson summary or a question prompt needs.
    """
    clean = sanitize(text)
    result = Text(style=style)
    position = 0
    for match in _CODE_SPAN.finditer(clean):
        result.append(clean[position : match.start()])
        result.append(match.group(1), style=code_style)
        position = match.end()
    result.append(clean[position:])
    return result
