"""Making untrusted text (content packs, pasted answers) safe to put on a terminal.

A control character that reaches the terminal can move the cursor, change the
title or worse, so every string from content or from the learner passes through
``sanitize`` before display: C0/C1 controls other than newline and tab become
visible escapes such as ``\\x1b``. Rich ``Text`` is built from the result so
nothing is ever parsed as markup.
"""

from __future__ import annotations

from rich.text import Text

from gitops_tutor.terminal_text import sanitize

__all__ = ["highlighted", "safe_text", "sanitize"]


def safe_text(text: str, style: str = "") -> Text:
    """A Rich Text holding ``text`` literally: sanitized and never interpreted as markup."""
    return Text(sanitize(text), style=style)


def highlighted(text: str, spans: list[tuple[int, int, str]]) -> Text:
    """``text`` with styled character ranges; ranges index the ORIGINAL text, so each piece
    is sanitized separately (an escape is longer than the character it replaces)."""
    result = Text()
    position = 0
    for start, end, style in _clean_spans(spans, len(text)):
        if start > position:
            result.append(sanitize(text[position:start]))
        result.append(sanitize(text[start:end]), style=style)
        position = end
    result.append(sanitize(text[position:]))
    return result


def _clean_spans(spans: list[tuple[int, int, str]], length: int) -> list[tuple[int, int, str]]:
    """Clip to the text, sort, and drop overlaps (the first span wins) so pieces never repeat."""
    cleaned: list[tuple[int, int, str]] = []
    last_end = 0
    for start, end, style in sorted(spans):
        start, end = max(start, last_end, 0), min(end, length)
        if start < end:
            cleaned.append((start, end, style))
            last_end = end
    return cleaned
