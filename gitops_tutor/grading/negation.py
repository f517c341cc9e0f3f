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

# Cues that only say "not": in a rubric phrasing ("nobody review*", "lookup doesnt help") any of
# them stands for any other, so "never reviewed" meets "nobody review*".
NEGATORS = frozenset(
    {
        "not", "no", "never", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cannot", "cant",
        "wont", "wouldnt", "hasnt", "havent", "without", "nobody", "none", "nothing",
    }
)  # fmt: skip
# "and"/"so"/"or"/"then" followed by a subject or a finite verb start a new clause, which ends a
# cue's scope: "no credentials and drift is corrected" says nothing against drift, while in
# "no credentials and keys" the noun list stays negated.
CLAUSE_CONJUNCTIONS = frozenset({"and", "so", "or", "then"})
SUBJECT_PRONOUNS = frozenset({"it", "they", "we", "you", "i", "he", "she", "there", "everything", "everyone"})
FINITE_VERBS = frozenset(
    {
        "is", "are", "was", "were", "am", "has", "have", "had", "can", "could", "will", "would", "shall", "should",
        "may", "might", "must", "does", "do", "did", "gets", "get", "got", "stays", "remains", "becomes", "keeps",
        "isnt", "arent", "doesnt", "dont", "cant", "cannot", "wont", "wasnt",
    }
)  # fmt: skip
VERB_REACH = 4  # words after the conjunction in which a finite verb marks a new clause
# Compounds where a hyphenated cue still negates: "no-one reviewed it".
NEGATIVE_COMPOUNDS = frozenset({("no", "one")})

HARD, CONTRASTIVE = 1, 2
_PHRASE_STARTS = frozenset(phrase[0] for phrase in (*PSEUDO_NEGATIONS, *CONTRASTIVE_CUES, *POST_CUES))
# Words that do not use up the window: "don't need Sealed Secrets or SOPS or any external store".
FREE_WORDS = frozenset({"or", "nor", "and", "any", "either", "a", "an", "the"})


class Cues:
    """Per-token cue marks for one answer, computed once and shared by every rubric pattern."""

    def __init__(self, tokens: Sequence[Token], text: str = "") -> None:
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
        if text:
            _drop_hyphenated_cues(self.before, tokens, text)
        self.stops = _new_clause_starts(raws, tokens)
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
            if self.tokens[i].clause != clause or budget == 0 or i in self.stops:
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


def _new_clause_starts(raws: Sequence[str], tokens: Sequence[Token]) -> frozenset[int]:
    """Positions of conjunctions that open a clause of their own (subject pronoun or finite verb follows)."""
    stops = set()
    for i, raw in enumerate(raws):
        if raw not in CLAUSE_CONJUNCTIONS or i + 1 >= len(raws):
            continue
        clause = tokens[i].clause
        following = [j for j in range(i + 1, min(len(raws), i + 1 + VERB_REACH)) if tokens[j].clause == clause]
        if not following:
            continue
        if raws[following[0]] in SUBJECT_PRONOUNS or any(raws[j] in FINITE_VERBS for j in following):
            stops.add(i)
    return frozenset(stops)


def _drop_hyphenated_cues(before: list[int], tokens: Sequence[Token], text: str) -> None:
    """A cue glued to a word by a hyphen names something ("--no-remote-bases", "no-op"): not a negation."""
    n = len(tokens)
    for i, mark in enumerate(before):
        if mark != HARD:
            continue
        token = tokens[i]
        joined_next = i + 1 < n and text[token.end : tokens[i + 1].start] == "-"
        joined_previous = i > 0 and text[tokens[i - 1].end : token.start] == "-"
        if joined_next and (token.raw, tokens[i + 1].raw) in NEGATIVE_COMPOUNDS:
            continue
        if joined_next or joined_previous or text[max(0, token.start - 2) : token.start] == "--":
            before[i] = 0
