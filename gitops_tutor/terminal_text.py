"""Text from content packs and learners made safe to print, and wrapped for a terminal.

Pack text comes from people we do not know, and a control character that reaches a
terminal can clear it, retitle the window or write the clipboard (OSC 52). Every
string the line mode, the plain report or the Markdown export prints goes through
``printable``: line breaks stay line breaks (CR and CRLF become LF) and tabs stay,
every other C0/C1 control becomes a visible ``\\xNN``. The app does the same for
its widgets (``tui.safe_text``, built on ``sanitize`` here) and the CLI prints through
``sanitize`` and ``safe_json``; this module is for the layers without Rich.
"""

from __future__ import annotations

import json
import re
import textwrap
from typing import Any

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_C1_AND_DEL = re.compile(r"[\x7f-\x9f]")
_FENCE = re.compile(r"^\s*(```|~~~)")


def first_control(text: str) -> str | None:
    """The first control character ``sanitize`` would escape, or None: what ``validate`` warns about."""
    found = _CONTROLS.search(text)
    return found.group() if found else None


def _visible(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def sanitize(text: str) -> str:
    """Replace control characters (except newline and tab) with a visible ``\\xNN`` escape.

    Unlike ``printable`` a lone CR stays visible: the app and the CLI show text as it was
    written, where a lone CR is as suspicious as any other control.
    """
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return _CONTROLS.sub(_visible, text)


def safe_json(value: Any, **options: Any) -> str:
    """JSON for a terminal: ``json`` escapes C0 controls itself, but with ``ensure_ascii=False``
    it writes DEL and the C1 controls raw (U+009B is a CSI on some terminals), so escape those."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return _C1_AND_DEL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def printable(text: str) -> str:
    """``text`` with CR/CRLF as LF and every other control except tab shown as ``\\xNN``."""
    return sanitize(text.replace("\r\n", "\n").replace("\r", "\n"))


def wrap_lines(text: str, width: int | None) -> str:
    """Each line wrapped at ``width`` between words, keeping its indent; code fences untouched.

    A terminal breaks an over-long line wherever the column ends, mid-word, which a
    reader then has to stitch together ("Wh / at do you gain"). Words longer than the
    line (a URL) stay whole: a broken URL is worse than a long line. ``None`` or a
    silly width leaves the text as it is (a script reading the output wants lines whole).
    """
    if width is None or width < 20:
        return text
    wrapped: list[str] = []
    in_code = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_code = not in_code
        if in_code or len(line) <= width or not line.strip():
            wrapped.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        wrapped += textwrap.wrap(
            line.strip(),
            width=width,
            initial_indent=indent,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
    return "\n".join(wrapped)
