"""Typed, frozen models of the curriculum.

The loader is the only code that reads YAML; everything else in the app sees these
classes. They are frozen so a grader or a screen can never change content under
another's feet, and they carry their source position so any later check (a sample
answer that grades wrongly, say) can still point at a file and line.

Every class has a docstring: ``dataclass`` makes a missing one from ``inspect.signature``,
which was a measurable part of importing this module on every command that loads content.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from gitops_tutor.curriculum.packs import SHIPPED_PACK as SHIPPED_PACK  # still read from here by the loader

QuestionType = Literal["free-text", "single-choice", "multi-choice", "which-tool", "manifest"]
QUESTION_TYPES: tuple[str, ...] = (
    "free-text",
    "single-choice",
    "multi-choice",
    "which-tool",
    "manifest",
)
Verdict = Literal["pass", "partial", "fail"]
VERDICTS: tuple[str, ...] = ("pass", "partial", "fail")
ToolAnswer = Literal["argo", "flux", "both", "neither"]
TOOL_ANSWERS: tuple[str, ...] = ("argo", "flux", "both", "neither")


@dataclass(frozen=True)
class Source:
    """Where an item was defined: a file path as given to the loader, 1-based."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Domain:
    """An exam domain (CGOA) with its weight in percent; data, so it can be remapped."""

    id: str
    name: str
    weight: float
    description: str = ""


@dataclass(frozen=True)
class KeyTerm:
    """A term a lesson defines, shown beside its body."""

    term: str
    definition: str


@dataclass(frozen=True)
class Lesson:
    """A lesson: its text, the terms it defines and the questions that check it."""

    id: str
    title: str
    order: int
    summary: str
    objectives: tuple[str, ...]
    key_terms: tuple[KeyTerm, ...]
    body: str
    domain: str
    check_questions: tuple[str, ...]
    pack: str = SHIPPED_PACK
    source: Source = field(default=Source("<memory>"), compare=False)

    def sections(self) -> tuple[str, ...]:
        """Titles of the body's level-2 headings: the units a learner marks as read."""
        titles = []
        in_code = False
        for line in self.body.splitlines():
            if line.lstrip().startswith(("```", "~~~")):
                in_code = not in_code
            elif not in_code and line.startswith("## "):
                titles.append(line[3:].strip())
        return tuple(titles)


@dataclass(frozen=True)
class Dimension:
    """One row of the Argo CD vs Flux comparison."""

    id: str
    name: str
    argo: str
    flux: str
    notes: str
    matters_when: str
    source: Source = field(default=Source("<memory>"), compare=False)


@dataclass(frozen=True)
class Comparison:
    """The Argo CD vs Flux comparison: an introduction and its rows."""

    id: str
    title: str
    intro: str
    dimensions: tuple[Dimension, ...]
    pack: str = SHIPPED_PACK
    source: Source = field(default=Source("<memory>"), compare=False)


@dataclass(frozen=True)
class Concept:
    """Something a good answer must say, in any of several phrasings.

    ``any`` holds alternatives. A trailing ``*`` on a word accepts any word form
    (``reconcil*``); ``..`` between words allows a gap of a few words in the same
    clause. ``negated_by`` holds phrasings that state the opposite of the concept.
    """

    id: str
    label: str
    any: tuple[str, ...]
    weight: float = 1.0
    required: bool = False
    negated_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class WrongClaim:
    """A statement the question treats as wrong; it costs ``penalty`` points (0-100)."""

    id: str
    label: str
    any: tuple[str, ...]
    penalty: float = 25.0


@dataclass(frozen=True)
class Rubric:
    """How a free-text answer is scored: concepts to credit, wrong claims to charge."""

    concepts: tuple[Concept, ...]
    wrong_claims: tuple[WrongClaim, ...] = ()
    pass_threshold: float | None = None
    partial_threshold: float | None = None
    ignore_misconceptions: tuple[str, ...] = ()  # the question is about that very misconception


@dataclass(frozen=True)
class Sample:
    """A sample answer with the verdict the real grader must give it (checked by validate)."""

    answer: str
    verdict: Verdict
    kind: str = ""
    source: Source = field(default=Source("<memory>"), compare=False)


@dataclass(frozen=True)
class Option:
    """One option of a choice question, with why it is right or wrong."""

    text: str
    correct: bool
    why: str


