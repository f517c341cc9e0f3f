"""A Grader compiles each misconception once for all its rubrics (``myths.SharedForms``), and grades stay
what compiling it again into each rubric gave.

Word ids then come from one table per Grader, but each rubric still matches an answer against its own
words only: a word another rubric brought to the table meets nothing here.
"""

from __future__ import annotations

import dataclasses
import random

import pytest

from gitops_tutor.curriculum.models import Concept, Curriculum, FreeTextQuestion, Misconception, Scope
from gitops_tutor.grading import Grader, myths
from gitops_tutor.grading.aliases import AliasMap
from gitops_tutor.grading.freetext import compile_rubric, grade_free_text
from gitops_tutor.grading.myths import Needs, SharedForms, may_match, words_needed
from gitops_tutor.grading.patterns import (
    MAX_MATCHES,
    Budget,
    Pattern,
    Vocabulary,
    Word,
    WordTable,
    _close,
    compile_phrasing,
    find,
)
from gitops_tutor.grading.text import tokenize
from tests.grading.conftest import free_text
from tests.grading.test_shared_work import ANSWER, QUESTION, SELFHEAL

LEXICON = AliasMap({"immediately": ["instant"]})


def test_each_shipped_answer_grades_alike_with_misconceptions_compiled_once(
    shipped: Curriculum, shipped_grader: Grader
) -> None:
    """Samples and model answers of every shipped rubric, by the shared Grader and by rubrics compiled
    alone (misconceptions compiled again into each, word ids of their own)."""
    questions = [q for q in shipped.questions.values() if isinstance(q, FreeTextQuestion)]
    aliases = shipped_grader.aliases
    checked = 0
    for question in questions:
        alone = compile_rubric(question, aliases, shipped_grader.misconceptions_for(question))
        for answer in (*(s.answer for s in question.samples), question.model_answer):
            assert shipped_grader.grade(question, answer) == grade_free_text(alone, answer, aliases), question.id
            checked += 1
    assert checked > 1000


def test_a_misconception_is_compiled_once_for_every_rubric_in_its_scope() -> None:
    other = dataclasses.replace(QUESTION, id="q2", content_hash="other")
    grader = Grader({}, (SELFHEAL,))
    first, second = grader.compiled(QUESTION), grader.compiled(other)
    assert first.claims[-1].patterns is second.claims[-1].patterns  # one compiled form, both rubrics
    assert first.vocabulary.words is second.vocabulary.words  # one word table
    assert grader.grade(other, ANSWER).wrong_claims[0].id == SELFHEAL.id


def test_a_rubric_matches_only_its_own_words_on_a_shared_table() -> None:
    table = WordTable()
    rubric, other = Vocabulary(table), Vocabulary(table)
    compile_phrasing("reconcil* loop", other, LEXICON)
    selfheal = compile_phrasing("selfheal", rubric, LEXICON)
    assert selfheal is not None and len(table.words) == 3
    assert [w.text for w in rubric.own_words()] == ["selfheal"]
    where = rubric.positions(tokenize("the reconciliation loop and selfHeal"))
    assert set(where) == set(selfheal.words)  # "reconcil*" and "loop" are another rubric's words
    assert other.positions(tokenize("reconciling in a loop")).keys() == {0, 1}


def test_a_misconceptions_lexicon_prefix_reaches_the_rubric_that_includes_it() -> None:
    """ "instant*" rewritten to "immediately" also meets "instantaneous": as when compiled in the rubric."""
    table = WordTable()
    form, rubric = Vocabulary(table, matching=False), Vocabulary(table)
    pattern = compile_phrasing("instant* sync", form, LEXICON)
    assert pattern is not None
    word = tokenize("instantaneous")[0]
    assert not form.matches(word) and not form.matches(tokenize("sync")[0])  # a form only lists its words
    assert pattern.words[0] not in rubric.matches(word)
    fresh = Vocabulary(table)
    fresh.include(form)
    assert pattern.words[0] in fresh.matches(word)
    assert [w.text for w in fresh.own_words()] == [w.text for w in form.own_words()]
    with pytest.raises(ValueError):
        Vocabulary().include(form)


