"""``gitops-tutor grade``: score one answer, or many as JSON lines, with the real grader.

Authors use ``--batch`` to try a rubric on a file of answers; a bad line becomes an
error object on its own output line, so one typo never loses the rest of the run.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import IO, Any

import click

from gitops_tutor.cli.context import Settings
from gitops_tutor.curriculum.models import AnyQuestion, ChoiceQuestion, Curriculum
from gitops_tutor.grading import Grader, GradeResult
from gitops_tutor.grading.choice import ChoiceParseError, parse_choices
from gitops_tutor.interview.answers import without_terminal_codes
from gitops_tutor.terminal_text import safe_json, sanitize

MARKS = {"hit": "✓", "missed": "✗", "negated": "⊘"}


@click.command()
@click.argument("question_id", required=False)
@click.option("--answer", "-a", help="The answer; read from stdin when not given. Choices: 1,3 or a,c.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
@click.option(
    "--batch",
    type=click.File("rb"),
    help='JSON lines {"question": ID, "answer": TEXT} from FILE (or - for stdin); one JSON result per line.',
)
@click.pass_obj
def grade(
    settings: Settings, question_id: str | None, answer: str | None, as_json: bool, batch: IO[bytes] | None
) -> None:
    """Grade ANSWER to QUESTION_ID and show score, verdict, concepts and feedback."""
    curriculum = settings.load_for_app().curriculum
    grader = Grader(curriculum.aliases, curriculum.misconceptions)
    if batch is not None:
        _grade_batch(grader, curriculum, batch)
        return
    if not question_id:
        raise click.UsageError("give a QUESTION_ID (or --batch FILE)")
    question = curriculum.questions.get(question_id)
    if question is None:
        raise click.ClickException(f"unknown question id {question_id!r} (see: gitops-tutor list questions)")
    # Text pasted from a coloured terminal: the codes would hide its words from the grader.
    text = without_terminal_codes(answer if answer is not None else sys.stdin.read())
    try:
        result = grader.grade(question, _typed_answer(question, text))
    except ChoiceParseError as exc:
        raise click.ClickException(sanitize(str(exc))) from None
    except (ValueError, RecursionError) as exc:
        raise click.ClickException(f"this answer cannot be graded: {_reason(exc)}") from None
    if as_json:
        click.echo(safe_json(result.to_dict(), indent=2))
    else:
        click.echo(sanitize(render(result, text)))


def _typed_answer(question: AnyQuestion, text: str | list[int]) -> str | tuple[int, ...]:
    """CLI choices are 1-based numbers or letters; a JSON list is 0-based, as in the API."""
    if isinstance(question, ChoiceQuestion):
        if isinstance(text, list):
            return _checked_indexes(text, len(question.options))
        if len(text) > 1000:
            raise ChoiceParseError("a choice answer is a few option numbers or letters, like 1,3 or a,c")
        return parse_choices(text, len(question.options))
    if isinstance(text, list):
        raise ChoiceParseError("this question takes a text answer, not a list")
    return text


def _checked_indexes(indexes: list[int], count: int) -> tuple[int, ...]:
    """A JSON list of 0-based option indexes; one out of range is an error, never silently dropped."""
    wrong = [i for i in indexes if not 0 <= i < count]
    if wrong:
        raise ChoiceParseError(
            f"option index {wrong[0]} is out of range: a list answer holds 0-based indexes 0-{count - 1}"
        )
    return tuple(indexes)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "it is nested too deeply"
    return str(exc).split("\n")[0][:200]


def _grade_batch(grader: Grader, curriculum: Curriculum, stream: IO[bytes]) -> None:
    """Print every line's result; exit 1 when some line could not be graded, so a script notices.

    Every line is still answered first, so one bad line never hides the results of the others.
    """
    lines = errors = 0
    for line in _batch_lines(grader, curriculum, stream):
        lines += 1
        errors += "error" in line
        click.echo(safe_json(line))
    if errors:
        click.echo(
            f"gitops-tutor grade: {errors} of {lines} lines could not be graded (see their error objects)", err=True
        )
        raise SystemExit(1)


def _batch_lines(grader: Grader, curriculum: Curriculum, stream: IO[bytes]) -> Iterator[dict[str, Any]]:
    """One result or error object per input line, whatever the line holds: nothing stops the run."""
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield {"line": number, "error": f"not UTF-8 text (byte {exc.start + 1} of the line)"}
            continue
        try:
            yield _batch_result(grader, curriculum, number, text)
        except Exception as exc:  # noqa: BLE001 - one line's failure must not lose the lines after it
            yield {"line": number, "error": f"could not grade this line: {type(exc).__name__}: {_reason(exc)}"}


def _batch_result(grader: Grader, curriculum: Curriculum, number: int, raw: str) -> dict[str, Any]:
    try:
        item = json.loads(raw)
    except json.JSONDecodeError as exc:
        return {"line": number, "error": f"not JSON: {exc.msg} at column {exc.colno}"}
    except (ValueError, RecursionError) as exc:
        return {"line": number, "error": f"not usable JSON: {_reason(exc)}"}
    if not isinstance(item, dict) or not isinstance(item.get("question"), str):
        return {"line": number, "error": 'expected an object with "question" and "answer"'}
    question = curriculum.questions.get(item["question"])
    if question is None:
        return {"line": number, "question": item["question"], "error": "unknown question id"}
    answer = item.get("answer", "")
    if not _valid_answer(answer):
        return {"line": number, "question": question.id, "error": "answer must be text or a list of option indexes"}
    try:
        result = grader.grade(question, _typed_answer(question, answer))
    except (ChoiceParseError, ValueError, RecursionError) as exc:
        return {"line": number, "question": question.id, "error": _reason(exc)}
    return {"line": number, **result.to_dict()}


def _valid_answer(answer: object) -> bool:
    if isinstance(answer, list):
        return all(isinstance(i, int) and not isinstance(i, bool) for i in answer)
    return isinstance(answer, str)


def render(result: GradeResult, answer: str) -> str:
    """The readable form: verdict line, concepts with the words that matched, claims, feedback."""
    lines = [
        f"{result.question_id}: {result.verdict.upper()}  score {result.score}/100  (suggested rating: {result.rating})"
    ]
    if result.flags:
        lines.append(f"  flags: {', '.join(result.flags)}")
    for concept in result.concepts:
        required = " (required)" if concept.required else ""
        words = _quotes(answer, concept.evidence)
        lines.append(f"  {MARKS[concept.status]} {concept.status:<7} {concept.label}{required}{words}")
    for claim in result.wrong_claims:
        lines.append(f"  ! wrong   {claim.label} (-{claim.penalty:g}){_quotes(answer, claim.evidence)}")
    lines.extend(f"  {line}" for line in result.details)
    lines.append(f"  {result.feedback}")
    return "\n".join(lines)


def _quotes(answer: str, spans: tuple[tuple[int, int], ...]) -> str:
    if not spans:
        return ""
    quoted = ", ".join(f'"{" ".join(answer[start:end].split())}"' for start, end in spans[:3])
    return f"  <- {quoted}"
