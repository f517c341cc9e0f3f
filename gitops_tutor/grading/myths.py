"""Curriculum-wide misconceptions: false beliefs stated once in content and caught in every answer in scope.

A rubric lists the wrong claims its own question invites, but the same false facts ("selfHeal is
on by default", "Argo CD pushes from CI") turn up as side remarks in answers to many questions,
and an otherwise right answer with one of them passed until that question's rubric named it.
Each misconception is read here as one more wrong claim of every free-text question its scope
names (same matcher, lexicon and rules for rejections, negations and quotes as the rubric's own),
and its truth line goes into the feedback, so the learner sees why it is wrong.

A myth caught where the rubric's own wrong claim already caught the same words is not charged
twice: it is one false statement. Everything here is pure: the misconceptions arrive as data
with the content.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import le

from gitops_tutor.curriculum.models import FreeTextQuestion, Misconception, WrongClaim
from gitops_tutor.grading.aliases import AliasMap
from gitops_tutor.grading.patterns import Phrasing, TermSet, Vocabulary, WordTable
from gitops_tutor.grading.result import ClaimResult


def in_scope(misconceptions: Iterable[Misconception], question: FreeTextQuestion) -> tuple[Misconception, ...]:
    """The misconceptions checked in this question's answers: in scope, and not opted out by its rubric."""
    ignored = question.rubric.ignore_misconceptions
    return tuple(m for m in misconceptions if m.id not in ignored and m.applies_to.covers(question))


class ScopeIndex:
    """``in_scope`` for many questions over one list of misconceptions, by lookup instead of a scan.

    A scan asks every misconception about every rubric: 650 x 1,480 scope checks at 10x content
    (every pack copy brings its own misconceptions), about a second of ``validate``. Here each
    question id, lesson, domain and tag names the misconceptions whose scope lists it; the union,
    in the list's order, is the same tuple ``in_scope`` returns.
    """

    def __init__(self, misconceptions: Sequence[Misconception]) -> None:
        self.misconceptions = tuple(misconceptions)
        self._by_kind: tuple[dict[str, list[int]], ...] = ({}, {}, {}, {})
        for number, myth in enumerate(self.misconceptions):
            scope = myth.applies_to
            for names, index in zip(
                (scope.questions, scope.lessons, scope.domains, scope.tags), self._by_kind, strict=True
            ):
                for name in names:
                    index.setdefault(name, []).append(number)

    def in_scope(self, question: FreeTextQuestion) -> tuple[Misconception, ...]:
        by_question, by_lesson, by_domain, by_tag = self._by_kind
        numbers = {
            *by_question.get(question.id, ()),
            *by_lesson.get(question.lesson, ()),
            *by_domain.get(question.domain, ()),
        }
        for tag in question.tags:
            numbers.update(by_tag.get(tag, ()))
        ignored = question.rubric.ignore_misconceptions
        found = (self.misconceptions[n] for n in sorted(numbers))
        return tuple(m for m in found if m.id not in ignored)


@dataclass(frozen=True)
class MythForm:
    """A misconception's phrasings compiled once, in the shared word ids: the same in every rubric."""

    patterns: tuple[Phrasing, ...]
    needs: tuple[frozenset[int], ...]  # ``words_needed(patterns)``
    empty: tuple[str, ...]  # phrasings that hold no word (reported in every rubric, as a rubric's own)
    oversized: tuple[str, ...]  # phrasings over the word limit, left out
    vocabulary: Vocabulary  # every word compiling them added, with the lexicon prefixes: joined to each rubric


MAX_SHARED_WORDS = 100_000  # distinct words one SharedForms gives ids to; then its Grader starts afresh
MAX_FORMS = 10_000  # distinct misconception phrasing lists remembered


