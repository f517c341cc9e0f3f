"""Choosing an interview's questions: fresh ones and weak spots first, reproducibly.

Each candidate gets a weight from the learner's history (never seen, not seen for a
while, or answered badly all raise it) and the draw is a weighted sample without
replacement (Efraimidis-Spirakis keys ``u ** (1 / w)``). With the same seed and the
same history the same questions come out, which is what makes a resumed interview,
a bug report or a test reproducible.

An exam-style preset (``rotate_questions``) also rotates its papers: a question asked in
an earlier interview of the same preset is drawn only once every question never asked
in it is used (within the same domain quota), and then the least recently asked first,
so successive mocks are fresh papers until the bank runs out.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from gitops_tutor.curriculum.models import AnyQuestion, Curriculum
from gitops_tutor.curriculum.validate import PresetNeed
from gitops_tutor.interview.config import InterviewConfig
from gitops_tutor.interview.errors import InterviewError

STALE_AFTER_DAYS = 14.0
RECENT_SCORES = 3


class AttemptLike(Protocol):
    """The part of a stored attempt the draw looks at."""

    @property
    def question_id(self) -> str: ...

    @property
    def score(self) -> int: ...

    @property
    def ended_at(self) -> datetime: ...


@dataclass(frozen=True)
class QuestionHistory:
    last_seen: datetime
    recent_score: float


def history_from_attempts(attempts: Iterable[AttemptLike]) -> dict[str, QuestionHistory]:
    """Per question: when it was last answered and the mean of its last three scores."""
    by_question: dict[str, list[AttemptLike]] = {}
    for attempt in attempts:
        by_question.setdefault(attempt.question_id, []).append(attempt)
    history = {}
    for question_id, tries in by_question.items():
        tries.sort(key=lambda a: a.ended_at)
        recent = [a.score for a in tries[-RECENT_SCORES:]]
        history[question_id] = QuestionHistory(tries[-1].ended_at, sum(recent) / len(recent))
    return history


def draw_weight(history: QuestionHistory | None, now: datetime) -> float:
    """Between 0.5 (answered perfectly today) and 4.0 (long unseen and failed).

    A question never seen weighs 3.0: above anything answered well, below a weak
    spot that has also gone stale, because an interview should probe what you
    struggle with at least as much as what is new.
    """
    if history is None:
        return 3.0
    days = max((now - history.last_seen).total_seconds(), 0.0) / 86400
    staleness = min(days / STALE_AFTER_DAYS, 1.0)
    weakness = 1.0 - min(max(history.recent_score, 0.0), 100.0) / 100.0
    return 0.5 + 1.5 * staleness + 2.0 * weakness


def candidates(curriculum: Curriculum, config: InterviewConfig) -> list[AnyQuestion]:
    """Questions that pass the lesson, domain, pack, difficulty (and hard type) filters, in id order."""
    _check_filters(curriculum, config)
    chosen = []
    for question in sorted(curriculum.questions.values(), key=lambda q: q.id):
        if config.lessons and question.lesson not in config.lessons:
            continue
        if config.domains and question.domain not in config.domains:
            continue
        if config.packs and question.pack not in config.packs:
            continue
        if config.difficulty and question.difficulty != config.difficulty:
            continue
        if config.only_types and question.type not in config.types:
            continue
        chosen.append(question)
    return chosen


def _check_filters(curriculum: Curriculum, config: InterviewConfig) -> None:
    for lesson in config.lessons:
        if lesson not in curriculum.lessons:
            raise InterviewError(f"unknown lesson '{lesson}' (see `gitops-tutor list lessons`)")
    for domain in config.domains:
        if curriculum.domains and domain not in curriculum.domains:
            raise InterviewError(f"unknown domain '{domain}' (choose {', '.join(curriculum.domains)})")
    names = [pack.name for pack in curriculum.packs]
    for pack in config.packs:
        if pack not in names:
            raise InterviewError(f"unknown pack '{pack}' (loaded: {', '.join(names)})")


def draw_questions(
    curriculum: Curriculum,
    config: InterviewConfig,
    history: Mapping[str, QuestionHistory],
    now: datetime,
    asked: Mapping[str, datetime] | None = None,
) -> list[AnyQuestion]:
    """The interview's questions, easiest first (an interview warms up), deterministic given the seed.

    ``asked`` maps each question asked in earlier interviews of this preset to when it was
    last asked; only a ``rotate_questions`` config looks at it.
    """
    pool = candidates(curriculum, config)
    if not pool:
        raise InterviewError("no questions match these filters; widen --lesson/--domain/--pack/--difficulty")
    rng = random.Random(config.seed)
    weighted = {q.id: _key(rng.random(), draw_weight(history.get(q.id), now)) for q in pool}
    keys = _rotation_order(weighted, asked or {}) if config.rotate_questions else _plain_order(weighted)
    if config.weighted_domains and curriculum.domains:
        drawn = _draw_by_domain(pool, keys, config, curriculum)
    else:
        drawn = _draw_preferring_types(pool, keys, config.types, config.questions)
    rank = {q.id: i for i, q in enumerate(drawn)}
    return sorted(drawn, key=lambda q: (q.difficulty, rank[q.id]))


def _key(uniform: float, weight: float) -> float:
    """Efraimidis-Spirakis key: the larger, the earlier drawn; log form avoids underflow."""
    return math.log(max(uniform, 1e-300)) / weight


# A candidate's sort key, smallest drawn first: (asked before?, when last asked, minus its weighted key).
DrawOrder = tuple[int, float, float]


def _plain_order(weighted: Mapping[str, float]) -> dict[str, DrawOrder]:
    return {qid: (0, 0.0, -key) for qid, key in weighted.items()}


def _rotation_order(weighted: Mapping[str, float], asked: Mapping[str, datetime]) -> dict[str, DrawOrder]:
    """Never-asked questions first (by weight), then the asked ones, least recently asked first."""
    order = {}
    for qid, key in weighted.items():
        last = asked.get(qid)
        order[qid] = (0, 0.0, -key) if last is None else (1, last.timestamp(), -key)
    return order


def new_to_preset(drawn: Iterable[AnyQuestion], asked: Mapping[str, datetime]) -> int:
    """How many of the drawn questions no earlier interview of the preset asked."""
    return sum(1 for q in drawn if q.id not in asked)


def _top(pool: Sequence[AnyQuestion], keys: Mapping[str, DrawOrder], count: int) -> list[AnyQuestion]:
    return sorted(pool, key=lambda q: (keys[q.id], q.id))[: max(count, 0)]


def _draw_preferring_types(
    pool: Sequence[AnyQuestion], keys: Mapping[str, DrawOrder], types: Sequence[str], count: int
) -> list[AnyQuestion]:
    preferred = [q for q in pool if q.type in types]
    drawn = _top(preferred, keys, count)
    if len(drawn) < count:
        rest = [q for q in pool if q.type not in types]
        drawn += _top(rest, keys, count - len(drawn))
    return drawn


def _draw_by_domain(
    pool: Sequence[AnyQuestion], keys: Mapping[str, DrawOrder], config: InterviewConfig, curriculum: Curriculum
) -> list[AnyQuestion]:
    """Each domain's share of the questions follows its weight; shortfalls go to the others."""
    by_domain: dict[str, list[AnyQuestion]] = {}
    for question in pool:
        by_domain.setdefault(question.domain, []).append(question)
    weights = {d: curriculum.domains[d].weight for d in by_domain if d in curriculum.domains}
    quotas = apportion(config.questions, weights)
    drawn: list[AnyQuestion] = []
    for domain in sorted(quotas):
        drawn += _draw_preferring_types(by_domain[domain], keys, config.types, quotas[domain])
    if len(drawn) < config.questions:
        taken = {q.id for q in drawn}
        rest = [q for q in pool if q.id not in taken]
        drawn += _draw_preferring_types(rest, keys, config.types, config.questions - len(drawn))
    return drawn


