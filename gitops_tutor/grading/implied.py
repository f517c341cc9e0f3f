"""A concept said in other words: evidence from the concept's own vocabulary, met in one sentence.

A rubric's phrasings are the ways its author could think of; a learner who explains the idea
plainly ("the agent keeps checking the repo and puts back what someone changed by hand") meets
few of them in order. Yet the words each concept's phrasings use, taken together, are the
concept's vocabulary, and a sentence that holds several of its distinctive words, with no
negation and no wrong claim in it, most likely states the idea. This module finds such a
sentence for a concept no phrasing met.

Distinctive means: not an ordinary word, not a word of the question's prompt (every answer
repeats those), not one of the few words nearly every question of this field uses
(``FIELD_WORDS``), and not a word another concept of the same rubric also uses (it would
tell the two apart from nothing).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from gitops_tutor.grading.aliases import AliasMap
from gitops_tutor.grading.lexicon import ORDINARY_STEMS
from gitops_tutor.grading.negation import HARD_CUES
from gitops_tutor.grading.shape import word_set
from gitops_tutor.grading.text import Token, tokenize

# Stems found in more than a fifth of the shipped free-text questions (prompt and model answer):
# the topic of the whole field, evidence of no one idea.
FIELD_WORDS = word_set(
    "git controll argo clust commit sync apply deploy flux app applic reconcil gitop manifest own kustomiz "
    "revert liv vers credential"
)
# Words of every topic, in this field's writing: a rubric uses them around an idea, not for it.
PLAIN_STEMS = word_set(
    "object resourc field valu nam fix real too anoth custom definit say mean happen usual add creat through "
    "per hold instead onc itself everyth anyth noth exampl step point goe includ explain read writ ask exist "
    "few second lat someon actual exact whos describ two rath open between und direct peopl small plac provid "
    "thing stuff someth part kind whole right wrong lik simpl easy hard"
)
MIN_WORDS = 2  # distinctive words of one concept that must meet in one sentence
MIN_LETTERS = 3
SHARED_MAX = 1
_SYNTAX = str.maketrans({"*": " ", "&": " ", ".": " "})


def concept_vocabularies(
    phrasings: Sequence[Sequence[str]], prompt_stems: frozenset[str], aliases: AliasMap
) -> tuple[frozenset[str], ...]:
    """Per concept (its phrasings and its label), the stems that are its own."""
    own = []
    for sources in phrasings:
        words = {
            token.stem
            for source in sources
            for token in aliases.apply(tokenize(source.translate(_SYNTAX)))
            if len(token.raw) >= MIN_LETTERS and token.stem not in ORDINARY_STEMS
        }
        own.append(words - prompt_stems - FIELD_WORDS - PLAIN_STEMS)
    counts = Counter(word for words in own for word in words)
    return tuple(frozenset(w for w in words if counts[w] <= SHARED_MAX) for words in own)


def barred_sentences(tokens: Sequence[Token]) -> set[int]:
    """Sentences that deny something: a plain-words reading cannot tell what they deny."""
    return {t.sentence for t in tokens if t.raw in HARD_CUES}


def rival_sentences(
    tokens: Sequence[Token], own: str | None, parties: frozenset[str], examples: Mapping[str, str]
) -> set[int]:
    """Sentences that name another party of the comparison and never the concept's own (its subject):
    their words say something about that other party, so they cannot state this concept in plain words.
    "Staging gets a rebuilt image and prod a third build" holds words of "dev updates with every build"
    but speaks of staging and prod (wave 9's swapped promotion answer passed on it)."""
    if own is None:
        return set()
    named: dict[int, set[str]] = defaultdict(set)
    for token in tokens:
        party = examples.get(token.stem, token.stem)
        if party in parties:
            named[token.sentence].add(party)
    return {sentence for sentence, found in named.items() if own not in found}


def implied_evidence(vocabulary: frozenset[str], tokens: Sequence[Token], barred: set[int]) -> tuple[int, ...]:
    """Token indices of ``vocabulary``'s words in the first sentence holding MIN_WORDS of them, or ()."""
    if len(vocabulary) < MIN_WORDS:
        return ()
    found: dict[int, list[int]] = defaultdict(list)
    for k, token in enumerate(tokens):
        if token.stem in vocabulary and token.sentence not in barred:
            found[token.sentence].append(k)
    for at in found.values():  # sentences in order of their first such word
        if len({tokens[k].stem for k in at}) >= MIN_WORDS:
            return tuple(at)
    return ()