class SharedForms:
    """What every rubric one Grader compiles shares: word ids, and each misconception's compiled form.

    ``validate`` compiles every rubric, and each is in the scope of about 17 misconceptions with more
    phrasings (about 190) than its own (about 108): compiling those again into each rubric's own word
    ids was about 64% of compiling. With ids from one table, a misconception is compiled once (by
    ``freetext.compile_rubric``, which fills ``forms``) and each rubric in its scope only registers its
    words for matching. Matching an answer is unchanged: each rubric still matches only its own words.
    """

    def __init__(self, aliases: AliasMap) -> None:
        self.aliases = aliases
        self.table = WordTable()
        self.forms: dict[tuple[str, ...], MythForm] = {}  # by the misconception's phrasings

    @property
    def full(self) -> bool:
        """Whether the table has grown past its bound (every word of every rubric compiled with it)."""
        return len(self.table.words) > MAX_SHARED_WORDS

    def keep(self, phrasings: tuple[str, ...], form: MythForm) -> MythForm:
        if len(self.forms) >= MAX_FORMS:
            self.forms.clear()  # bounds memory for huge packs; the forms are compiled again when needed
        self.forms[phrasings] = form
        return form


def as_wrong_claim(myth: Misconception) -> WrongClaim:
    """The misconception in the shape of a rubric's wrong claim: its claim line is the label shown."""
    return WrongClaim(myth.id, myth.claim, myth.any, myth.penalty)


class Needs(tuple[frozenset[int], ...]):
    """Per phrasing, the word ids it cannot match without; ``one_each`` holds one of each phrasing's words."""

    one_each: frozenset[int] = frozenset()


def words_needed(phrasings: Sequence[Phrasing]) -> Needs:
    """Per phrasing, the word ids it cannot match without (every word of a pattern, every term's words).

    A rubric in scope of many misconceptions carries dozens of extra phrasings, and most answers hold
    none of their words: testing that first costs a set comparison instead of a match attempt each
    (validate grades every sample of every rubric).
    """
    needs = Needs(
        frozenset(w for term in p.terms for w in term.words) if isinstance(p, TermSet) else frozenset(p.words)
        for p in phrasings
    )
    needs.one_each = frozenset(max(words) for words in needs if words)
    return needs


def may_match(needs: tuple[frozenset[int], ...], where: Mapping[int, list[int]]) -> bool:
    """False only when no phrasing can match: some word of each is absent from the answer (``where``).

    Both tests run in C. The first settles two thirds of the misconceptions that cannot match (of about
    32,000 asked in validate): no phrasing's ``one_each`` word is in the answer.
    """
    if not needs:
        return True  # a rubric's own claim: matched as always
    present = where.keys()
    if isinstance(needs, Needs) and needs.one_each and present.isdisjoint(needs.one_each):
        return False
    return any(map(le, needs, repeat(present)))


def not_charged_twice(claims: Sequence[ClaimResult]) -> tuple[ClaimResult, ...]:
    """One false statement is charged once: a claim whose every piece of evidence overlaps words another
    claim was already charged for is dropped. The rubric's own claims go first, the costlier first, then
    the misconceptions (QA fresh-eyes-4: one clause was charged three times, -45 -45 -40)."""
    order = sorted(range(len(claims)), key=lambda k: (bool(claims[k].truth), -claims[k].penalty, k))
    charged: list[tuple[int, int]] = []
    kept: set[int] = set()
    for k in order:
        claim = claims[k]
        if claim.evidence and all(any(s < e2 and s2 < e for s2, e2 in charged) for s, e in claim.evidence):
            continue
        kept.add(k)
        charged.extend(claim.evidence)
    return tuple(claim for k, claim in enumerate(claims) if k in kept)


def feedback(claims: Sequence[ClaimResult]) -> list[str]:
    """'Wrong: ...' for the rubric's claims, then each misconception with its truth line."""
    parts = []
    own = [claim.label for claim in claims if not claim.truth]
    if own:
        parts.append("Wrong: " + "; ".join(own) + ".")
    parts.extend(
        f"Wrong: {_sentence(claim.label)} In fact: {_sentence(claim.truth)}" for claim in claims if claim.truth
    )
    return parts


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."