def test_a_grader_starts_a_new_word_table_when_its_table_is_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bounded memory for huge packs: compiled rubrics keep the table they were built on and grade alike."""
    monkeypatch.setattr(myths, "MAX_SHARED_WORDS", 3)
    grader = Grader({}, (SELFHEAL,))
    before = grader.grade(QUESTION, ANSWER)
    first_table = grader.shared.table
    other = dataclasses.replace(QUESTION, id="q2", content_hash="other")
    assert grader.grade(other, ANSWER) == dataclasses.replace(before, question_id="q2")
    assert grader.shared.table is not first_table
    assert grader.grade(QUESTION, ANSWER) == before


def test_forms_of_another_lexicon_are_not_reused() -> None:
    """A SharedForms belongs to one lexicon: compiling with another one compiles afresh."""
    plain = AliasMap({})
    shared = SharedForms(plain)
    one = compile_rubric(QUESTION, plain, (SELFHEAL,), shared)
    two = compile_rubric(QUESTION, LEXICON, (SELFHEAL,), shared)
    assert list(shared.forms) == [SELFHEAL.any]
    assert one.vocabulary.words is shared.table.words and two.vocabulary.words is not shared.table.words


def test_a_misconception_in_many_rubrics_reports_its_empty_phrasings_in_each() -> None:
    broken = dataclasses.replace(SELFHEAL, id="broken", any=("...", "selfheal .. on by default"))
    grader = Grader({}, (broken, dataclasses.replace(broken, id="copy")))
    for question_id in ("q1", "q2"):
        question = dataclasses.replace(QUESTION, id=question_id, content_hash=question_id)
        assert grader.compiled(question).empty_phrasings == ("...", "...")


def test_may_match_says_no_only_when_no_phrasing_can_match() -> None:
    """The one-word test in C agrees with asking every phrasing, on random phrasings and answers."""
    rng = random.Random(8)
    for _ in range(3000):
        phrasings = [frozenset(rng.sample(range(30), rng.randint(1, 4))) for _ in range(rng.randint(1, 6))]
        needs = Needs(phrasings)
        needs.one_each = frozenset(max(words) for words in phrasings)
        where = {w: [0] for w in rng.sample(range(30), rng.randint(0, 20))}
        plain = any(words <= where.keys() for words in phrasings)
        assert may_match(needs, where) == plain
        assert may_match(tuple(phrasings), where) == plain  # needs built without the hint


def test_words_needed_holds_every_word_of_each_phrasing() -> None:
    vocabulary = Vocabulary()
    phrasings = [compile_phrasing(s, vocabulary, LEXICON) for s in ("selfheal .. on", "git & revert & commit")]
    needs = words_needed([p for p in phrasings if p is not None])
    assert [sorted(vocabulary.words[w].text for w in words) for words in needs] == [
        ["on", "selfheal"],
        ["commit", "git", "revert"],
    ]
    assert needs.one_each <= needs[0] | needs[1] and len(needs.one_each) == 2


def test_examples_proved_first_share_their_forms_with_the_rubrics(shipped: Curriculum) -> None:
    """validate proves the misconceptions' examples first, in the Grader's forms: rubrics then reuse them."""
    from gitops_tutor.grading.myth_checks import check_examples

    grader = Grader(shipped.aliases, shipped.misconceptions)
    assert not list(check_examples(shipped, grader.aliases, grader.shared))
    compiled_forms = len(grader.shared.forms)
    assert compiled_forms == len({m.any for m in shipped.misconceptions})
    for question in shipped.questions.values():
        if isinstance(question, FreeTextQuestion):
            grader.compiled(question)
    assert len(grader.shared.forms) == compiled_forms


def test_two_rubrics_over_one_table_grade_as_each_alone() -> None:
    """Words one rubric brought to the table (a close typo of the other's, "reconcilation") change
    nothing in the other's grades."""
    myth = Misconception(
        id="m",
        claim="Claims sync is manual",
        truth="It can be automated",
        url="https://example.org",
        applies_to=Scope(tags=("t",)),
        any=("sync .. always manual",),
        examples=(),
        not_examples=(),
    )
    one = dataclasses.replace(free_text(Concept("a", "reconcile", ("reconciliation",))), id="one", tags=("t",))
    two = dataclasses.replace(free_text(Concept("b", "loop", ("reconcilation loop",))), id="two", tags=("t",))
    grader = Grader({}, (myth,))
    for answer in ("A reconcilation loop, and sync is always manual.", "Reconciliation, sync is always manual"):
        for question in (one, two):
            alone = compile_rubric(question, AliasMap({}), (myth,))
            assert grader.grade(question, answer) == grade_free_text(alone, answer, AliasMap({}))


def test_word_ids_of_a_table_of_its_own_count_from_zero() -> None:
    vocabulary = Vocabulary()
    assert [vocabulary.add(Word(t, t, False)) for t in ("b", "a", "b", "c")] == [0, 1, 0, 2]
    assert vocabulary.words == [Word("b", "b", False), Word("a", "a", False), Word("c", "c", False)]


def _plain_one_word_find(positions: list[int], budget: Budget) -> list[tuple[int, ...]]:
    """``find``'s loop for a one-word pattern as it read before the shortcut (``_extend`` at its end)."""
    found: list[tuple[int, ...]] = []
    for start in positions:
        budget.left -= 1
        if budget.left <= 0:
            break
        match = (start,)
        found.append(match)
        budget.left -= 4
        if len(found) >= MAX_MATCHES:
            break
    return found


@pytest.mark.parametrize("steps", [1, 2, 5, 6, 7, 11, 40, 79, 80, 81, 10_000])
def test_a_one_word_pattern_finds_and_spends_as_the_plain_loop(steps: int) -> None:
    vocabulary = Vocabulary()
    pattern = compile_phrasing("selfheal", vocabulary, LEXICON)
    assert isinstance(pattern, Pattern)
    tokens = tokenize(" ".join(["selfheal", "x"] * 20))
    where = vocabulary.positions(tokens)
    budget, plain_budget = Budget(steps), Budget(steps)
    assert find(pattern, where, tokens, budget=budget) == _plain_one_word_find(where[pattern.words[0]], plain_budget)
    assert budget.left == plain_budget.left


def test_typo_candidates_scored_together_keep_every_rule_of_close() -> None:
    """One ``extract`` call scores an answer word against the rubric's words; each close one then passes
    ``_close``'s own tests: cutoff by length, polarity, and no longer compound ("applications" is no typo
    of "applicationset")."""
    texts = ["applicationset", "application", "shouldnt", "should", "reconcile", "reconciler", "synchronise"]
    vocabulary = Vocabulary()
    for text in texts:
        vocabulary.add(Word(text, "\1" + text, False))  # stems no answer word has: typo matches only
    for raw in ["applications", "application", "applicatoinset", "shouldn", "shuoldnt", "reconcilers", "synchronize"]:
        plain = {k for k, text in enumerate(texts) if text == raw or (raw[0] == text[0] and _close(raw, text))}
        assert vocabulary._compute_matches(raw, "\0") == plain, raw
    assert vocabulary._compute_matches("applications", "\0") == {1}
