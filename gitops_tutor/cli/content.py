"""``validate`` and ``list``: the commands contributors and scripts use on content."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from gitops_tutor.cli.context import Settings
from gitops_tutor.curriculum.loader import LoadResult
from gitops_tutor.curriculum.models import AnyQuestion, ChoiceQuestion, Curriculum
from gitops_tutor.curriculum.problems import Problem, format_problems
from gitops_tutor.grading.lexicon import check_lexicon
from gitops_tutor.grading.samples import check_samples


def content_problems(result: LoadResult) -> list[Problem]:
    """Loader problems plus the checks that need the grader (sample answers)."""
    return list(result.problems) + list(check_lexicon(result)) + list(check_samples(result.curriculum))


@click.command()
@click.argument("packs", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text: path:line:col lines; json: a list of objects; github: Actions annotations.",
)
@click.option(
    "--explain", "explain_id", metavar="ID", help="Show how the grader scores each sample answer of question ID."
)
@click.pass_obj
def validate(settings: Settings, packs: tuple[Path, ...], fmt: str, explain_id: str | None) -> None:
    """Check the shipped content together with PACKS (and --content packs).

    Reports every problem in one run. Exit 0 when clean, 1 on content errors.
    """
    result = settings.load(packs)
    if explain_id is not None:
        _explain(result, explain_id)
    problems = content_problems(result)
    errors = [p for p in problems if p.severity == "error"]
    output = format_problems(problems, fmt)
    if output and (fmt != "text" or problems):
        click.echo(output)
    elif fmt == "json":
        click.echo("[]")
    if fmt == "text":
        cur = result.curriculum
        summary = (
            f"{len(errors)} error(s), {len(problems) - len(errors)} warning(s) in "
            f"{len(cur.packs)} pack(s): {len(cur.lessons)} lessons, {len(cur.questions)} questions, "
            f"{len(cur.comparison.dimensions) if cur.comparison else 0} comparison dimensions"
        )
        click.echo(summary, err=True)
    raise SystemExit(1 if errors else 0)


@click.command("list")
@click.argument("what", type=click.Choice(["lessons", "questions", "comparison"]))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--lesson", "lesson_filter", help="Only questions of this lesson.")
@click.option("--type", "type_filter", help="Only questions of this type.")
@click.pass_obj
def list_items(
    settings: Settings, what: str, as_json: bool, lesson_filter: str | None, type_filter: str | None
) -> None:
    """List lessons, questions or comparison dimensions."""
    cur = settings.load().curriculum
    rows = _rows(cur, what)
    if lesson_filter:
        rows = [r for r in rows if r.get("lesson") == lesson_filter]
    if type_filter:
        rows = [r for r in rows if r.get("type") == type_filter]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    click.echo(_table(rows, what))
    if what == "questions":
        click.echo(_type_counts(rows))


def _rows(cur: Curriculum, what: str) -> list[dict[str, Any]]:
    if what == "lessons":
        return [
            {
                "id": lesson.id,
                "type": "lesson",
                "title": lesson.title,
                "lesson": lesson.id,
                "order": lesson.order,
                "domain": lesson.domain,
                "tags": [],
                "pack": lesson.pack,
                "questions": len(lesson.check_questions),
            }
            for lesson in cur.lessons_in_order()
        ]
    if what == "comparison":
        dims = cur.comparison.dimensions if cur.comparison else ()
        return [
            {
                "id": d.id,
                "type": "dimension",
                "title": d.name,
                "lesson": None,
                "tags": [],
                "argo": d.argo,
                "flux": d.flux,
            }
            for d in dims
        ]
    order = {lesson.id: lesson.order for lesson in cur.lessons.values()}
    questions = sorted(cur.questions.values(), key=lambda q: (order.get(q.lesson, 1 << 30), q.lesson, q.id))
    return [_question_row(q) for q in questions]


def _question_row(q: AnyQuestion) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": q.id,
        "type": q.type,
        "prompt": q.prompt,
        "lesson": q.lesson,
        "tags": list(q.tags),
        "domain": q.domain,
        "difficulty": q.difficulty,
        "senior": q.senior,
        "pack": q.pack,
    }
    if isinstance(q, ChoiceQuestion):
        row["options"] = len(q.options)
    return row


def _table(rows: list[dict[str, Any]], what: str) -> str:
    if what == "lessons":
        cols = [("order", 5), ("id", 30), ("title", 44), ("questions", 9)]
    elif what == "comparison":
        cols = [("id", 24), ("title", 40)]
    else:
        cols = [("id", 38), ("type", 13), ("lesson", 24), ("difficulty", 3), ("prompt", 60)]
    header = "  ".join(name.upper()[:width].ljust(width) for name, width in cols).rstrip()
    lines = [header]
    for row in rows:
        cells = [_cell(row.get(name), width) for name, width in cols]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _cell(value: Any, width: int) -> str:
    text = " ".join(str(value if value is not None else "").split())
    if len(text) > width:
        text = text[: width - 1] + "…"
    return text.ljust(width)


def _type_counts(rows: list[dict[str, Any]]) -> str:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["type"]] = counts.get(row["type"], 0) + 1
    parts = ", ".join(f"{n} {t}" for t, n in sorted(counts.items()))
    return f"\n{len(rows)} questions: {parts}"


def _explain(result: LoadResult, question_id: str) -> None:
    from gitops_tutor.cli.explain import explain
    from gitops_tutor.grading import Grader

    question = result.curriculum.questions.get(question_id)
    if question is None:
        raise click.UsageError(f"no question with id '{question_id}' (see 'gitops-tutor list questions')")
    report, all_ok = explain(question, Grader(result.curriculum.aliases))
    click.echo(report)
    raise SystemExit(0 if all_ok else 1)
