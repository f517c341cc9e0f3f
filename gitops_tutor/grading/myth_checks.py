"""Misconceptions prove themselves in ``validate``, as rubrics do with their samples.

Each example must be caught and no not_example; and no answer a question accepts (its model
answer, a sample expected to pass or be partial) may be caught by a misconception in its scope:
that would mean a phrasing too broad or a scope too wide, and correct learners losing points.
Problems point at the misconception's own line and name the question and sample.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from gitops_tutor.curriculum.models import Curriculum, FreeTextQuestion, Misconception, Rubric, Source
from gitops_tutor.curriculum.problems import Problem, one_line
from gitops_tutor.grading.aliases import AliasMap
from gitops_tutor.grading.freetext import CompiledRubric, compile_rubric, grade_free_text
from gitops_tutor.grading.myths import SharedForms
from gitops_tutor.grading.result import GradeResult

# The prompt of the stand-in question that examples are graded in: it names both tools, so an
# example opening "In Argo CD, ..." reads as a claim about the question's tool, not a comparison.
EXAMPLE_PROMPT = "Argo CD and Flux: explain."


MythsById = Mapping[str, Misconception]


def by_id(curriculum: Curriculum) -> MythsById:
    return {myth.id: myth for myth in curriculum.misconceptions}


def check_examples(curriculum: Curriculum, aliases: AliasMap, shared: SharedForms | None = None) -> Iterator[Problem]:
    """The examples of every misconception; ``accepted_answer_problems`` covers the questions' answers.
    ``shared`` (a Grader's) lets the questions' rubrics reuse each misconception compiled here."""
    proofs = _Proofs(aliases, shared)
    for myth in curriculum.misconceptions:
        for example in myth.examples:
            if not proofs.catches(myth, example):
                yield _problem(myth.source, "myth-example", f"misconception '{myth.id}' misses its example {example!r}")
        for other in myth.not_examples:
            if proofs.catches(myth, other):
                message = f"misconception '{myth.id}' catches its not_example {other!r}"
                yield _problem(myth.source, "myth-example", message)


class _Proofs:
    """``catches`` for many examples: each misconception's question compiled once, not once per example,
    and an example graded once per distinct misconception content (each pack copy of the content brings
    the same misconceptions under new ids, whose examples would otherwise be proved again per copy).

    Whether an example is caught depends only on the phrasings and on the truth line being set:
    the stand-in question holds nothing else, and its one claim carries the misconception's own id.
    """

    def __init__(self, aliases: AliasMap, shared: SharedForms | None = None) -> None:
        self.aliases = aliases
        self.shared = shared if shared is not None and shared.aliases is aliases else SharedForms(aliases)
        self._compiled: dict[tuple[tuple[str, ...], bool], CompiledRubric] = {}
        self._caught: dict[tuple[tuple[str, ...], bool, str], bool] = {}

    def catches(self, myth: Misconception, text: str) -> bool:
        content = (myth.any, bool(myth.truth))
        key = (myth.any, bool(myth.truth), text)
        caught = self._caught.get(key)
        if caught is None:
            compiled = self._compiled.get(content)
            if compiled is None:
                compiled = self._compiled[content] = compile_rubric(
                    example_question(myth), self.aliases, (myth,), self.shared
                )
            result = grade_free_text(compiled, text, self.aliases)
            first = compiled.claims[0].claim.id  # the misconception this content was first compiled for
            caught = self._caught[key] = any(c.id == first and c.truth for c in result.wrong_claims)
        return caught


def example_question(myth: Misconception) -> FreeTextQuestion:
    """A question with no rubric of its own whose scope is exactly ``myth``: its examples are graded in it."""
    return FreeTextQuestion(
        id=f"misconception:{myth.id}",
        lesson="",
        type="free-text",
        prompt=EXAMPLE_PROMPT,
        difficulty=1,
        tags=(),
        domain="",
        explanation="",
        content_hash=f"misconception:{hash(myth)}",
        model_answer="",
        rubric=Rubric(concepts=()),
    )


def catches(myth: Misconception, text: str, aliases: AliasMap) -> bool:
    """Whether the grader reads ``text`` as stating ``myth`` (graded alone, in a question of its own)."""
    compiled = compile_rubric(example_question(myth), aliases, (myth,))
    result = grade_free_text(compiled, text, aliases)
    return any(claim.id == myth.id and claim.truth for claim in result.wrong_claims)


def accepted_answer_problems(
    question: FreeTextQuestion, what: str, where: Source, answer: str, result: GradeResult, myths: MythsById
) -> Iterator[Problem]:
    """A misconception caught in an answer the question accepts: an error at the misconception, naming both.
    ``myths`` is ``by_id(curriculum)``, built once for all the questions' answers."""
    for claim in result.wrong_claims:
        myth = myths.get(claim.id) if claim.truth else None
        if myth is None:
            continue
        words = ", ".join(repr(one_line(answer[start:end])) for start, end in claim.evidence)
        message = (
            f"misconception '{myth.id}' catches {words} in the {what} of question '{question.id}' "
            f"({where.path}:{where.line}); narrow its phrasings or scope, or list it in that rubric's "
            "ignore_misconceptions"
        )
        yield _problem(myth.source, "myth-accepted", message)


def _problem(src: Source, code: str, message: str) -> Problem:
    return Problem(src.path, src.line, src.column, code, message)
