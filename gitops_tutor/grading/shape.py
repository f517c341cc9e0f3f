"""What an answer looks like as a whole: empty, "no idea", too long, or a keyword list.

A bare list of buzzwords can hit most concepts of a rubric while explaining nothing;
an interviewer would not pass it, so it is detected by shape (few function words,
short comma- or line-separated items) and capped by the scorer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from operator import itemgetter

from gitops_tutor.grading.text import Token

MAX_ANSWER_CHARS = 20_000


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that only a sentence has: articles, prepositions, pronouns, auxiliaries, conjunctions.
# Content-ish words ("once", "same", "only", "use") are left out on purpose: a keyword list such
# as "build once, same image, untested" is full of them and still has no grammar.
FUNCTION_WORDS = word_set(
    """a an the is are was were be been being am to of in on at by for with from into onto via as than then
    and or so if when while because since after before until unless that this these those it its they them
    their there here we you your our i me my he she his her who whom which what how why where do does did
    doing done can could should would will shall may might must has have had having not no never dont doesnt
    isnt arent cant wont without whereas but however whether either neither nor gets got becomes stays thats
    whats theres heres lets"""
)
# Phrasings that ask for an enumeration: a correct terse list answers such a question (partly).
_ASKS_FOR_LIST = re.compile(
    r"\b(?:which|what|name)\b(?:\s+\w+){0,3}?\s+(?:fields|flags|options|settings|objects|steps|kinds|components|"
    r"controllers|tools|features|guards|questions|guardrails)\b|\blist\b|\bwhich\b(?:\s+[\w.]+){1,3}?\s+changes\b"
    r"|\bname\b(?:\s+\w+){0,2}?\s+(?:two|three|four|five|\d)\b",
    re.IGNORECASE,
)

NO_IDEA_WORDS = word_set(
    """no idea i dont know not sure clue idk dunno pass skip sorry have really honestly absolutely im unsure
    nothing na n a what is this remember cant recall forgot forget don t the question"""
)
NO_IDEA_CORE = frozenset({"idea", "know", "sure", "clue", "idk", "dunno", "pass", "skip", "unsure", "recall", "forgot"})

_LABEL_LINE = re.compile(r"^\s*[-*•]?\s*[^\W_][\w .-]{0,30}:\s*\S", re.MULTILINE)
_ITEM_SPLIT = re.compile(r"[,;\n/|•·]|\s[-–—*+]\s")
# A run of words with no separator and almost no grammar ("pull drift git revert same image ...").
RUN_SHORT_LIST, RUN_KEYWORD_LIST = 5, 8


POINTER_WORDS = word_set(
    """see check read refer look at the docs doc documentation link linked here this that issue issues faq answer
    above below pr thread comment comments please in our my official upstream for details more info information
    it explained explains covered covers there official"""
)
_REFERENCE = re.compile(r"https?://|www\.|(?<!\w)#\d+|\bissue\s+\d+", re.IGNORECASE)
POINTER_MAX_WORDS = 12


def is_pointer_only(text: str, tokens: Sequence[Token]) -> bool:
    """ "Please see #643", a bare link, "check the docs": a reply that only points elsewhere says nothing."""
    words = [t.raw for t in tokens if not t.raw.isdigit()]
    if len(words) > POINTER_MAX_WORDS or not all(w in POINTER_WORDS for w in words):
        return False
    return bool(_REFERENCE.search(text)) or ("docs" in words or "documentation" in words)


def is_empty(tokens: Sequence[Token]) -> bool:
    return not tokens


def is_no_idea(tokens: Sequence[Token]) -> bool:
    """ "No idea", "I don't know", "pass": short and made only of such words."""
    if len(tokens) > 10:
        return False
    raws = {t.raw for t in tokens}
    return raws <= NO_IDEA_WORDS and bool(raws & NO_IDEA_CORE)


NOT_A_LIST, SHORT_LIST, KEYWORD_LIST = 0, 1, 2


def asks_for_list(prompt: str) -> bool:
    """Whether a question asks to name things ("which fields ...", "name the objects"): a list may answer it."""
    return bool(_ASKS_FOR_LIST.search(prompt))


def list_shape(text: str, tokens: Sequence[Token]) -> int:
    """How much ``text`` looks like keywords instead of an answer.

    KEYWORD_LIST: five or more items of at most three words, nearly no grammar ("CI, CD,
    build, pull, push"), or a run of eight or more words with no separator and nearly no
    grammar ("build once promote artifact same image untested"). SHORT_LIST: three or four
    such items, or a run of five or more words of which under 15% are grammar words;
    shorthand can look like that too, so it is only kept below pass. Terse answers otherwise
    stay out: some item carries a verb phrase of four words or more, items hold a
    parenthesised group ("source (repoURL, path)"), or lines are labelled ("argo cd: UI,
    many teams").
    """
    if len(tokens) < 3:
        return NOT_A_LIST
    function_share = sum(map(FUNCTION_WORDS.__contains__, map(itemgetter(0), tokens))) / len(tokens)
    if function_share >= 0.15 and len(_ITEM_SPLIT.findall(text)) < len(tokens) / 3 - 1:
        return NOT_A_LIST  # prose: too few separators for items of three words or less
    if len(_LABEL_LINE.findall(text)) >= 2:
        return NOT_A_LIST
    items = list_items(text, tokens)
    sizes = [size for _, _, size in items]
    short = sum(size <= 3 for size in sizes)
    if len(sizes) >= 5 and short / len(sizes) >= 0.8 and _list_grammar(items, tokens, function_share) < 0.15:
        return KEYWORD_LIST
    if 3 <= len(sizes) == short:
        return SHORT_LIST
    if len(sizes) == 1 and len(tokens) >= RUN_SHORT_LIST:
        if function_share < 0.1 and len(tokens) >= RUN_KEYWORD_LIST:
            return KEYWORD_LIST
        if function_share < 0.15:  # "overlays per environment patch tags and replicas" may be shorthand
            return SHORT_LIST
    return NOT_A_LIST


LONG_ITEM_WORDS = 5  # "single point of failure" is one keyword; "commit replicas 10 via fast PR" says something


def _list_grammar(items: Sequence[tuple[int, int, int]], tokens: Sequence[Token], function_share: float) -> float:
    """The share of grammar words in a list. One item of four or five words ("hub, outbound, NAT,
    single point of failure") carries its own grammar: only the short items count, or that one
    item would turn a list of keywords into prose."""
    long_items = [size for _, _, size in items if size > 3]
    if len(long_items) != 1 or long_items[0] > LONG_ITEM_WORDS:
        return function_share
    spans = [(start, end) for start, end, size in items if size <= 3]
    words = [t.raw for t in tokens if any(start <= t.start < end for start, end in spans)]
    return sum(map(FUNCTION_WORDS.__contains__, words)) / (len(words) or 1)


# Shorthand relates its items ("source = fetch", "Failed -> abort", "selfHeal on: reverted");
# a bag of keywords only lists them.
_RELATION = re.compile(
    r"\s=\s|=>|->|→|<-|!=|≠|\w:\s|\s\+\s|\bvs\.?\s|\bthen\b|\bso\b|\bbecause\b|\bif\b|\belse\b|\bvia\b|\bbefore\b"
    r"|\bafter\b|\bfirst\b|\blater\b|\bunchanged\b|\w@|\s@\w"
    r"|(?:^|[.;]\s+)[^\W_][\w/.]*(?:\s[\w/]+){0,2}\s[-–—]\s"  # "Argo - rich UI": a labelled group
)


def relates(text: str) -> bool:
    """Whether a terse answer states relations between its items, as shorthand does."""
    return len(_RELATION.findall(text)) >= 2


PHRASED_ITEMS = 3  # items of PHRASE_WORDS words or more: "delete leaked key", "hotfix on main", "folder per env"
PHRASE_WORDS = 3


def phrased_items(text: str, tokens: Sequence[Token]) -> bool:
    """Whether a list says things in short phrases rather than naming them: at least PHRASED_ITEMS
    items of PHRASE_WORDS words or more ("new sealing key, delete leaked key, rotate at source")."""
    return sum(size >= PHRASE_WORDS for _, _, size in list_items(text, tokens)) >= PHRASED_ITEMS


# A sentence stop or a semicolon inside the answer: "Audited temp creds; suspend reconciler; ...".
_GROUP_BREAK = re.compile(r";\s*\S|[^\W_)]\.\s+\S")


def grouped(text: str) -> bool:
    """Whether a terse answer splits its items into clauses (by ";" or full stops), as a candidate
    writing shorthand does; a dump of keywords runs them together with commas."""
    return bool(_GROUP_BREAK.search(text.strip()))


def list_items(text: str, tokens: Sequence[Token]) -> list[tuple[int, int, int]]:
    """List items as (start, end, word count): split where a comma, slash, bullet or newline sits
    between words, but not inside brackets, where "(repoURL, path)" details one item."""
    items = [[tokens[0].start, tokens[0].end, 1]]
    depth = 0
    for previous, token in zip(tokens, tokens[1:], strict=False):
        separator = text[previous.end : token.start]
        if separator != " ":
            depth = max(
                0, depth + separator.count("(") + separator.count("[") - separator.count(")") - separator.count("]")
            )
            if not depth and _ITEM_SPLIT.search(separator.replace(")", "").replace("]", "")):
                items.append([token.start, token.end, 0])
        items[-1][1] = token.end
        items[-1][2] += 1
    return [(start, end, size) for start, end, size in items]
