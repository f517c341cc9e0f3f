"""The grader's shortcuts give exactly what the long way gives.

validate compiles every rubric and grades every sample, so a few paths are cut short for
speed: plain text skips most of the tokenizer, and a phrasing's words and gaps are worked
out once per distinct text across rubrics. Grades must not move by one point, so each
shortcut is checked against the general path here.
"""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from gitops_tutor.curriculum.loader import load
from gitops_tutor.curriculum.models import FreeTextQuestion
from gitops_tutor.grading import patterns
from gitops_tutor.grading.aliases import AliasMap
from gitops_tutor.grading.freetext import compile_rubric
from gitops_tutor.grading.patterns import Vocabulary, compile_phrasing
from gitops_tutor.grading.text import Token, _tokenize_any, tokenize
from gitops_tutor.paths import shipped_content_dir


@cache
def shipped_phrasings() -> tuple[str, ...]:
    curriculum = load((), shipped=shipped_content_dir()).curriculum
    out: list[str] = []
    for question in curriculum.questions.values():
        if isinstance(question, FreeTextQuestion):
            for concept in question.rubric.concepts:
                out += [*concept.any, *concept.negated_by]
            for claim in question.rubric.wrong_claims:
                out += claim.any
    return tuple(out)


@pytest.mark.parametrize(
    "text",
    [
        "reconcil* loop",
        "pull-based",
        "-1",
        "x*-y z",
        "a - b",  # a spaced dash is a soft break
        "synced but degraded",  # a clause word
        "drift um later",  # a filler word is blanked
        "nobody review*",
        "0 downtime",
        "",
    ],
)
def test_plain_text_tokens_are_the_general_tokens(text: str) -> None:
    assert tokenize(text) == _tokenize_any(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="abtuhm0*- ,'.\nA", max_size=30))
def test_tokens_agree_on_any_text_near_plain(text: str) -> None:
    assert tokenize(text) == _tokenize_any(text)


def test_every_shipped_phrasing_segment_tokenizes_as_before() -> None:
    segments = {part for source in shipped_phrasings() for part in patterns._PROXIMITY.split(source.strip())}
    differing = [s for s in segments if tokenize(s) != _tokenize_any(s)]
    assert differing == []


def test_plain_tokens_are_named_tuples_like_the_others() -> None:
    token = tokenize("reconcil* loop")[0]
    assert isinstance(token, Token) and token.raw == "reconcil" and (token.start, token.end) == (0, 8)


LEXICON = AliasMap({"immediately": ["instant"], "git revert": ["git-revert"], "argo cd": ["argocd"]})


def words_of(vocabulary: Vocabulary, phrasing: patterns.Phrasing | None) -> list[tuple[str, bool]]:
    assert phrasing is not None
    return [(vocabulary.words[w].text, vocabulary.words[w].prefix) for p in patterns.flat((phrasing,)) for w in p.words]


@pytest.mark.parametrize(
    "source",
    ["instant* sync", "git-revert .. the commit", "argocd & prune* & not tested", "never .. raw secret*", "a"],
)
def test_a_phrasing_compiles_alike_into_a_second_vocabulary(source: str) -> None:
    """The shape of a phrasing is shared between rubrics; its word ids and lexicon prefixes are each rubric's own."""
    first, second = Vocabulary(), Vocabulary()
    second.add(patterns.Word("unrelated", "unrelated", False))  # ids differ: word 0 is taken
    one = compile_phrasing(source, first, LEXICON)
    two = compile_phrasing(source, second, LEXICON)
    assert words_of(first, one) == words_of(second, two)
    flat_one, flat_two = patterns.flat((one,)), patterns.flat((two,))  # type: ignore[arg-type]
    assert [(p.gaps, p.names_actor, p.after_negator) for p in flat_one] == [
        (p.gaps, p.names_actor, p.after_negator) for p in flat_two
    ]
    assert all(w >= 1 for p in flat_two for w in p.words)


def test_a_lexicon_prefix_reaches_every_rubric_that_writes_it() -> None:
    """ "instant*" rewritten to "immediately" still meets "instantaneous", in the second rubric too."""
    for _ in range(2):
        vocabulary = Vocabulary()
        pattern = compile_phrasing("instant* sync", vocabulary, LEXICON)
        assert isinstance(pattern, patterns.Pattern)
        word = tokenize("instantaneous")[0]
        assert pattern.words[0] in vocabulary.matches(word)


def test_compiling_every_shipped_rubric_twice_gives_the_same_patterns() -> None:
    """The second compile of each rubric takes every phrasing's shape from memory."""
    curriculum = load((), shipped=shipped_content_dir()).curriculum
    aliases = AliasMap(curriculum.aliases)
    questions = [q for q in curriculum.questions.values() if isinstance(q, FreeTextQuestion)]
    patterns._pattern_shape.cache_clear()

    def compiled_words(question: FreeTextQuestion) -> list[object]:
        rubric = compile_rubric(question, aliases)
        words = rubric.vocabulary.words
        phrasings = [*(p for c in rubric.concepts for p in (*c.patterns, *c.negations, *c.turned))]
        phrasings += [p for c in rubric.claims for p in c.patterns]
        return [(p.source, [words[w] for w in p.words], p.gaps, p.after_negator) for p in patterns.flat(phrasings)]

    cold = [compiled_words(q) for q in questions]
    assert patterns._pattern_shape.cache_info().hits > 0
    assert [compiled_words(q) for q in questions] == cold


def close_the_long_way(a: str, b: str) -> bool:
    cutoff = 0.80 if max(len(a), len(b)) >= 8 else 0.85
    same_polarity = patterns._negative(a) == patterns._negative(b)
    return a[0] == b[0] and same_polarity and Indel.normalized_similarity(a, b, score_cutoff=cutoff) >= cutoff


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="rectoniale", min_size=1, max_size=16), st.text(alphabet="rectoniale", min_size=0, max_size=16))
def test_typo_tolerance_skips_only_pairs_too_different_in_length(a: str, b: str) -> None:
    b = a[0] + b  # words are compared with others of the same first letter
    assert patterns._close(a, b) == close_the_long_way(a, b)


@pytest.mark.parametrize(("a", "b"), [("reconcile", "reconciling"), ("deploy", "deployment"), ("sync", "syncs")])
def test_typo_tolerance_at_the_edge_of_the_length_bound(a: str, b: str) -> None:
    assert patterns._close(a, b) == close_the_long_way(a, b)
