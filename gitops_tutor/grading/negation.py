"""Negation cues: "never store secrets in Git" must not count as "store secrets in Git".

NegEx-style: a cue shortly before a hit in the same clause negates it, so does a
hard cue inside the gap of a proximity match ("Flux has no rich UI"), and so does an
evaluative phrase right after it ("plain Secrets in Git are a bad idea"). Clause
breaks (commas, full stops, "but", "while") end a cue's scope.
"""

from __future__ import annotations

from collections.abc import Sequence

from gitops_tutor.grading.text import Token

WINDOW_BEFORE = 5
WINDOW_AFTER = 4

HARD_CUES = frozenset(
    {
        "not", "no", "never", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent",
        "cannot", "cant", "wont", "wouldnt", "shouldnt", "mustnt", "neednt", "hasnt", "havent",
        "without", "avoid", "avoids", "avoided", "avoiding", "neither", "nor", "nothing", "none",
        "nobody", "stop", "stopped", "lacks", "lack", "nowhere",
    }
)  # fmt: skip
# "X instead of Y": Y is negated, X is not; so these only look forward.
CONTRASTIVE_CUES: tuple[tuple[str, ...], ...] = (
    ("instead", "of"),
    ("rather", "than"),
    ("in", "place", "of"),
    ("as", "opposed", "to"),
)
PSEUDO_NEGATIONS: tuple[tuple[str, ...], ...] = (
    ("not", "only"),
    ("not", "just"),
    ("no", "matter"),
    ("no", "doubt"),
    ("dont", "forget"),
    ("never", "forget"),
    ("not", "least"),
    ("no", "problem"),
    ("or", "not"),
    ("without", "doubt"),
    ("without", "a", "doubt"),
    ("no", "wonder"),
)
POST_CUES: tuple[tuple[str, ...], ...] = (
    ("bad", "idea"),
    ("anti", "pattern"),
    ("antipattern",),
    ("a", "mistake"),
    ("is", "wrong"),
    ("are", "wrong"),
    ("not", "recommended"),
    ("discouraged",),
    ("be", "avoided"),
    ("insecure",),
    ("unsafe",),
    ("not", "safe"),
    ("not", "allowed"),
    ("forbidden",),
    ("not", "gitops"),
    ("not", "the", "gitops"),
    ("is", "bad"),
    ("are", "bad"),
    ("doesnt", "matter"),
    ("does", "not", "matter"),
    ("not", "important"),
    ("irrelevant",),
    ("pointless",),
    ("unnecessary",),
    ("not", "needed"),
    ("isnt", "needed"),
    ("doesnt", "help"),
    ("does", "not", "help"),
    ("wont", "help"),
    ("doesnt", "work"),
    ("does", "not", "work"),
    ("wont", "work"),
)

HARD, CONTRASTIVE = 1, 2
_PHRASE_STARTS = frozenset(phrase[0] for phrase in (*PSEUDO_NEGATIONS, *CONTRASTIVE_CUES, *POST_CUES))
# Words that do not use up the window: "don't need Sealed Secrets or SOPS or any external store".
FREE_WORDS = frozenset({"or", "nor", "and", "any", "either", "a", "an", "the"})


class Cues:
    """Per-token cue marks for one answer, computed once and shared by every rubric pattern."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        n = len(tokens)
        raws = [t.raw for t in tokens]
        index: dict[str, list[int]] = {}
        for i in [i for i, raw in enumerate(raws) if raw in _PHRASE_STARTS]:
            index.setdefault(raws[i], []).append(i)
        self.before = [HARD if raw in HARD_CUES else 0 for raw in raws]
        for phrase in PSEUDO_NEGATIONS:  # "not only", "whether or not": cue words that negate nothing
            for i in _phrase_starts(index, raws, phrase):
                for j in range(i, i + len(phrase)):
                    self.before[j] = 0
        for phrase in CONTRASTIVE_CUES:
            for i in _phrase_starts(index, raws, phrase):
                for j in range(i, i + len(phrase)):
                    self.before[j] = CONTRASTIVE
        self.after = [False] * n
        for phrase in POST_CUES:
            for i in _phrase_starts(index, raws, phrase):
                self.after[i] = True

    def negates(self, positions: Sequence[int]) -> bool:
        """Whether the match at ``positions`` (sorted token indexes) is negated."""
        first, last = positions[0], positions[-1]
        clause = self.tokens[first].clause
        matched = set(positions)
        for i in range(first + 1, last):
            if i not in matched and self.before[i] == HARD:
                return True
        budget = WINDOW_BEFORE
        for i in range(first - 1, -1, -1):
            if self.tokens[i].clause != clause or budget == 0:
                break
            if self.before[i]:
                return True
            if self.tokens[i].raw not in FREE_WORDS:
                budget -= 1
        for i in range(last + 1, min(len(self.tokens), last + 1 + WINDOW_AFTER)):
            if self.tokens[i].clause != clause:
                break
            if self.after[i]:
                return True
        return False


def _phrase_starts(index: dict[str, list[int]], raws: Sequence[str], phrase: tuple[str, ...]) -> list[int]:
    size = len(phrase)
    return [i for i in index.get(phrase[0], ()) if tuple(raws[i : i + size]) == phrase]