@dataclass(frozen=True)
class Condition:
    """One test on a path of a YAML answer.

    ``path`` is dot-separated; ``*`` matches any key or list item. With no test set
    the path only has to exist. ``equals`` compares values, ``one_of`` accepts any
    listed value, ``contains`` looks for a substring (strings) or an item (lists),
    ``matches`` is a regular expression searched in the value's text.
    """

    path: str
    equals: object = None
    one_of: tuple[object, ...] = ()
    contains: object = None
    matches: str | None = None
    has_equals: bool = False
    has_contains: bool = False


@dataclass(frozen=True)
class ManifestCheck:
    """A named requirement of a manifest answer; any one of its conditions satisfies it."""

    id: str
    label: str
    any: tuple[Condition, ...]
    weight: float = 1.0


@dataclass(frozen=True)
class FollowUp:
    """Ask question ``ask`` next when an answer misses concept ``when_missed``."""

    when_missed: str
    ask: str


@dataclass(frozen=True, kw_only=True)
class Question:
    """What every question type shares; the loader builds one of the subclasses below."""

    id: str
    lesson: str
    type: QuestionType
    prompt: str
    difficulty: int
    tags: tuple[str, ...]
    domain: str
    explanation: str
    content_hash: str
    senior: bool = False
    follow_ups: tuple[FollowUp, ...] = ()
    pack: str = SHIPPED_PACK
    source: Source = field(default=Source("<memory>"), compare=False)


@dataclass(frozen=True, kw_only=True)
class FreeTextQuestion(Question):
    """Answered in the learner's own words and scored by the rubric."""

    model_answer: str
    rubric: Rubric
    samples: tuple[Sample, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ChoiceQuestion(Question):
    """single-choice or multi-choice."""

    options: tuple[Option, ...]

    @property
    def correct_indexes(self) -> frozenset[int]:
        return frozenset(i for i, option in enumerate(self.options) if option.correct)


@dataclass(frozen=True, kw_only=True)
class WhichToolQuestion(Question):
    """Argo CD, Flux, both or neither: which tool does what the prompt describes."""

    answer: ToolAnswer
    why: str


@dataclass(frozen=True, kw_only=True)
class ManifestQuestion(Question):
    """The answer is YAML: write it from scratch or fix ``starter``."""

    model_answer: str
    checks: tuple[ManifestCheck, ...]
    starter: str = ""


AnyQuestion = FreeTextQuestion | ChoiceQuestion | WhichToolQuestion | ManifestQuestion


@dataclass(frozen=True)
class Scope:
    """Which questions a misconception is checked in: any one list naming the question is enough."""

    tags: tuple[str, ...] = ()
    lessons: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()

    def covers(self, question: Question) -> bool:
        return (
            question.id in self.questions
            or question.lesson in self.lessons
            or question.domain in self.domains
            or any(tag in self.tags for tag in question.tags)
        )


DEFAULT_MISCONCEPTION_PENALTY = 35.0


@dataclass(frozen=True)
class Misconception:
    """A false belief that recurs across questions, stated once and checked in every answer in scope.

    ``any`` holds rubric phrasings of the belief; the grader treats it as a wrong claim of every
    free-text question in ``applies_to`` (unless the rubric opts out), and shows ``truth`` beside it.
    ``examples`` must be caught and ``not_examples`` must not: validate proves both.
    """

    id: str
    claim: str
    truth: str
    url: str
    applies_to: Scope
    any: tuple[str, ...]
    examples: tuple[str, ...]
    not_examples: tuple[str, ...]
    penalty: float = DEFAULT_MISCONCEPTION_PENALTY
    pack: str = SHIPPED_PACK
    source: Source = field(default=Source("<memory>"), compare=False)


@dataclass(frozen=True)
class Pack:
    """A folder of content: the shipped one is ``core``; teams add their own."""

    name: str
    title: str
    root: str
    description: str = ""


@dataclass(frozen=True)
class Curriculum:
    """Everything the loader accepted, across all packs."""

    lessons: Mapping[str, Lesson]
    questions: Mapping[str, AnyQuestion]
    comparison: Comparison | None
    aliases: Mapping[str, tuple[str, ...]]
    domains: Mapping[str, Domain]
    packs: tuple[Pack, ...] = ()
    misconceptions: tuple[Misconception, ...] = ()  # shared false beliefs, checked in the questions in scope

    def lessons_in_order(self) -> list[Lesson]:
        return sorted(self.lessons.values(), key=lambda lesson: (lesson.order, lesson.id))

    def questions_for_lesson(self, lesson_id: str) -> list[AnyQuestion]:
        return [q for q in self.questions.values() if q.lesson == lesson_id]

    def check_questions(self, lesson: Lesson) -> list[AnyQuestion]:
        return [self.questions[qid] for qid in lesson.check_questions if qid in self.questions]
