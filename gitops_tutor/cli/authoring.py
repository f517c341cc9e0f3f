"""``gitops-tutor new``: skeletons for contributors, with a fresh id and TODO markers."""

from __future__ import annotations

from pathlib import Path

import click

from gitops_tutor.cli.context import Settings
from gitops_tutor.curriculum import skeletons


@click.group()
def new() -> None:
    """Write a skeleton lesson or question to fill in."""


@new.command("lesson")
@click.option("--id", "lesson_id", help="The lesson id (kebab-case); a fresh one if not given.")
@click.option("--pack", type=click.Path(path_type=Path, file_okay=False), default=Path("."), show_default=True)
@click.option("--order", type=int, default=1000, show_default=True, help="Position among the lessons.")
def new_lesson(lesson_id: str | None, pack: Path, order: int) -> None:
    """Create PACK/lessons/<id>.yaml."""
    lesson_id = lesson_id or skeletons.fresh_id("lesson")
    target = pack / "lessons" / f"{lesson_id}.yaml"
    if target.exists():
        raise click.ClickException(f"{target} already exists")
    _write(target, skeletons.lesson_file(target, lesson_id, order))
    click.echo(f"wrote {target}: fill in the TODO markers, then run 'gitops-tutor validate {pack}'")


@new.command("question")
@click.option("--type", "qtype", type=click.Choice(skeletons.QUESTION_TYPES), default="free-text", show_default=True)
@click.option("--lesson", "lesson_id", help="The lesson the question belongs to.")
@click.option("--pack", type=click.Path(path_type=Path, file_okay=False), default=Path("."), show_default=True)
@click.pass_obj
def new_question(settings: Settings, qtype: str, lesson_id: str | None, pack: Path) -> None:
    """Append a question to PACK/questions/<lesson>.yaml (created if needed)."""
    lesson = lesson_id or "todo-lesson"
    if lesson_id is not None:
        known = settings.load((pack,)).curriculum.lessons if pack.is_dir() else {}
        if lesson_id not in known:
            click.echo(f"note: no lesson '{lesson_id}' is loaded yet; validate will say so until it exists", err=True)
    question_id = skeletons.fresh_id(f"{lesson}-q")
    target = pack / "questions" / f"{lesson}.yaml"
    item = skeletons.question_item(question_id, lesson, qtype)
    if target.exists():
        _append(target, item)
    else:
        _write(target, skeletons.questions_file(target, item))
    click.echo(f"added {qtype} question '{question_id}' to {target}; fill in the TODO markers")


def _write(target: Path, text: str) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {target}: {exc.strerror or exc}") from None


def _append(target: Path, item: str) -> None:
    """Questions files end with the ``questions:`` list, so a new item goes at the end."""
    text = target.read_text(encoding="utf-8")
    if "\nquestions:" not in text:
        raise click.ClickException(f"{target} has no 'questions:' list to add to")
    if text and not text.endswith("\n"):
        text += "\n"
    _write(target, text + item)
