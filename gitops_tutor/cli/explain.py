"""``validate --explain ID``: how the real grader sees each sample answer of one question.

When a sample fails in CI, an author needs to see which concept the grader found and
where, not just "expected pass, got partial"; this prints exactly that.
"""

from __future__ import annotations

import textwrap

import click

from gitops_tutor.curriculum.models import AnyQuestion, FreeTextQuestion, ManifestQuestion
from gitops_tutor.curriculum.problems import one_line
from gitops_tutor.grading import Grader, GradeResult
from gitops_tutor.grading.implied import MIN_WORDS
from gitops_tutor.grading.lexicon import classes_used


def explain(question: AnyQuestion, grader: Grader) -> tuple[str, bool]:
    """A readable report and whether every sample got its expected verdict."""
    if isinstance(question, ManifestQuestion):
        result = grader.grade(question, question.model_answer)
        return _header(question) + "model answer:\n" + _details(result), result.score == 100
    if not isinstance(question, FreeTextQuestion):
        raise click.UsageError(f"'{question.id}' is a {question.type} question; --explain needs free-text or manifest")
    lines = [
        _header(question).rstrip("\n") + "\n",
        *_lexicon_lines(question, grader),
        *_own_word_lines(question, grader),
        *_myth_lines(question, grader),
    ]
    all_ok = True
    for number, sample in enumerate(question.samples, 1):
        result = grader.grade(question, sample.answer)
        ok = result.verdict == sample.verdict
        all_ok &= ok
        kind = f" [{sample.kind}]" if sample.kind else ""
        mark = "ok  " if ok else "FAIL"
        lines.append(
            f"{mark} sample {number}{kind} at line {sample.source.line}: expected {sample.verdict}, "
            f"got {result.verdict} (score {result.score})"
        )
        lines.append(textwrap.indent(textwrap.fill(one_line(sample.answer), 96), "       > "))
        lines.append(_concept_lines(result, sample.answer))
    model = grader.grade(question, question.model_answer)
    lines.append(f"model answer: {model.verdict} (score {model.score})")
    return "\n".join(lines), all_ok


def _lexicon_lines(question: FreeTextQuestion, grader: Grader) -> list[str]:
    """The lexicon classes (and aliases) this rubric's words stand for: what else they accept."""
    words = [word.text for word in grader.compiled(question).vocabulary.own_words()]
    used = classes_used(grader.aliases, words)
    if not used:
        return ["lexicon classes used: none\n"]
    lines = ["lexicon classes used (each form is read as the class name):"]
    lines += [f"  {name}: {', '.join(forms)}" for name, forms in sorted(used.items())]
    return [*lines, ""]


def _own_word_lines(question: FreeTextQuestion, grader: Grader) -> list[str]:
    """Each concept's own words (grading/implied.py): two of them in one sentence say the concept in plain
    words, so an author sees why a sample got a concept that none of its phrasings met."""
    compiled = grader.compiled(question)
    lines = ["own words per concept (two in one sentence credit a concept no phrasing met):"]
    for concept, words in zip(compiled.concepts, compiled.implied, strict=True):
        shown = ", ".join(sorted(words)) if len(words) >= MIN_WORDS else "too few, never credited this way"
        lines.append(f"  {concept.concept.id}: {shown}")
    return [*lines, ""]


def _myth_lines(question: FreeTextQuestion, grader: Grader) -> list[str]:
    """The curriculum-wide misconceptions checked in this question's answers, and those its rubric opts out of."""
    checked = grader.misconceptions_for(question)
    lines = [f"misconceptions checked: {len(checked) or 'none'}"]
    lines += [f"  {myth.id} ({myth.source.path}:{myth.source.line}): {one_line(myth.claim)}" for myth in checked]
    if question.rubric.ignore_misconceptions:
        lines.append(f"  ignored by this rubric: {', '.join(question.rubric.ignore_misconceptions)}")
    return [*lines, ""]


def _header(question: AnyQuestion) -> str:
    return f"{question.id} ({question.type}) at {question.source}\n{one_line(question.prompt)}\n\n"


def _concept_lines(result: GradeResult, answer: str) -> str:
    lines = []
    for concept in result.concepts:
        found = ", ".join(repr(one_line(answer[start:end])) for start, end in concept.evidence)
        flag = {"hit": "+", "missed": "-", "negated": "!"}[concept.status]
        required = " (required)" if concept.required else ""
        lines.append(f"       {flag} {concept.id}{required}: {concept.status}{' by ' + found if found else ''}")
    for claim in result.wrong_claims:
        found = ", ".join(repr(one_line(answer[start:end])) for start, end in claim.evidence)
        lines.append(f"       x wrong claim {claim.id}: {found}")
    if result.flags:
        lines.append(f"       flags: {', '.join(result.flags)}")
    return "\n".join(lines)


def _details(result: GradeResult) -> str:
    return "\n".join(f"  {line}" for line in result.details) + f"\n  score {result.score}, {result.verdict}"
