"""Rubrics prove themselves: every sample answer must get its expected verdict.

``validate`` runs this, so a contributor sees at the sample's own line which answer
the rubric grades wrongly, with the score and the concepts hit and missed.
"""

from __future__ import annotations

from collections.abc import Iterator

from gitops_tutor.curriculum.collector import collector_paused
from gitops_tutor.curriculum.models import Curriculum, FreeTextQuestion, ManifestQuestion, Sample, Source
from gitops_tutor.curriculum.problems import Problem
from gitops_tutor.grading.freetext import MAX_PATTERN_WORDS
from gitops_tutor.grading.grader import Grader
from gitops_tutor.grading.linear_regex import UnsupportedPattern, compile_linear
from gitops_tutor.grading.myth_checks import MythsById, accepted_answer_problems, by_id, check_examples
from gitops_tutor.grading.patterns import flat
from gitops_tutor.grading.result import GradeResult


def check_samples(curriculum: Curriculum) -> Iterator[Problem]:
    """Every rubric's problems: its phrasings, then each sample's verdict and the model answer's.

    The cyclic garbage collector is paused meanwhile. Grading makes no reference cycles (a test
    holds it to that), so the collector would find nothing, yet each of its full walks crosses
    the content and every phrasing remembered so far: about an eighth of this function's CPU on
    the shipped content. Reference counting still frees each rubric and result at once.
    """
    with collector_paused():
        grader = Grader(curriculum.aliases, curriculum.misconceptions)
        yield from check_examples(curriculum, grader.aliases, grader.shared)
        myths = by_id(curriculum)
        for question in curriculum.questions.values():
            if isinstance(question, FreeTextQuestion):
                yield from _free_text_problems(grader, question, myths)
                grader.forget(question)  # each rubric is checked once: memory stays flat however big the content
            elif isinstance(question, ManifestQuestion):
                yield from _manifest_problems(grader, question)


def _free_text_problems(grader: Grader, question: FreeTextQuestion, myths: MythsById) -> Iterator[Problem]:
    compiled = grader.compiled(question)
    for phrasing in compiled.empty_phrasings:
        yield _problem(question.source, "empty-phrasing", f"{question.id}: phrasing {phrasing!r} holds no words")
    for phrasing in compiled.oversized_phrasings:
        message = f"{question.id}: phrasing {phrasing!r} has more than {MAX_PATTERN_WORDS} words; it is left out"
        yield _problem(question.source, "long-phrasing", message)
    patterns = flat([p for c in compiled.concepts for p in (*c.patterns, *c.negations)])
    patterns += flat([p for c in compiled.claims for p in c.patterns])
    for pattern in patterns:
        if len(pattern.words) != 1:
            continue
        word = compiled.vocabulary.words[pattern.words[0]]
        if word.prefix and len(word.text) < 3:
            message = f"{question.id}: phrasing {pattern.source!r} is a prefix too short to mean anything alone"
            yield _problem(question.source, "short-prefix", message, "warning")
    for sample in question.samples:
        result = grader.grade(question, sample.answer)
        if result.verdict != sample.verdict:
            yield _problem(sample.source, "sample-verdict", _mismatch(question.id, sample, result))
        if sample.verdict != "fail":
            yield from accepted_answer_problems(question, "sample", sample.source, sample.answer, result, myths)
    model = grader.grade(question, question.model_answer)
    yield from accepted_answer_problems(question, "model answer", question.source, question.model_answer, model, myths)
    if model.verdict != "pass":
        message = f"{question.id}: the model answer grades {model.verdict} ({model.score}); {_concepts(model)}"
        yield _problem(question.source, "model-answer", message, "warning")


def _manifest_problems(grader: Grader, question: ManifestQuestion) -> Iterator[Problem]:
    for check in question.checks:
        for condition in check.any:
            refusal = _pattern_refusal(condition.matches)
            if refusal:
                yield _problem(question.source, "bad-pattern", f"{question.id}: check {check.id}: {refusal}")
    result = grader.grade(question, question.model_answer)
    if result.score < 100:
        failing = "; ".join(line[2:] for line in result.details if line.startswith("✗")) or result.feedback
        yield _problem(question.source, "model-answer", f"{question.id}: the model answer fails: {failing}")


def _mismatch(question_id: str, sample: Sample, result: GradeResult) -> str:
    kind = f" ({sample.kind})" if sample.kind else ""
    flags = f"; flags: {', '.join(result.flags)}" if result.flags else ""
    return (
        f"{question_id}: sample{kind} expected {sample.verdict}, grader says {result.verdict} "
        f"(score {result.score}); {_concepts(result)}{flags}"
    )


def _concepts(result: GradeResult) -> str:
    def ids(status: str) -> str:
        return ", ".join(c.id for c in result.concepts if c.status == status) or "-"

    text = f"hit: {ids('hit')}; missed: {ids('missed')}"
    if any(c.status == "negated" for c in result.concepts):
        text += f"; negated: {ids('negated')}"
    if result.wrong_claims:
        text += "; wrong claims: " + ", ".join(c.id for c in result.wrong_claims)
    return text


def _pattern_refusal(pattern: str | None) -> str:
    """Why a ``matches`` pattern cannot be used (it must parse and run in linear time), or ""."""
    if pattern is None:
        return ""
    try:
        compile_linear(pattern)
    except UnsupportedPattern as exc:
        return f"matches {pattern[:60]!r}: {exc}"
    return ""


def _problem(source: Source, code: str, message: str, severity: str = "error") -> Problem:
    return Problem(source.path, source.line, source.column, code, message, severity)  # type: ignore[arg-type]
