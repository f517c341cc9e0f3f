"""The content's alias map, applied to answers and rubrics alike.

``k8s`` in an answer and ``kubernetes`` in a rubric must meet, so both sides are
rewritten to the canonical form before matching. Matching is longest-first and
consumes its words, and every canonical term also maps to itself: that is what keeps
``cd -> continuous delivery`` from firing inside "argo cd" (the two words are taken
as the canonical "argo cd" first).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import itemgetter

from gitops_tutor.grading.text import Token, stem, tokenize


class AliasMap:
    """Forms (as word tuples) -> canonical words, ready to rewrite token lists."""

    def __init__(self, aliases: Mapping[str, Sequence[str]] | None = None) -> None:
        self._table: dict[tuple[str, ...], tuple[str, ...]] = {}
        for canonical, forms in (aliases or {}).items():
            target = _words(canonical)
            if not target:
                continue
            self._table.setdefault(target, target)
            for form in forms:
                key = _words(form)
                if key and key not in self._table:
                    self._table[key] = target
        lengths: dict[str, set[int]] = {}
        for key in self._table:
            lengths.setdefault(key[0], set()).add(len(key))
        self._lengths = {word: sorted(sizes, reverse=True) for word, sizes in lengths.items()}
        self._first_words = frozenset(self._lengths)

    def __bool__(self) -> bool:
        return bool(self._table)

    def apply(self, tokens: Sequence[Token]) -> list[Token]:
        """Rewrite every form to its canonical words; new words keep the form's original span."""
        first_words = self._first_words
        starts = [i for i, raw in enumerate(map(itemgetter(0), tokens)) if raw in first_words]
        if not starts:
            return list(tokens)
        out: list[Token] = []
        i, n = 0, len(tokens)
        for start in starts:
            if start < i:
                continue  # inside a form already taken
            out.extend(tokens[i:start])
            i = start
            taken = self._match_at(tokens, i)
            if taken is None:
                out.append(tokens[i])
                i += 1
                continue
            length, target = taken
            first, last = tokens[i], tokens[i + length - 1]
            window = tokens[i : i + length]
            if target == tuple(t.raw for t in window):
                out.extend(window)  # already canonical: keep each word's own span
            else:
                out.extend(
                    Token(word, stem(word), first.start, last.end, first.clause, first.sentence, first.word, first.unit)
                    for word in target
                )
            i += length
        out.extend(tokens[i:n])
        return out

    def _match_at(self, tokens: Sequence[Token], i: int) -> tuple[int, tuple[str, ...]] | None:
        clause = tokens[i].clause
        for length in self._lengths[tokens[i].raw]:
            window = tokens[i : i + length]
            if len(window) < length or window[-1].clause != clause:
                continue
            target = self._table.get(tuple(t.raw for t in window))
            if target is not None:
                return length, target
        return None


def _words(text: str) -> tuple[str, ...]:
    return tuple(t.raw for t in tokenize(text))
