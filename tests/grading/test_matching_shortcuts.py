"""Shortcuts in matching words must answer exactly as the plain checks they skip.

``AliasMap._match_at`` settles most places by the first two words of the forms; the vocabulary
tests word lengths before asking ``_close`` or ``_close_prefix``. Each is compared here with the
plain way on many words, the shipped lexicon's among them.
"""

from __future__ import annotations

import random

from gitops_tutor import paths
from gitops_tutor.curriculum.loader import load
from gitops_tutor.grading.aliases import AliasMap
from gitops_tutor.grading.negation import NEGATORS
from gitops_tutor.grading.patterns import FUZZY_MIN_LEN, Vocabulary, Word, _close, _close_prefix
from gitops_tutor.grading.text import stem, tokenize


class _Everything:
    """A set that holds every pair: ``_match_at`` then tries every length, as it did before the shortcut."""

    def __contains__(self, item: object) -> bool:
        return True


def test_forms_are_found_as_when_every_length_is_tried() -> None:
    aliases = AliasMap(load((), shipped=paths.shipped_content_dir()).curriculum.aliases)
    plain = AliasMap(load((), shipped=paths.shipped_content_dir()).curriculum.aliases)
    plain._pairs = _Everything()  # type: ignore[assignment]
    words = sorted({word for form in aliases.classes.values() for text in form for word in text.split()})
    words += ["the", "it", "back", "them", "not", "and", "argo", "cd", "git", "a", "rolled"]
    rng = random.Random(15)
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 30))) for _ in range(3000)]
    texts += [", ".join(rng.choice(words) for _ in range(8)) for _ in range(300)]  # clause breaks inside forms
    assert sum(aliases.apply(tokenize(t)) != tokenize(t) for t in texts) > 1000  # forms do occur
    for text in texts:
        tokens = tokenize(text)
        assert aliases.apply(tokens) == plain.apply(tokens), text


def _plain_matches(vocabulary: Vocabulary, raw: str) -> set[int]:
    """``Vocabulary._compute_matches`` for a word whose stem no rubric word has, as it read before the length
    tests: the same word, a negation for a negation, a prefix (or its typo), a close word."""
    found = set()
    for index, word in enumerate(vocabulary.words):
        if not word.prefix and (raw == word.text or (raw in NEGATORS and word.text in NEGATORS)):
            found.add(index)
        if word.prefix:
            if raw.startswith(word.text) or _close_prefix(raw, word.text):
                found.add(index)
        elif _fuzzy_candidate(raw, word.text) and _close(raw, word.text):
            found.add(index)
    return found


def _fuzzy_candidate(raw: str, text: str) -> bool:
    return min(len(raw), len(text)) >= FUZZY_MIN_LEN and not text.isdigit() and raw[0] == text[0]


def test_close_words_are_found_as_when_every_word_is_asked() -> None:
    rng = random.Random(16)
    letters = "aeiorstcnl"
    base = ["reconcile", "reconcil", "deployment", "rollback", "selfheal", "shouldnt", "should", "promote", "prune"]
    made = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 12))) for _ in range(300)]
    vocabulary = Vocabulary()
    for text in base + made:
        vocabulary.add(Word(text, stem(text), False))
        vocabulary.add(Word(text[: max(3, len(text) - 2)], text[: max(3, len(text) - 2)], True))
    typos = [w[:k] + rng.choice(letters) + w[k + 1 :] for w in base + made for k in range(0, len(w), 3)]
    for raw in base + made + typos + ["reconsiling", "deploymnet", "shouldn", "a", "abc"]:
        computed = vocabulary._compute_matches(raw, "\0")  # a stem no word has: fuzzy and prefix matches only
        assert computed == _plain_matches(vocabulary, raw), raw
