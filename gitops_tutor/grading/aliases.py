"""The content's alias map and lexicon, applied to answers and rubrics alike.

``k8s`` in an answer and ``kubernetes`` in a rubric must meet, so both sides are
rewritten to the canonical form before matching. Matching is longest-first and
consumes its words, and every canonical term also maps to itself: that is what keeps
``cd -> continuous delivery`` from firing inside "argo cd" (the two words are taken
as the canonical "argo cd" first).

Forms are compared by stem, so one entry covers every word form: the lexicon class
``revert: [undo, roll back]`` turns "undoing", "rolled back" and "reverts" into one
meaning, and a rubric that says "revert" once meets all of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import compress
from operator import itemgetter

from gitops_tutor.grading.text import Token, stem, tokenize

# A two-word form "verb particle" ("put back", "turn off", "back out") is split round its object in
# speech ("put it back", "turn them off"): with one of these pronouns between, it is the same form.
PARTICLES = frozenset(map(stem, ("back", "out", "off", "on", "up", "down", "over", "in")))
OBJECT_PRONOUNS = frozenset(map(stem, ("it", "them", "that", "this", "everything", "those", "things", "stuff")))


class AliasMap:
    """Forms (as word tuples) -> canonical words, ready to rewrite token lists."""

    def __init__(self, aliases: Mapping[str, Sequence[str]] | None = None) -> None:
        self._table: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.classes: dict[str, tuple[str, ...]] = {}  # canonical -> its forms, for explanations
        for canonical, forms in (aliases or {}).items():
            target = _words(canonical)
            if not target:
                continue
            self.classes[" ".join(target)] = tuple(forms)
            self._table.setdefault(_stems(target), target)
            for form in forms:
                key = _stems(_words(form))
                if key and key not in self._table:
                    self._table[key] = target
        for key, target in list(self._table.items()):  # "put back" also as "put it back", "put them back"
            if len(key) == 2 and key[1] in PARTICLES:
                for pronoun in OBJECT_PRONOUNS:
                    self._table.setdefault((key[0], pronoun, key[1]), target)
        lengths: dict[str, set[int]] = {}
        for key in self._table:
            lengths.setdefault(key[0], set()).add(len(key))
        self._lengths = {word: sorted(sizes, reverse=True) for word, sizes in lengths.items()}
        self._first_words = frozenset(self._lengths)
        # The first two words of every form of two words or more: "the" starts forms, and most words
        # after "the" start none, so one set lookup settles most places (``_match_at``).
        self._pairs = frozenset(key[:2] for key in self._table if len(key) > 1)

    def __bool__(self) -> bool:
        return bool(self._table)

    def apply(self, tokens: Sequence[Token]) -> list[Token]:
        """Rewrite every form to its canonical words; new words keep the form's original span.

        Answers are long and alias hits few, so the token list is copied in slices and only
        the words that start some form are looked at (on the raw words, a plain list).
        """
        raws = list(map(itemgetter(1), tokens))  # stems: one form covers every word form
        first_words = self._first_words
        starts = list(compress(range(len(raws)), map(first_words.__contains__, raws)))
        if not starts:
            return list(tokens)
        out: list[Token] = []
        i, n = 0, len(tokens)
        for start in starts:
            if start < i:
                continue  # inside a form already taken
            out.extend(tokens[i:start])
            i = start
            taken = self._match_at(tokens, raws, i)
            if taken is None:
                out.append(tokens[i])
                i += 1
                continue
            length, target = taken
            if target == tuple(t.raw for t in tokens[i : i + length]):
                out.extend(tokens[i : i + length])  # already canonical: keep each word's own span
            else:
                first, last = tokens[i], tokens[i + length - 1]
                out.extend(
                    Token(word, stem(word), first.start, last.end, first.clause, first.sentence, first.word, first.unit)
                    for word in target
                )
            i += length
        out.extend(tokens[i:n])
        return out

    def _match_at(self, tokens: Sequence[Token], raws: list[str], i: int) -> tuple[int, tuple[str, ...]] | None:
        lengths = self._lengths[raws[i]]
        if i + 1 >= len(raws) or (raws[i], raws[i + 1]) not in self._pairs:  # no longer form starts here
            target = self._table.get((raws[i],)) if lengths[-1] == 1 else None
            return None if target is None else (1, target)
        clause = tokens[i].clause
        for length in lengths:
            if i + length > len(raws) or (length > 1 and tokens[i + length - 1].clause != clause):
                continue
            target = self._table.get(tuple(raws[i : i + length]))
            if target is not None:
                return length, target
        return None

    def class_of(self, word: str) -> str | None:
        """The canonical term a single word belongs to ("undoing" -> "revert"), if any."""
        target = self._table.get((stem(word),))
        return " ".join(target) if target is not None else None


def _words(text: str) -> tuple[str, ...]:
    return tuple(t.raw for t in tokenize(text))


def _stems(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(map(stem, words))
