"""What an answer looks like as a whole: empty, "no idea", too long, or a keyword list.

A bare list of buzzwords can hit most concepts of a rubric while explaining nothing;
an interviewer would not pass it, so it is detected by shape (few function words,
short comma- or line-separated items) and capped by the scorer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gitops_tutor.grading.text import Token

MAX_ANSWER_CHARS = 20_000


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


FUNCTION_WORDS = _word_set(
    """a an the is are was were be been being am to of in on at by for with from into onto via as than then
    and or so if when while because since after before until unless that this these those it its they them
    their there here we you your our i me my he she his her who whom which what how why where do does did
    doing done can could should would will shall may might must has have had having not no never dont doesnt
    isnt arent cant wont without also only just even both each every all any some such same other another
    own too very more most less up down out over under again once use uses using used make makes made let
    lets get gets got keep keeps kept need needs needed put puts goes go gone come comes see sees instead
    rather just about against between through during whereas but however whether either neither nor one"""
)

NO_IDEA_WORDS = _word_set(
    """no idea i dont know not sure clue idk dunno pass skip sorry have really honestly absolutely im unsure
    nothing na n a what is this remember cant recall forgot forget don t the question"""
)
NO_IDEA_CORE = frozenset({"idea", "know", "sure", "clue", "idk", "dunno", "pass", "skip", "unsure", "recall", "forgot"})

_LABEL_LINE = re.compile(r"^\s*[-*•]?\s*[^\W_][\w .-]{0,30}:\s*\S", re.MULTILINE)
_ITEM_SPLIT = re.compile(r"[,;\n/|•·]|\s[-–—*]\s")


def is_empty(tokens: Sequence[Token]) -> bool:
    return not tokens


def is_no_idea(tokens: Sequence[Token]) -> bool:
    """ "No idea", "I don't know", "pass": short and made only of such words."""
    raws = {t.raw for t in tokens}
    return len(tokens) <= 10 and raws <= NO_IDEA_WORDS and bool(raws & NO_IDEA_CORE)


NOT_A_LIST, SHORT_LIST, KEYWORD_LIST = 0, 1, 2


def list_shape(text: str, tokens: Sequence[Token]) -> int:
    """How much ``text`` looks like keywords instead of an answer.

    KEYWORD_LIST: five or more items of at most three words, nearly no grammar ("CI, CD,
    build, pull, push"). SHORT_LIST: three or four such items, or five or more words with
    not one function word between them; shorthand can look like that too, so it is only
    kept below pass. Terse answers otherwise stay out: some item carries a verb phrase of
    four words or more, or lines are labelled ("argo cd: UI, many teams").
    """
    if len(tokens) < 3 or len(_LABEL_LINE.findall(text)) >= 2:
        return NOT_A_LIST
    function_share = len([t for t in tokens if t.raw in FUNCTION_WORDS]) / len(tokens)
    if function_share >= 0.15 and len(_ITEM_SPLIT.findall(text)) < len(tokens) / 3 - 1:
        return NOT_A_LIST  # prose: too few separators for items of three words or less
    items = _items(text, tokens)
    short = sum(len(item) <= 3 for item in items)
    if len(items) >= 5 and short / len(items) >= 0.8 and function_share < 0.15:
        return KEYWORD_LIST
    if 3 <= len(items) == short:
        return SHORT_LIST
    if len(items) == 1 and len(tokens) >= 5 and function_share == 0:
        return SHORT_LIST
    return NOT_A_LIST


def _items(text: str, tokens: Sequence[Token]) -> list[list[str]]:
    """Words grouped into list items: split wherever a comma, slash, bullet or newline sits between words."""
    items: list[list[str]] = [[tokens[0].raw]]
    for previous, token in zip(tokens, tokens[1:], strict=False):
        separator = text[previous.end : token.start]
        if separator != " " and _ITEM_SPLIT.search(separator):
            items.append([])
        items[-1].append(token.raw)
    return items
