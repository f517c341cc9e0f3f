"""Turning text into tokens a rubric can match, without losing where each came from.

Answers and rubric phrases go through the same steps (lowercase, drop apostrophes,
split on punctuation, stem), so "Reconciling" in an answer meets "reconciliation" in a
rubric. Every token keeps the character span it came from in the ORIGINAL text, so the
app can highlight evidence even after aliases replaced one word by three.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate, compress, islice, repeat
from typing import NamedTuple

_SPLIT = re.compile(r"([^\W_]+(?:['’][^\W_]+)*)")
_SPLIT_ASCII = re.compile(r"([A-Za-z0-9]+(?:'[A-Za-z0-9]+)*)")  # same words, twice as fast
# a bullet is a sentence; a full stop before closing markup or a bracket or quote ("off.** Next", "off.) Next") too
_HARD_SEP = re.compile(r"[!?;]|\.[*_)\]\"'”’`]*\s|\.\.\.|\n\s*\n|\n\s*(?:[-*+•]|\d{1,2}[.)])\s")
# Links are pointers, not words of the answer: they are blanked before reading (offsets kept).
URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
# Transcribed speech: "um", "uh" anywhere, and "like", "you know", "I mean", "basically" set off by
# commas, are no words of the answer. They are blanked with their commas (offsets kept), so
# "Argo, um, reverts it" stays one clause for negation scope and phrase matching.
_FILLERS = r"u+m+|u+h+m*|e+r+m+|h+m+|like|you know|i mean|basically|actually|right|kind of|sort of|so yeah|yeah"
# Cheap checks first (tokenize is the hot path): a filler word among the words, or ", like," in the text.
FILLER_WORDS = frozenset({"um", "umm", "ummm", "uh", "uhh", "uhm", "erm", "hmm", "hmmm"})
COMMA_FILLERS = tuple(f", {f}," for f in ("like", "you know", "i mean", "basically", "actually", "right", "kind of",
                                          "sort of", "so yeah", "yeah"))  # fmt: skip
FILLER = re.compile(
    r"(?:,\s*)?\b(?:u+m+|u+h+m*|e+r+m+|h+m+)\b(?:\s*,)?|,\s*\b(?:" + _FILLERS + r")\b\s*(?=,)(?:,)?", re.IGNORECASE
)
# A comma or colon right after a short label ("CI: build", "Flux, because") breaks the
# clause (negation scope) but not the unit that proximity matching uses.
_SOFT_SEP = re.compile(r"[,:()\[\]\n]|\s[-–—]\s|—|->|=>|→|<-")
# An arrow in shorthand ("no OCI verify -> Kyverno") ends a clause, so a negation before it stops
# there, but not the unit: "drift -> reconcile" still relates its two sides for proximity matching.
_ARROW = re.compile(r"\s*(?:->|=>|→|<-)\s*")
# "live != desired" reads "live differs from desired": the sign is a relation, not a sentence end.
_NOT_EQUAL = re.compile(r"!=|≠|=/=")
NOT_EQUAL_WORDS = ("differs", "from")
# Words that start a new clause: negation and proximity never reach across them.
LABEL_WORDS = 3
CONDITION_WORDS = frozenset({"if", "unless", "when", "whenever"})
CLAUSE_WORDS = frozenset({"but", "however", "whereas", "while", "although", "though", "except", "unlike"})


class Token(NamedTuple):
    raw: str  # lowercased, apostrophes removed
    stem: str
    start: int  # span in the original text
    end: int
    clause: int  # changes at every break (comma, newline, full stop, "but" ...): negation scope
    sentence: int  # changes only at hard breaks (full stop, ; ! ?, a bullet), not at "but"
    word: int  # index of the original word (alias expansions share it), for counting gaps
    unit: int = 0  # like clause, but a comma or colon after a short label does not break it:
    # "Flux, because it is light" and "CI: build, test" keep subject and predicate together


# Longest first; a suffix is stripped only when at least three letters stay.
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("izations", "iz"),
    ("ization", "iz"),
    ("iations", ""),
    ("iation", ""),
    ("ations", ""),
    ("ation", ""),
    ("atives", ""),
    ("ative", ""),
    ("ments", ""),
    ("ment", ""),
    ("ities", ""),
    ("ity", ""),
    ("ions", ""),
    ("ion", ""),
    ("ings", ""),
    ("ing", ""),
    ("ied", "y"),
    ("ies", "y"),
    ("ers", ""),
    ("er", ""),
    ("ed", ""),
    ("es", ""),
    ("ly", ""),
    ("s", ""),
    ("e", ""),
)
_NO_PLURAL_S = ("ss", "us", "is")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A small suffix-stripping stemmer: enough to join reconcile/reconciled/reconciliation.

    Consistency matters more than linguistics here: answer and rubric words go
    through the same function, so any stem works as long as the forms agree.
    """
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, replacement in _SUFFIXES:
        if not word.endswith(suffix):
            continue
        if suffix == "s" and word.endswith(_NO_PLURAL_S):
            continue
        if suffix == "ly" and word.endswith("ply"):
            continue  # apply, reply: not adverbs
        base = word[: len(word) - len(suffix)]
        if len(base) < 3:
            continue
        word = base + replacement
        break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "lsaeiou":
        word = word[:-1]  # committ -> commit, syncing's "synce" stays
    return word


