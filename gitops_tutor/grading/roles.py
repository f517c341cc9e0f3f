"""Who does what: a concept said about the other party of a comparison is a swap, not a hit.

Rubrics that contrast two things ("sync status" and "health status", Argo CD and Flux, a
feature flag and a canary) label each concept with its subject first: "Sync status compares
Git with the live state", "Health status says whether the resources work". An answer that
says "Health status compares Git with the live state" keeps every key word of the first
concept and gives it to the wrong party; a fair interviewer calls that swapped. The subject
of a concept is the first word of its label when the prompt names it too; a rubric with fewer
than two such subjects contrasts nothing and is left alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from gitops_tutor.grading.aliases import AliasMap
from gitops_tutor.grading.text import Token, tokenize

# Words that may come before a clause's subject: "A canary ...", "With a FluxInstance ...".
# A clause that opens with a preposition ("In Flux you sign ...") names a context, not its subject.
LEAD_WORDS = frozenset(
    {"a", "an", "the", "its", "it", "and", "each", "every", "your", "our", "this", "that", "then", "so", "also",
     "only", "meanwhile", "whereas", "while", "but", "although", "though", "git", "app", "application"}
)  # fmt: skip
# First label words that are no party of a comparison: verbs, adjectives and places
# ("Deleting the CRD ...", "Environments can be compared ...", "Custom resources ...").
NOT_PARTIES = frozenset(
    {"environ", "custom", "delet", "use", "run", "keep", "set", "add", "make", "put", "cost", "chang", "both",
     "no", "not", "without", "never", "all", "one", "two", "same", "new", "old", "first", "second", "answer"}
)  # fmt: skip
MAX_SUBJECT_GAP = 16  # words between a clause's subject and what it says about it
CARRY_UNITS = 2  # clauses back a subject-less clause may take its subject from
CONTINUATIONS = frozenset({"so", "and", "which", "then", "thus", "hence"})  # ", so there is no release"
SUBJECT_WORDS = 2  # "a feature flag controls ...": the subject may be the second word of a compound
CONTEXT_WORDS = frozenset(
    {"in", "on", "with", "for", "by", "at", "from", "to", "under", "after", "before", "during", "when", "if", "unlike",
     "like", "than", "via", "through", "without"}
)  # fmt: skip


def concept_subjects(labels: Sequence[str], prompt: str, aliases: AliasMap) -> list[str | None]:
    """Per concept label, the stem of its subject, or None; all None when nothing is contrasted."""
    prompt_stems = {t.stem for t in aliases.apply(tokenize(prompt))}
    subjects = [_first_content_stem(aliases.apply(tokenize(label)), prompt_stems) for label in labels]
    if len({s for s in subjects if s}) < 2:
        return [None] * len(labels)
    return subjects


def _first_content_stem(tokens: Sequence[Token], allowed: set[str]) -> str | None:
    for token in tokens:
        if token.raw not in LEAD_WORDS:
            return token.stem if token.stem in allowed and token.stem not in NOT_PARTIES else None
    return None


def swapped(tokens: Sequence[Token], match: tuple[int, ...], own: str, subjects: frozenset[str]) -> bool:
    """Whether the clause holding ``match`` is about another subject and never names ``own``.

    A clause that opens without a subject ("..., so there is no release history") continues the
    one before it in the same sentence, up to CARRY_UNITS clauses back.
    """
    first = match[0]
    end = max(match)
    sentence = tokens[first].sentence
    position = first
    for _ in range(CARRY_UNITS + 1):
        start = _unit_start(tokens, position)
        if any(tokens[k].stem == own for k in range(start, end + 1)):
            return False
        content = [t for t in tokens[start:first] if t.raw not in LEAD_WORDS][:SUBJECT_WORDS]
        if content and content[0].raw in CONTEXT_WORDS:
            return False
        rival = [t for t in content if t.stem in subjects]
        if rival:
            return rival[0].stem != own and tokens[first].word - rival[0].word <= MAX_SUBJECT_GAP
        if start == 0 or tokens[start - 1].sentence != sentence or tokens[start].raw not in CONTINUATIONS:
            return False
        position = start - 1
    return False


def _unit_start(tokens: Sequence[Token], position: int) -> int:
    unit = tokens[position].unit
    while position > 0 and tokens[position - 1].unit == unit:
        position -= 1
    return position