def preset_needs(curriculum: Curriculum, presets: Mapping[str, InterviewConfig]) -> list[PresetNeed]:
    """What one draw of each preset takes from the content, for ``validate``'s capacity warning.

    Only a hard type filter (``only_types``) narrows the types: other presets fill a gap
    with any type. Weighted presets need each domain's share, split as the draw splits it.
    """
    needs = []
    for name, config in presets.items():
        per_domain: dict[str, int] = {}
        if config.weighted_domains and curriculum.domains:
            per_domain = apportion(config.questions, {d: domain.weight for d, domain in curriculum.domains.items()})
        types = config.types if config.only_types else ()
        needs.append(PresetNeed(name, config.questions, per_domain, types))
    return needs


def apportion(total: int, weights: Mapping[str, float]) -> dict[str, int]:
    """Split ``total`` seats by weight with the largest-remainder method (Hamilton).

    Ties on the remainder go to the heavier, then alphabetically first, domain so the
    split never depends on dictionary order.
    """
    positive = {k: w for k, w in weights.items() if w > 0}
    weight_sum = sum(positive.values())
    if total <= 0 or weight_sum <= 0:
        return {k: 0 for k in weights}
    exact = {k: total * w / weight_sum for k, w in positive.items()}
    seats = {k: int(math.floor(v)) for k, v in exact.items()}
    left = total - sum(seats.values())
    order = sorted(exact, key=lambda k: (-(exact[k] - seats[k]), -positive[k], k))
    for name in order[:left]:
        seats[name] += 1
    return {k: seats.get(k, 0) for k in weights}
