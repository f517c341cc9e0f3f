"""Choosing what to practise, and shuffling choice options; plain logic, no widgets.

Kept apart from the screens so the rules (what "mixed" means, how a shuffled
option maps back to the content's index before grading) are easy to test.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from gitops_tutor.curriculum.models import SHIPPED_PACK, AnyQuestion, ChoiceQuestion, Curriculum

ChoiceKind = Literal["mixed", "pack", "type", "lesson", "tag", "domain", "which-tool", "ids"]
QUESTION_TYPES = ("free-text", "manifest", "single-choice", "multi-choice", "which-tool")
SESSION_LENGTH = 10


@dataclass(frozen=True)
class PracticeChoice:
    """One way to pick practice questions, e.g. every question of one lesson."""

    kind: ChoiceKind
    value: str
    label: str
    count: int

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.value}"


def practice_choices(curriculum: Curriculum) -> list[PracticeChoice]:
    """Mixed first, then by content pack (teams' own), question type, lesson (in order), CGOA domain, tag;
    empty groups left out."""
    questions = list(curriculum.questions.values())
    choices = [PracticeChoice("mixed", "", "Mixed: a bit of everything", len(questions))]
    for pack in curriculum.packs:
        count = sum(1 for q in questions if q.pack == pack.name)
        if pack.name != SHIPPED_PACK and count:
            choices.append(PracticeChoice("pack", pack.name, f"Pack: {pack.title} [{pack.name}]", count))
    for question_type in QUESTION_TYPES:
        count = sum(1 for q in questions if q.type == question_type)
        if count:
            choices.append(PracticeChoice("type", question_type, f"Question type: {question_type}", count))
    for lesson in curriculum.lessons_in_order():
        count = len(curriculum.questions_for_lesson(lesson.id))
        if count:
            choices.append(PracticeChoice("lesson", lesson.id, f"Lesson: {lesson.title}", count))
    used = {q.domain for q in questions}
    domain_ids = [d for d in curriculum.domains if d in used] + sorted(used - set(curriculum.domains))
    for domain_id in domain_ids:
        domain = curriculum.domains.get(domain_id)
        count = sum(1 for q in questions if q.domain == domain_id)
        name = domain.name if domain else domain_id
        choices.append(PracticeChoice("domain", domain_id, f"CGOA domain: {name}", count))
    for tag in sorted({tag for q in questions for tag in q.tags}):
        count = sum(1 for q in questions if tag in q.tags)
        choices.append(PracticeChoice("tag", tag, f"Tag: {tag}", count))
    return choices


def matching_questions(curriculum: Curriculum, kind: ChoiceKind, value: str) -> list[AnyQuestion]:
    questions = list(curriculum.questions.values())
    if kind == "pack":
        return [q for q in questions if q.pack == value]
    if kind == "type":
        return [q for q in questions if q.type == value]
    if kind == "lesson":
        return [q for q in questions if q.lesson == value]
    if kind == "domain":
        return [q for q in questions if q.domain == value]
    if kind == "tag":
        return [q for q in questions if value in q.tags]
    if kind == "which-tool":
        return [q for q in questions if q.type == "which-tool"]
    if kind == "ids":
        wanted = value.split(",")
        return [curriculum.questions[qid] for qid in wanted if qid in curriculum.questions]
    return questions


def pick_questions(
    curriculum: Curriculum,
    kind: ChoiceKind,
    value: str,
    rng: random.Random,
    limit: int = SESSION_LENGTH,
    first: Sequence[str] = (),
) -> list[str]:
    """A shuffled session of at most ``limit`` question ids; "mixed" spreads over lessons first.

    ``first``: questions the learner left a draft in (progress.drafts); those the choice covers
    open the session, so an answer kept when the terminal died is back on the first card."""
    found = matching_questions(curriculum, kind, value)
    if kind == "ids":
        return [q.id for q in found][:limit]
    rng.shuffle(found)
    if kind == "mixed":
        found = _spread_by_lesson(found)
    covered = {q.id for q in found}
    drafted = [question_id for question_id in first if question_id in covered][:limit]
    rest = [q.id for q in found if q.id not in set(drafted)]
    return drafted + rest[: limit - len(drafted)]


def _spread_by_lesson(questions: list[AnyQuestion]) -> list[AnyQuestion]:
    """Round-robin over lessons so a mixed session is not ten questions on one topic."""
    by_lesson: dict[str, list[AnyQuestion]] = {}
    for question in questions:
        by_lesson.setdefault(question.lesson, []).append(question)
    spread: list[AnyQuestion] = []
    while any(by_lesson.values()):
        for group in by_lesson.values():
            if group:
                spread.append(group.pop(0))
    return spread


@dataclass(frozen=True)
class ShuffledOptions:
    """Display order of a choice question's options; ``order[i]`` is the content index shown at i."""

    order: tuple[int, ...]

    @classmethod
    def for_question(cls, question: ChoiceQuestion, rng: random.Random) -> ShuffledOptions:
        order = list(range(len(question.options)))
        rng.shuffle(order)
        return cls(tuple(order))

    def to_content(self, displayed: list[int]) -> list[int]:
        """Map displayed positions back to content indexes, which is what the grader expects."""
        return sorted(self.order[position] for position in displayed if 0 <= position < len(self.order))
