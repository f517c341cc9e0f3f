"""``validate`` and ``list``: the commands contributors and scripts use on content."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import click

from gitops_tutor.cli.context import Settings
from gitops_tutor.curriculum.collected import LoadResult
from gitops_tutor.curriculum.models import QUESTION_TYPES, AnyQuestion, ChoiceQuestion, Curriculum
from gitops_tutor.curriculum.problems import Problem, format_problems
from gitops_tutor.terminal_text import safe_json, sanitize


def content_problems(result: LoadResult) -> list[Problem]:
    """Loader problems plus the checks that need the grader (sample answers) or the interview presets.

    The grader is imported here, not at the top: ``list`` shares this module and never grades,
    and importing the grader is about a third of its CPU on the shipped content.
    """
    from gitops_tutor.grading.lexicon import check_lexicon
    from gitops_tutor.grading.samples import check_samples

    return (
        list(result.problems)
        + list(check_lexicon(result))
        + list(check_samples(result.curriculum))
        + _preset_capacity(result.curriculum)
    )


def _preset_capacity(cur: Curriculum) -> list[Problem]:
    """Warnings when the content cannot fill an interview preset (imported here: only validate needs it)."""
    from gitops_tutor.curriculum.validate import check_preset_capacity
    from gitops_tutor.interview.config import PRESETS
    from gitops_tutor.interview.draw import preset_needs

    return list(check_preset_capacity(cur, preset_needs(cur, PRESETS)))


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
@click.option("--type", "type_filter", help=f"Only questions of this type ({', '.join(QUESTION_TYPES)}).")
@click.pass_obj
def list_items(
    settings: Settings, what: str, as_json: bool, lesson_filter: str | None, type_filter: str | None
) -> None:
    """List lessons, questions or comparison dimensions.

    IDs are never shortened, so any of them can be copied into ``grade`` or ``--lesson``.
    """
    cur = settings.load_for_app().curriculum  # refuses a missing pack, warns about broken files
    _check_filters(cur, lesson_filter, type_filter)
    rows = _rows(cur, what)
    if lesson_filter:
        rows = [r for r in rows if r.get("lesson") == lesson_filter]
    if type_filter:
        rows = [r for r in rows if r.get("type") == type_filter]
    if as_json:
        click.echo(safe_json(rows, indent=2))
        return
    click.echo(_table(rows, what, shutil.get_terminal_size().columns))
    if what == "questions":
        click.echo(_type_counts(rows))


def _check_filters(cur: Curriculum, lesson_filter: str | None, type_filter: str | None) -> None:
    """An unknown lesson or type is a usage error, as in ``interview --lesson``, not an empty table."""
    if type_filter is not None and type_filter not in QUESTION_TYPES:
        raise click.BadParameter(
            f"'{type_filter}' is not a question type (choose from: {', '.join(QUESTION_TYPES)})", param_hint="--type"
        )
    if lesson_filter is not None and lesson_filter not in cur.lessons:
        raise click.BadParameter(f"no lesson '{lesson_filter}' (see: gitops-tutor list lessons)", param_hint="--lesson")


def _rows(cur: Curriculum, what: str) -> list[dict[str, Any]]:
    if what == "lessons":
        per_lesson: dict[str, int] = {}
        for question in cur.questions.values():
            per_lesson[question.lesson] = per_lesson.get(question.lesson, 0) + 1
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
                "questions": per_lesson.get(lesson.id, 0),
                "checks": len(lesson.check_questions),
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


# (column, heading): every column but the last is as wide as its widest value; the last
# (a title or a prompt) gets what is left of the terminal and is the only one ever shortened.
TABLE_COLUMNS = {
    "lessons": [("order", "ORDER"), ("id", "ID"), ("checks", "CHECKS"), ("questions", "QUESTIONS"), ("title", "TITLE")],
    "comparison": [("id", "ID"), ("title", "TITLE")],
    "questions": [("id", "ID"), ("type", "TYPE"), ("lesson", "LESSON"), ("difficulty", "LVL"), ("prompt", "PROMPT")],
}
LAST_COLUMN_AT_LEAST = 20


def _table(rows: list[dict[str, Any]], what: str, terminal_width: int = 120) -> str:
    columns = TABLE_COLUMNS[what]
    cells = [[_flat(row.get(name)) for name, _heading in columns] for row in rows]
    widths = [max([len(heading)] + [len(line[i]) for line in cells]) for i, (_name, heading) in enumerate(columns)]
    used = sum(widths[:-1]) + 2 * (len(columns) - 1)
    widths[-1] = max(LAST_COLUMN_AT_LEAST, terminal_width - used - 1)
    lines = ["  ".join(heading.ljust(width) for (_name, heading), width in zip(columns, widths, strict=True))]
    for line in cells:
        *fixed, last = line
        shown = [value.ljust(width) for value, width in zip(fixed, widths, strict=False)]
        lines.append("  ".join([*shown, _shorten(last, widths[-1])]))
    return "\n".join(line.rstrip() for line in lines)


def _flat(value: Any) -> str:
    """One line of printable text: content comes from strangers, so controls become visible."""
    return sanitize(" ".join(str(value if value is not None else "").split()))


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _type_counts(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "\nNo questions match."
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["type"]] = counts.get(row["type"], 0) + 1
    parts = ", ".join(f"{n} {t}" for t, n in sorted(counts.items()))
    return f"\n{len(rows)} question{'s' if len(rows) != 1 else ''}: {parts}"


def _explain(result: LoadResult, question_id: str) -> None:
    from gitops_tutor.cli.explain import explain
    from gitops_tutor.grading import Grader

    question = result.curriculum.questions.get(question_id)
    if question is None:
        raise click.UsageError(f"no question with id '{question_id}' (see 'gitops-tutor list questions')")
    report, all_ok = explain(question, Grader(result.curriculum.aliases, result.curriculum.misconceptions))
    click.echo(report)
    raise SystemExit(0 if all_ok else 1)