# "it's", "what's", "that's" are "it is", "what is", "that is", never possessives: they keep their
# "s" ("whats in git" is a lexicon form; "it's a bug" is not "it a bug").
CONTRACTED_IS = frozenset({"it", "what", "that", "there", "here", "who", "where", "how", "he", "she", "let"})


def normalise_word(word: str) -> str:
    """Lowercase, drop a possessive "'s" (Argo CD's UI), then drop apostrophes (don't -> dont)."""
    word = word.lower()
    if "'" not in word and "’" not in word:
        return word
    if word.endswith(("'s", "’s")) and word[:-2] not in CONTRACTED_IS:
        word = word[:-2]
    return word.replace("'", "").replace("’", "")


@lru_cache(maxsize=4096)
def _separator_kind(separator: str) -> int:
    """0 = none, 1 = soft break (comma, newline), 2 = hard break (full stop, ; ! ?)."""
    if separator == " ":
        return 0
    if not separator.strip():
        return 0 if "\n" not in separator else 2 if _HARD_SEP.search(separator) else 1
    if _HARD_SEP.search(separator):
        return 2
    if _SOFT_SEP.search(separator):
        return 1
    return 0


# Lowercase ASCII words joined by single spaces, "*" and "-" (most rubric phrasings: "reconcil*
# loop", "pull-based"): no separator here is a break, so every token is in clause, sentence and
# unit 0, and there is nothing to lowercase, unwrap, blank or normalise. " - " is a soft break.
_PLAIN = re.compile(r"[a-z0-9*-]+(?: [a-z0-9*-]+)*")
_PLAIN_WORD = re.compile(r"[a-z0-9]+")


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens with original spans and clause/sentence/unit numbers.

    This is the grader's hottest path, so the per-word work runs in C where it can: ``re.split``
    with a capturing group hands back separators and words in turn, ``accumulate`` turns their
    lengths into offsets, and only the few words after a separator other than one space (or a
    clause word) go through the Python loop that numbers clauses, sentences and units. Plain
    text (``_PLAIN``, most rubric phrasings) takes a shorter way to the same tokens.
    """
    if _PLAIN.fullmatch(text) and " - " not in text:
        tokens = _plain_tokens(text)
        if tokens is not None:
            return tokens
    return _tokenize_any(text)


def _plain_tokens(text: str) -> list[Token] | None:
    """The tokens of ``_PLAIN`` text, or None when a word needs the general path (a clause word
    such as "but", or a filler such as "um")."""
    found = list(_PLAIN_WORD.finditer(text))
    raws = [m.group() for m in found]
    if not CLAUSE_WORDS.isdisjoint(raws) or not FILLER_WORDS.isdisjoint(raws):
        return None
    new = tuple.__new__  # ``Token(...)`` without the named tuple's Python-level ``__new__``
    return [
        new(Token, (raw, stem(raw), *m.span(), 0, 0, k, 0)) for k, (raw, m) in enumerate(zip(raws, found, strict=True))
    ]


def _tokenize_any(text: str) -> list[Token]:
    """``tokenize`` for any text."""
    if "=" in text or "≠" in text:
        signs = [m.span() for m in _NOT_EQUAL.finditer(text)]
        if signs:
            return _with_inequalities(_tokenize_any(_NOT_EQUAL.sub(lambda m: " " * len(m.group()), text)), signs)
    if "://" in text or "www." in text:
        text = URL.sub(lambda m: " " * len(m.group()), text)
    if "\n" in text:
        text = _unwrap(text)
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters grow when lowercased; keep offsets exact
        lowered = text
    parts = (_SPLIT_ASCII if text.isascii() else _SPLIT).split(lowered)
    n = len(parts) // 2
    if not n:
        return []
    offsets = list(accumulate(map(len, parts)))
    starts = offsets[0:-1:2]
    ends = offsets[1::2]
    separators = parts[0:-1:2]
    raws = parts[1::2]
    if not FILLER_WORDS.isdisjoint(raws) or any(map(lowered.__contains__, COMMA_FILLERS)):
        blanked = FILLER.sub(lambda m: " " * len(m.group()), text)
        if blanked != text:
            return _tokenize_any(blanked)
    if lowered is text:
        raws = [normalise_word(raw) for raw in raws]
    elif "'" in lowered or "’" in lowered:
        raws = [normalise_word(raw) if ("'" in raw or "’" in raw) else raw for raw in raws]
    clauses, sentences, units = _numbering(separators, raws, n)
    fields = zip(raws, map(stem, raws), starts, ends, clauses, sentences, range(n), units, strict=True)
    return list(map(tuple.__new__, repeat(Token), fields))


def _with_inequalities(tokens: list[Token], signs: list[tuple[int, int]]) -> list[Token]:
    """``tokens`` of the text with each "!=" blanked, with "differs from" put where each sign stood
    (one word: both tokens share its index and its span), later words renumbered after it."""
    out: list[Token] = []
    shift = k = 0
    for start, end in signs:
        while k < len(tokens) and tokens[k].start < start:
            out.append(tokens[k]._replace(word=tokens[k].word + shift))
            k += 1
        near = out[-1] if out else tokens[k] if k < len(tokens) else None
        if near is None:
            continue
        word = out[-1].word + 1 if out else 0
        out += [Token(w, stem(w), start, end, near.clause, near.sentence, word, near.unit) for w in NOT_EQUAL_WORDS]
        shift += 1
    out += [t._replace(word=t.word + shift) for t in tokens[k:]]
    return out


# A line this long that breaks mid-sentence was wrapped by an editor: the break is a space (as in
# Markdown). Short lines are list items or labels and keep their break.
WRAPPED_LINE = 50
_LIST_START = re.compile(r"[ \t]*(?:[-*+•>#|]|\d{1,2}[.)]|```)")


def _unwrap(text: str) -> str:
    """``text`` with each hard-wrap line break turned into a space (same length, offsets kept)."""
    chars: list[str] | None = None
    line_start = 0
    at = text.find("\n")
    while at != -1:
        follows = text[at + 1 : at + 2]
        if (
            at - line_start >= WRAPPED_LINE
            and follows.strip()
            and text[at - 1 : at] not in ("", "\n", " ")
            and not text[line_start:at].lstrip().startswith(("|", "```"))
            and not _LIST_START.match(text, at + 1)
        ):
            if chars is None:
                chars = list(text)
            chars[at] = " "
        line_start = at + 1
        at = text.find("\n", line_start)
    return text if chars is None else "".join(chars)


def _numbering(separators: list[str], raws: list[str], n: int) -> tuple[list[int], list[int], list[int]]:
    """Clause, sentence and unit number of every word; they change only at breaks."""
    breaks = list(compress(range(1, n), map(" ".__ne__, islice(separators, 1, None))))
    clause_words = list(compress(range(1, n), map(CLAUSE_WORDS.__contains__, islice(raws, 1, None))))
    if clause_words:
        breaks = sorted(set(breaks).union(clause_words))
    if not breaks:
        zeros = [0] * n
        return zeros, zeros, zeros
    clauses: list[int] = []
    sentences: list[int] = []
    units: list[int] = []
    clause = sentence = unit = unit_start = previous = 0
    joined = False  # whether the unit already runs on from its condition into the main clause
    for i in breaks:
        separator = separators[i]
        # "but"/"while" end a clause and a unit, not the sentence: "Synced but Degraded" is one idea
        kind = _separator_kind(separator)
        if raws[i] in CLAUSE_WORDS and kind < 2:
            kind = 3
        if not kind:
            continue
        run = i - previous
        clauses += [clause] * run
        sentences += [sentence] * run
        units += [unit] * run
        previous = i
        clause += 1
        if kind == 2:
            sentence += 1
        if kind == 1 and not joined and raws[unit_start] in CONDITION_WORDS and separator.strip() == ",":
            joined = True  # "if it was intended, sync it away": a case and its advice are one unit
        elif kind >= 2 or not (_after_label(separator, i - unit_start) or _ARROW.fullmatch(separator)):
            unit += 1
            unit_start = i
            joined = False
    run = n - previous
    clauses += [clause] * run
    sentences += [sentence] * run
    units += [unit] * run
    return clauses, sentences, units


def _after_label(separator: str, words_in_unit: int) -> bool:
    return words_in_unit <= LABEL_WORDS and separator.strip() in (",", ":")
