"""Rubric phrasings compiled into word patterns, and matching them against an answer.

A phrasing such as ``"flux .. rich ui"`` or ``"reconcil* loop"`` becomes a list of
words, each with the largest gap allowed before it: a couple of filler words inside
a phrase ("desired *cluster* state"), up to ``PROXIMITY_GAP`` after ``..``. Words match
by stem, by prefix (``word*``), or fuzzily when long enough to carry a typo; short
words match exactly, so "etc" never meets "etcd" and "ci" never hides in
"reconciliation".
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, repeat
from operator import is_, itemgetter
from typing import NamedTuple

from rapidfuzz.distance import Indel
from rapidfuzz.process import extract

from gitops_tutor.grading.aliases import AliasMap
from gitops_tutor.grading.negation import NEGATORS
from gitops_tutor.grading.text import Token, stem, tokenize

normalized_similarity = Indel.normalized_similarity  # a module global: one lookup per typo candidate
FILLER_GAP = 2
PROXIMITY_GAP = 6
# In a pattern that names an actor ("flux .. rich ui", "ci .. reconcil*"), a ``..`` gap may
# not run over another actor: "CI builds and Argo CD reconciles" is not "CI .. reconciles".
ACTORS = frozenset({"argo", "flux", "continuous", "jenkins", "pipeline", "github", "gitlab", "tekton", "kubectl"})
FUZZY_MIN_LEN = 5
MAX_REMEMBERED = 50_000  # word forms remembered per rubric; bounds memory on huge vocabularies
_PROXIMITY = re.compile(r"\s*\.\.+\s*")


class Word(NamedTuple):
    """One rubric word. A named tuple, not a dataclass: every phrasing word is made and hashed
    into a vocabulary, and a tuple does both in C (validate compiles about 37,000 of them)."""

    text: str  # the lowercased word, or the prefix for ``word*``
    stem: str
    prefix: bool


@dataclass(frozen=True)
class Pattern:
    """Word ids with the largest gap allowed before each (the first gap is unused)."""

    source: str
    words: tuple[int, ...]
    gaps: tuple[int, ...]
    names_actor: bool = False
    after_negator: tuple[bool, ...] = ()  # per word: the one before is "not", "never" ...


@dataclass(frozen=True)
class TermSet:
    """Key terms that must all occur in one sentence, in any order: ``"sync & git & live"``.

    An idea said in other words rarely keeps the rubric's word order; its key terms (each
    widened by the lexicon, each typo-tolerant) still meet in one sentence.
    """

    source: str
    terms: tuple[Pattern, ...]


Phrasing = Pattern | TermSet
TERM_SEPARATOR = "&"
MAX_TERMS = 5


def flat(phrasings: Sequence[Phrasing]) -> list[Pattern]:
    """Every word pattern inside ``phrasings`` (a term set's terms one by one)."""
    out: list[Pattern] = []
    for phrasing in phrasings:
        out.extend(phrasing.terms if isinstance(phrasing, TermSet) else (phrasing,))
    return out


class WordTable:
    """Word ids, given once per distinct word and shared by every vocabulary built on the table.

    A Grader keeps one table for all its rubrics, so a misconception's phrasings compiled once carry
    the same word ids in every rubric they are checked in (``myths.SharedForms``): each rubric then
    only registers those words for matching. Ids never say anything about a word; only equality counts.
    """

    __slots__ = ("words", "ids", "_lock")

    def __init__(self) -> None:
        self.words: list[Word] = []  # by id
        self.ids: dict[Word, int] = {}
        self._lock = threading.Lock()  # a table may be shared by graders on two threads

    def intern(self, word: Word) -> int:
        known = self.ids.get(word)
        if known is not None:
            return known
        with self._lock:
            known = self.ids.get(word)
            if known is None:
                self.words.append(word)  # before the id is published: ``words[id]`` always exists
                known = self.ids[word] = len(self.words) - 1
        return known


class Vocabulary:
    """Every distinct word of a rubric, so an answer's tokens are compared with each once.

    Ids come from ``table`` (a table of its own by default: ids 0, 1, 2 ... in the order words are
    added). ``words`` is the table's list, indexed by id; with a shared table it also holds other
    rubrics' words, and ``own_words`` lists this vocabulary's.
    """

    def __init__(self, table: WordTable | None = None, *, matching: bool = True) -> None:
        self._table = table if table is not None else WordTable()
        self.words: list[Word] = self._table.words
        self._own: set[int] = set()  # ids of the words added here: the only ones answers are matched against
        # False: only which words and lexicon prefixes were added is kept, and nothing ever matches (a
        # misconception's form: never matched itself, ``include``d into each rubric in its scope)
        self._matching = matching
        self._by_stem: dict[str, list[int]] = defaultdict(list)
        self._by_text: dict[str, list[int]] = defaultdict(list)
        # (prefix, id, whether it is long enough to tolerate a typo) per first letter
        self._prefixes_by_initial: dict[str, list[tuple[str, int, bool]]] = defaultdict(list)
        self._known: dict[str, frozenset[int]] = {}  # answer word -> rubric word ids
        # (word, id, length, whether it is a negation) per first letter
        self._fuzzy_by_initial: dict[str, list[tuple[str, int, int, bool]]] = defaultdict(list)
        self._fuzzy_texts_by_initial: dict[str, list[str]] = defaultdict(list)  # the words alone, for ``extract``
        self._negators: list[int] = []  # "nobody" in "nobody review*" also meets "never", "not" ...
        self._prefix_aliases_by_initial: dict[str, list[tuple[str, int]]] = defaultdict(list)
        self._prefix_aliases: list[tuple[str, int]] = []  # the same, in the order given (for ``include``)

    def add_prefix_alias(self, prefix: str, index: int) -> None:
        """Answer words starting with ``prefix`` also count as word ``index`` (a rewritten ``prefix*``)."""
        if self._matching:
            self._prefix_aliases_by_initial[prefix[:1]].append((prefix, index))
        self._prefix_aliases.append((prefix, index))

    def is_negator(self, index: int) -> bool:
        return _negator(self.words[index])

    def own_words(self) -> list[Word]:
        """The words added to this vocabulary (``words`` may hold other rubrics' words too)."""
        return [self.words[index] for index in sorted(self._own)]

    def ids(self, words: tuple[Word, ...]) -> tuple[int, ...]:
        """The ids of ``words``, adding those not yet here in order. Words the rubric already has (most of
        them: phrasings share words) are looked up in C; ``add`` runs only when some word is new."""
        known = tuple(map(self._table.ids.get, words))
        if None in known or not self._own.issuperset(known):
            return tuple(map(self.add, words))
        return known  # type: ignore[return-value]

    def add(self, word: Word) -> int:
        index = self._table.intern(word)
        if index not in self._own:
            self._register(index, word)
        return index

    def include(self, other: Vocabulary) -> None:
        """Every word and lexicon prefix of ``other`` (built on the same table), as if its phrasings
        had been compiled here: a misconception's compiled form joins each rubric in its scope."""
        if other._table is not self._table:
            raise ValueError("vocabularies on different word tables do not share ids")
        for index in sorted(other._own - self._own):
            self._register(index, self.words[index])
        for prefix, index in other._prefix_aliases:
            self.add_prefix_alias(prefix, index)

    def _register(self, index: int, word: Word) -> None:
        self._own.add(index)
        if not self._matching:
            return
        text, stem, prefix = word
        if prefix:
            self._prefixes_by_initial[text[:1]].append((text, index, len(text) >= CLOSE_PREFIX_LEN))
        else:
            self._by_stem[stem].append(index)
            self._by_text[text].append(index)
            if text in NEGATORS:
                self._negators.append(index)
            if len(text) >= FUZZY_MIN_LEN and not text.isdigit():
                self._fuzzy_by_initial[text[0]].append((text, index, len(text), _negative(text)))
                self._fuzzy_texts_by_initial[text[0]].append(text)

    def matches(self, token: Token) -> frozenset[int]:
        """Ids of the rubric words this answer token counts as (remembered per word form)."""
        known = self._known.get(token.raw)  # the stem is a function of the word, so the word is the key
        if known is None:
            known = frozenset(self._compute_matches(token.raw, token.stem))
            if len(self._known) < MAX_REMEMBERED:
                self._known[token.raw] = known
        return known

    def _compute_matches(self, raw: str, stem: str) -> set[int]:
        """Every rubric word ``raw`` meets. The length tests of ``_close_prefix`` and ``_close`` are made
        here first: most candidates fail them, and a call per candidate was a tenth of validate's grading."""
        found = {*self._by_stem.get(stem, ()), *self._by_text.get(raw, ())}
        if raw in NEGATORS:
            found.update(self._negators)
        initial = raw[:1]
        for prefix, index in self._prefix_aliases_by_initial.get(initial, ()):
            if raw.startswith(prefix):
                found.add(index)
        size = len(raw)
        for prefix, index, long in self._prefixes_by_initial.get(initial, ()):
            if raw.startswith(prefix) or (long and size >= len(prefix) and _close_prefix(raw, prefix)):
                found.add(index)
        if size >= FUZZY_MIN_LEN and initial in self._fuzzy_by_initial:
            # ``_close(raw, text)`` for every word of the same initial: the similarities at the lowest
            # cutoff in one C call (a Python call per candidate was most of this loop's time), then
            # each close one's own cutoff, length, polarity and compound tests
            entries = self._fuzzy_by_initial[initial]
            negative = _negative(raw)
            for _, score, k in extract(
                raw, self._fuzzy_texts_by_initial[initial], scorer=normalized_similarity, score_cutoff=0.80, limit=None
            ):
                text, index, length, text_negative = entries[k]
                # the length test of ``_close`` is implied: Indel similarity <= 1 - |size - length| / (size + length)
                if score >= _typo_cutoff(size, length) and negative == text_negative and not _compound_of(raw, text):
                    found.add(index)
        return found

    def positions(self, tokens: Sequence[Token]) -> dict[int, list[int]]:
        """word id -> sorted token positions where that word occurs in the answer."""
        where: dict[int, list[int]] = defaultdict(list)
        found = list(map(self._known.get, map(itemgetter(0), tokens)))
        for position in compress(range(len(found)), map(is_, found, repeat(None))):  # words not seen before
            found[position] = self.matches(tokens[position])
        for position in compress(range(len(found)), found):  # only words that meet some rubric word
            for index in found[position]:  # type: ignore[union-attr]
                where[index].append(position)
        return where


CLOSE_PREFIX_LEN = 6  # a ``word*`` this long meets a typo of itself (``_close_prefix``)


def _close_prefix(raw: str, prefix: str) -> bool:
    """``reconsiling`` still meets ``reconcil*``: long prefixes tolerate a typo too."""
    return (
        len(prefix) >= CLOSE_PREFIX_LEN
        and len(raw) >= len(prefix)
        and _negative(raw) == _negative(prefix)
        and _close(raw[: len(prefix)], prefix)
    )


# Negative contractions (apostrophe dropped): "shouldnt" is five letters of "should" plus a denial,
# so typo tolerance would read it as "should". A negation is never a typo of its positive form.
NEGATIVE_CONTRACTIONS = frozenset(
    {
        "shouldnt", "wouldnt", "couldnt", "mustnt", "neednt", "doesnt", "didnt", "isnt", "arent", "wasnt",
        "werent", "hasnt", "havent", "hadnt", "dont", "cant", "wont", "aint", "shant", "mightnt", "cannot",
    }
)  # fmt: skip


def _negative(word: str) -> bool:
    return word in NEGATIVE_CONTRACTIONS or word in NEGATORS


def _close(a: str, b: str) -> bool:
    """Typo tolerance: 85% similar (80% for long words), same first letter, and the same polarity
    ("shouldnt" is no typo of "should"), and not a longer compound of the same word ("application(s)"
    is no typo of "applicationset": 92% similar, it credited ApplicationSet concepts to app-of-apps answers)."""
    if a[0] != b[0] or _compound_of(a, b):
        return False
    size = len(a) + len(b)
    cutoff = _typo_cutoff(len(a), len(b))
    if abs(len(a) - len(b)) > (1 - cutoff) * size + 1e-9:
        return False  # the similarity is at most 1 - |len(a) - len(b)| / size: below the cutoff, no need to ask
    if _negative(a) != _negative(b):
        return False
    return Indel.normalized_similarity(a, b, score_cutoff=cutoff) >= cutoff


def _typo_cutoff(length_a: int, length_b: int) -> float:
    """The similarity a typo needs: 85%, or 80% when either word has eight letters or more."""
    return 0.80 if max(length_a, length_b) >= 8 else 0.85


COMPOUND_TAIL = 3  # letters a longer word adds to a shorter one (its plural "s" aside) to be another word


def _compound_of(a: str, b: str) -> bool:
    """Whether the longer word is the shorter one (without a plural "s") plus COMPOUND_TAIL or more letters."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    base = short[:-1] if short.endswith("s") else short
    return long.startswith(base) and len(long) - len(base) >= COMPOUND_TAIL


def compile_pattern(source: str, vocabulary: Vocabulary, aliases: AliasMap) -> Pattern | None:
    """Turn one phrasing into a Pattern; None when it holds no words at all."""
    shape = _pattern_shape(source, aliases)
    if shape is None:
        return None
    words = vocabulary.ids(shape.words)
    for k, origin in shape.origins:  # "instant*" became "immediately": "instantaneous" still meets it
        vocabulary.add_prefix_alias(origin, words[k])
    return Pattern(source, words, shape.gaps, shape.names_actor, shape.after_negator)


class _Shape(NamedTuple):
    """What a phrasing compiles to before its words get a rubric's ids."""

    words: tuple[Word, ...]
    gaps: tuple[int, ...]
    names_actor: bool
    after_negator: tuple[bool, ...]
    origins: tuple[tuple[int, str], ...]  # (word number, the ``prefix*`` the lexicon rewrote into it)


@lru_cache(maxsize=1 << 15)
def _pattern_shape(source: str, aliases: AliasMap) -> _Shape | None:
    """A phrasing's words, gaps and flags, which depend on its text and the lexicon only.

    Remembered per (phrasing, lexicon) so each distinct phrasing is worked out once across
    rubrics: ``unordered`` compiles every ``a .. b`` phrasing twice, and packs copy phrasings
    (a 10x pack of renamed copies repeats nearly all of them). The word ids are the rubric's
    own and are given by ``compile_pattern``.
    """
    words: list[Word] = []
    gaps: list[int] = []
    origins: list[tuple[int, str]] = []
    for number, segment in enumerate(_PROXIMITY.split(source.strip())):
        first = bool(number)  # the first word after ``..`` may stand PROXIMITY_GAP words away
        for word, joined, origin in _segment_words(segment, aliases):
            if origin:
                origins.append((len(words), origin))
            words.append(word)
            gaps.append(PROXIMITY_GAP if first else 0 if joined else FILLER_GAP)
            first = False
    if not words:
        return None
    gaps[0] = 0
    names_actor = not ACTORS.isdisjoint([word.text for word in words])
    negators = [not word.prefix and word.text in NEGATORS for word in words]  # ``_negator`` of each word
    if any(negators[:-1]):  # "not tested" is tight; "never .. raw" lets the author's gap hold a verb
        after_negator = tuple(k > 0 and gaps[k] == FILLER_GAP and negators[k - 1] for k in range(len(words)))
    else:
        after_negator = ()
    return _Shape(tuple(words), tuple(gaps), names_actor, after_negator if any(after_negator) else (), tuple(origins))


def _negator(word: Word) -> bool:
    """Whether ``word`` is a negation ("not", "never"); the same test as ``Vocabulary.is_negator``."""
    return not word.prefix and word.text in NEGATORS


def compile_phrasing(source: str, vocabulary: Vocabulary, aliases: AliasMap) -> Phrasing | None:
    """A phrasing as a word pattern, or as a term set when it joins terms with ``&``.

    None when some part holds no words (a content mistake ``validate`` reports).
    """
    if TERM_SEPARATOR not in source:
        return compile_pattern(source, vocabulary, aliases)
    terms = [compile_pattern(part, vocabulary, aliases) for part in source.split(TERM_SEPARATOR)[:MAX_TERMS]]
    if any(term is None for term in terms):
        return None
    kept = tuple(term for term in terms if term is not None)
    return kept[0] if len(kept) == 1 else TermSet(source, kept)


def find_set(
    termset: TermSet, where: dict[int, list[int]], tokens: Sequence[Token], budget: Budget | None = None
) -> list[list[list[tuple[int, ...]]]]:
    """Per sentence holding every term: each term's matches there (empty when some term is absent)."""
    by_sentence: list[dict[int, list[tuple[int, ...]]]] = []
    for term in termset.terms:
        matches = find(term, where, tokens, budget=budget)
        if not matches:
            return []
        grouped: dict[int, list[tuple[int, ...]]] = defaultdict(list)
        for match in matches:
            grouped[tokens[match[0]].sentence].append(match)
        by_sentence.append(grouped)
    shared = set(by_sentence[0]).intersection(*by_sentence[1:])
    return [[grouped[sentence] for grouped in by_sentence] for sentence in sorted(shared)]


# Direction words: a phrasing with one of these, said with the other, states the opposite.
_ANTONYM_PAIRS = (
    ("lowest", "highest"), ("smallest", "largest"), ("lower", "higher"), ("before", "after"), ("first", "last"),
    ("pull", "push"), ("pulls", "pushes"), ("inbound", "outbound"), ("true", "false"), ("enabled", "disabled"),
    ("off", "on"), ("always", "never"), ("presync", "postsync"), ("healthy", "unhealthy"), ("immutable", "mutable"),
    ("declarative", "imperative"), ("increase", "decrease"), ("allow", "deny"), ("inside", "outside"),
    ("ascending", "descending"), ("fewer", "more"), ("less", "more"), ("read-only", "read-write"),
)  # fmt: skip
ANTONYMS = {a: b for pair in _ANTONYM_PAIRS for a, b in (pair, pair[::-1])}


def opposites(pattern: Pattern, vocabulary: Vocabulary) -> list[Pattern]:
    """The phrasing with one direction word turned round at a time ("lowest wave first" ->
    "highest wave first", "lowest wave last"); none for a one-word phrasing."""
    if len(pattern.words) < 2:
        return []
    out = []
    for k, index in enumerate(pattern.words):
        other = ANTONYMS.get(vocabulary.words[index].text)
        if other is None or _echoes(other, pattern.words[:k] + pattern.words[k + 1 :], vocabulary):
            continue  # "health* .. unhealthy" turned is "health* .. healthy": "health" says nothing opposite
        word = vocabulary.add(Word(other, stem(other), False))
        words = (*pattern.words[:k], word, *pattern.words[k + 1 :])
        out.append(Pattern(f"{pattern.source} (turned round)", words, pattern.gaps, pattern.names_actor))
    return out


def _echoes(word: str, others: Sequence[int], vocabulary: Vocabulary) -> bool:
    """Whether ``word`` would also meet another word of the pattern (a prefix or the same stem)."""
    return any(
        word.startswith(vocabulary.words[w].text)
        if vocabulary.words[w].prefix
        else stem(word) == vocabulary.words[w].stem
        for w in others
    )


@lru_cache(maxsize=1 << 15)
def _segment_words(segment: str, aliases: AliasMap) -> tuple[tuple[Word, bool, str], ...]:
    """The words of one segment, each with whether it is glued to the one before, and the
    prefix it was written as when the lexicon rewrote a ``word*`` ("instant*" -> "immediately").

    Words that one form expanded into ("git revert" from "git-revert", a lexicon class of two
    words) stay adjacent: "Git again and undo" is not "git revert".

    Remembered per (segment, lexicon): rubrics share many phrasings, and validate compiles
    every rubric (16,176 segments of 5,962 different ones in the shipped content; about a
    fifth of validate's sample checks). An AliasMap is never changed once built.
    """
    tokens = tokenize(segment)
    prefix_spans = {(t.start, t.end) for t in tokens if segment[t.end : t.end + 1] == "*"} if "*" in segment else ()
    applied = aliases.apply(tokens)
    spans: Counter[tuple[int, int]] | None = None  # a form that became two words shares one span
    out = []
    previous = -1
    for token in applied:
        is_prefix = False
        origin = ""
        if prefix_spans and (token.start, token.end) in prefix_spans:
            written = segment[token.start : token.end].lower().replace("'", "").replace("’", "")
            is_prefix = written == token.raw
            if not is_prefix:  # only a rewritten ``word*`` needs the span count
                spans = spans or Counter((t.start, t.end) for t in applied)
                one_word = spans[token.start, token.end] == 1
                origin = written if one_word and written.isalnum() else ""
        out.append((_new_word(Word, (token.raw, token.stem, is_prefix)), token.word == previous, origin))
        previous = token.word
    return tuple(out)


_new_word = tuple.__new__  # ``Word(...)`` without the named tuple's Python-level ``__new__``


MAX_MATCHES = 16  # matches kept per pattern: enough evidence to show, a bound on the work
# Steps (starts tried, candidates looked at, matches found) one answer may spend on one rubric.
# Measured on the shipped rubrics: 2,000-character answers use under 2,000, the longest answers
# allowed (20,000 characters) up to 10,000 (a budget of 5,000 changed 2 of 145 grades, 10,000 none);
# a hostile pack (960 phrasings over three words, against 2,000 words of the same) stops here.
STEP_BUDGET = 10_000


class Budget:
    """The matching work one answer may still spend; once spent, nothing more is matched."""

    __slots__ = ("left",)

    def __init__(self, steps: int = STEP_BUDGET) -> None:
        self.left = steps

    @property
    def spent(self) -> bool:
        return self.left <= 0


def find(
    pattern: Pattern,
    where: dict[int, list[int]],
    tokens: Sequence[Token],
    *,
    loose: bool = False,
    budget: Budget | None = None,
) -> list[tuple[int, ...]]:
    """Matches of ``pattern`` as token positions, at most one per start and ``MAX_MATCHES`` in all.

    Words must keep their order and stay in one unit (clause); ``loose`` lets a match cross
    commas and newlines (not full stops), which is how keyword lists get read. Whether the rest
    of a pattern can follow from a position does not depend on where the match started (every
    word shares the first one's unit), so each (word, position) pair is worked out once: the
    cost is at most words x positions x gap, whatever the pattern or the answer.
    """
    lists: list[list[int]] = []
    for word in pattern.words:
        positions = where.get(word)
        if not positions:
            return []  # most patterns stop here: one of their words is not in the answer
        lists.append(positions)
    budget = budget or Budget()
    if len(lists) == 1:
        return _each_position(lists[0], budget)
    memo: dict[tuple[int, int], tuple[int, ...] | None] = {}
    found = []
    for start in lists[0]:
        budget.left -= 1
        if budget.left <= 0:
            break
        match = _extend(pattern, lists, tokens, 1, start, loose, memo, budget)
        if match is not None:
            found.append(match)
            budget.left -= 4  # each match is checked for negation later
            if len(found) >= MAX_MATCHES:
                break
    return found


def _each_position(positions: list[int], budget: Budget) -> list[tuple[int, ...]]:
    """``find`` for a one-word pattern: every position is a match, each charged the steps ``find`` charges
    (one for the start, four for the match). Half the patterns that pass ``find``'s word test are one word
    (15,000 of 33,000 in validate); this skips an ``_extend`` call per position."""
    found: list[tuple[int, ...]] = []
    for start in positions:
        budget.left -= 1
        if budget.left <= 0:
            break
        found.append((start,))
        budget.left -= 4  # each match is checked for negation later
        if len(found) >= MAX_MATCHES:
            break
    return found


def _extend(
    pattern: Pattern,
    lists: list[list[int]],
    tokens: Sequence[Token],
    k: int,
    last: int,
    loose: bool,
    memo: dict[tuple[int, int], tuple[int, ...] | None],
    budget: Budget,
) -> tuple[int, ...] | None:
    """The positions of words k.. following a match of word k-1 at ``last`` (None if none fits)."""
    if k == len(pattern.words):
        return (last,)
    key = (k, last)
    if key in memo:
        return memo[key]
    previous = tokens[last]
    scope = previous.sentence if loose else previous.unit
    candidates = lists[k]
    gap = pattern.gaps[k]
    result: tuple[int, ...] | None = None
    for position in candidates[bisect_right(candidates, last) :]:
        budget.left -= 1
        if budget.left <= 0:
            break
        token = tokens[position]
        if token.word - previous.word - 1 > gap:
            break
        if (token.sentence if loose else token.unit) != scope:
            break
        if pattern.names_actor and gap == PROXIMITY_GAP and _crosses_actor(tokens, last, position):
            break
        if gap == FILLER_GAP and _crosses_conjunction(tokens, last, position):
            break  # a phrase's words do not straddle "and": "Git again and undo" is not "git revert"
        if gap == FILLER_GAP and not loose and token.clause != previous.clause and token.word > previous.word + 1:
            break  # nor skip words over a comma: "ImageRepository scans, ImagePolicy picks" is no "repository picks"
        if gap == FILLER_GAP and _gap_reverses(tokens, last, position):
            continue  # "stays out of sync" is not "stays synced"
        if pattern.after_negator and pattern.after_negator[k] and _verb_in_gap(tokens, last, position):
            continue  # "doesn't skip testing" is not "not tested"
        rest = _extend(pattern, lists, tokens, k + 1, position, loose, memo, budget)
        if rest is not None:
            result = (last, *rest)
            break
    memo[key] = result
    return result


# What may stand between a negation and the word it negates: "not (been) reviewed", "never (even) ran".
NEGATION_GAP_WORDS = frozenset(
    {
        "be",
        "been",
        "being",
        "ever",
        "even",
        "yet",
        "really",
        "get",
        "got",
        "any",
        "a",
        "an",
        "the",
        "actually",
        "do",
        "does",
    }
)


def _verb_in_gap(tokens: Sequence[Token], after: int, before: int) -> bool:
    return any(tokens[i].raw not in NEGATION_GAP_WORDS for i in range(after + 1, before))


PHRASE_BREAKERS = frozenset({"and", "or", "then", "so", "but", "because"})


def _crosses_conjunction(tokens: Sequence[Token], after: int, before: int) -> bool:
    return any(tokens[i].raw in PHRASE_BREAKERS for i in range(after + 1, before))


def _gap_reverses(tokens: Sequence[Token], after: int, before: int) -> bool:
    """Whether a phrase's filler gap holds "out of", which turns the next word round."""
    return any(tokens[i].raw == "out" and tokens[i + 1].raw == "of" for i in range(after + 1, before - 1))


def _crosses_actor(tokens: Sequence[Token], after: int, before: int) -> bool:
    return any(tokens[i].raw in ACTORS for i in range(after + 1, before))
