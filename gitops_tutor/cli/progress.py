"""``stats``, ``export``, ``import`` and ``reset``: the learner's history from the command line.

Every StoreError (newer database, damaged file, unwritable folder, bad import
file) ends the command with one line on stderr and exit code 1.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, NoReturn

import click

from gitops_tutor.cli.context import Settings
from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.progress import Mastery, ProgressStore, Stats, StoreError
from gitops_tutor.progress.scheduling import LEECH_THRESHOLD
from gitops_tutor.progress.stats import LEECHES_SHOWN
from gitops_tutor.terminal_text import safe_json, sanitize

BAR_WIDTH = 20


@contextmanager
def opened_store(settings: Settings) -> Iterator[ProgressStore]:
    """The store for this command; any StoreError, now or while in use, becomes one line and exit 1."""
    try:
        store = ProgressStore.open(settings.db_path)
        try:
            yield store
        finally:
            store.close()
    except StoreError as exc:
        fail(str(exc))


def fail(message: str) -> NoReturn:
    click.echo(f"gitops-tutor: {sanitize(message)}", err=True)
    raise SystemExit(1)


# -- stats ----------------------------------------------------------------------------------------


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as JSON.")
@click.pass_obj
def stats(settings: Settings, as_json: bool) -> None:
    """Show totals, what is due today, your streak, mastery per lesson and domain, and weak spots."""
    curriculum = settings.load_for_app().curriculum
    with opened_store(settings) as store:
        numbers = store.stats(curriculum)
    if as_json:
        click.echo(safe_json(numbers.to_dict(), indent=2))
    else:
        click.echo(sanitize(render_stats(numbers, curriculum)))


def render_stats(numbers: Stats, curriculum: Curriculum | None = None) -> str:
    t = numbers.totals
    average = "-" if t.average_score is None else str(t.average_score)
    lines = [
        "Progress",
        f"  Attempts        {t.attempts}  (passed {t.passes}, average score {average})",
        f"  Questions seen  {t.questions_seen} of {t.questions_total}",
        f"  Due now         {numbers.due_now}  ({numbers.due_later_today} more later today, "
        f"+{numbers.new_available} new available)",
        f"  Streak          {numbers.streak} day{'s' if numbers.streak != 1 else ''}  ({t.study_days} study days)",
        f"  Lessons done    {t.lessons_completed}",
    ]
    lines += disputes_line(numbers)
    lines += mastery_block("Lessons", numbers.lessons)
    lines += mastery_block("Exam domains", numbers.domains)
    lines += weak_block(numbers)
    lines += leech_block(numbers, curriculum)
    lines += trend_block(numbers)
    if t.attempts == 0:
        lines += ["", "No answers yet: run 'gitops-tutor' and start with the first lesson."]
    return "\n".join(lines)


def disputes_line(numbers: Stats) -> list[str]:
    """Scores and mastery stay the grader's; the answers the learner disputes are counted beside them."""
    if not numbers.disputes_open:
        return []
    answers = "answer" if numbers.disputes_open == 1 else "answers"
    return [
        f"  Disputed        {numbers.disputes_open} {answers} (figures here are the grader's; "
        "see 'gitops-tutor disputes')"
    ]


def bar(percent: int) -> str:
    filled = round(max(0, min(100, percent)) * BAR_WIDTH / 100)
    return "█" * filled + "·" * (BAR_WIDTH - filled)


def mastery_block(title: str, groups: tuple[Mastery, ...]) -> list[str]:
    if not groups:
        return []
    width = min(40, max(len(m.title) for m in groups))
    lines = ["", f"{title} (mastery)"]
    for m in groups:
        recent = "" if m.recent_score is None else f", recent {m.recent_score}"
        name = m.title if len(m.title) <= width else m.title[: width - 1] + "…"
        lines.append(f"  {name.ljust(width)}  {bar(m.mastery)} {m.mastery:3d}%  ({m.seen}/{m.total} tried{recent})")
    return lines


def weak_block(numbers: Stats) -> list[str]:
    topics = [spot for spot in numbers.weak_spots if spot.kind != "question"]
    if not topics:
        return []
    lines = ["", "Weak spots"]
    lines += [f"  - {spot.kind} {spot.title}: {spot.reason}" for spot in topics]
    return lines


def leech_block(numbers: Stats, curriculum: Curriculum | None) -> list[str]:
    """Questions failed again and again: worth re-reading their lesson rather than drilling more."""
    if not numbers.leeches:
        return []
    lines = ["", f"Leeches (failed {LEECH_THRESHOLD} times or more)"]
    for leech in numbers.leeches[:LEECHES_SHOWN]:
        question = curriculum.questions.get(leech.question_id) if curriculum else None
        prompt = f": {shorten(question.prompt, 70)}" if question else ""
        lines.append(f"  - {leech.question_id} ({leech.failures} failures){prompt}")
    if len(numbers.leeches) > LEECHES_SHOWN:
        lines.append(f"  ... and {len(numbers.leeches) - LEECHES_SHOWN} more (see --json)")
    return lines


def shorten(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def trend_block(numbers: Stats) -> list[str]:
    if not numbers.trend:
        return []
    lines = ["", "Last 14 days (average score)"]
    lines += [f"  {d.day}  {bar(d.average_score)} {d.average_score:3d}  ({d.attempts})" for d in numbers.trend]
    return lines


# -- export and import ----------------------------------------------------------------------------


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "md"]),
    default="json",
    show_default=True,
    help="json re-imports with 'gitops-tutor import'; md is for reading.",
)
@click.option("--out", "out", type=click.Path(path_type=Path, dir_okay=False), help="Write to FILE instead of stdout.")
@click.pass_obj
def export(settings: Settings, fmt: str, out: Path | None) -> None:
    """Export your whole history (attempts, lessons, settings, interviews)."""
    from gitops_tutor.progress.transfer import export_data, export_markdown

    with opened_store(settings) as store:
        if fmt == "json":
            data = export_data(store)
            text = safe_json(data, indent=2) + "\n"
            count = len(data["attempts"])
        else:
            text = sanitize(export_markdown(store, settings.load_for_app().curriculum))
            count = store.attempt_count()
        drafts = store.draft_count()
    if out is None:
        click.echo(text, nl=False)
    else:
        write_atomically(out, text)
        click.echo(f"Exported {plural(count, 'attempt')} to {out}", err=True)
    if drafts:  # said, not silently left behind (QA 2026-12-01): a move by export/import leaves them here
        kept = plural(drafts, "unsubmitted draft")
        click.echo(f"{kept} not exported: they stay in this database until submitted or discarded.", err=True)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def rows_named(table: str, count: int) -> str:
    one, many = ROW_NAMES.get(table, (table, table))
    return f"{count} {one if count == 1 else many}"


def write_atomically(path: Path, text: str) -> None:
    """Write beside the target and rename, so an interrupted export never leaves half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_obj
def import_history(settings: Settings, file: Path) -> None:
    """Merge a JSON export into your progress; importing the same file again changes nothing.

    Every row is checked as strictly as the app's own writes; one bad row refuses the whole file.
    """
    from gitops_tutor.cli.import_progress import progress_line
    from gitops_tutor.progress.transfer import import_file

    created = not settings.db_path.exists()
    try:
        with read_export(file) as stream, opened_store(settings) as store:
            backup = store.backup("before-import") if store.attempt_count() else None
            try:
                with progress_line(sys.stderr) as progress:
                    summary = import_file(store, stream, str(file), progress)
            except StoreError as exc:
                fail(f"{exc}. Nothing was changed.")
            except OSError as exc:
                fail(f"{file}: cannot read it ({exc.strerror or exc}). Nothing was changed.")
    except SystemExit:
        if created:  # "nothing was changed" includes not leaving an empty database behind
            remove_new_database(settings.db_path)
        raise
    click.echo(
        f"Imported {summary.attempts_added} new attempts ({summary.attempts_skipped} already present), "
        f"{summary.sections_added} lesson sections, {summary.lessons_completed_added} completed lessons, "
        f"{summary.settings_added} settings, {summary.interviews_added} interviews "
        f"({summary.interview_answers_added} answers), {summary.disputes_added} disputes."
    )
    if backup is not None:
        click.echo(f"A copy of the database from before the import is in {backup}")


def remove_new_database(db_path: Path) -> None:
    """Take away the database file a refused import created, with its WAL companions."""
    for path in (db_path, db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")):
        path.unlink(missing_ok=True)


@contextmanager
def read_export(file: Path) -> Iterator[BinaryIO]:
    """The export opened for streaming; a missing file, or one too large to be an export, is refused first.

    The text is decoded as it is read (``import_file``), so bad UTF-8 is named by its byte there.
    """
    from gitops_tutor.progress.transfer import MAX_IMPORT_BYTES

    try:
        stream = file.open("rb")
    except FileNotFoundError:
        fail(f"{file}: no such file")
    except OSError as exc:
        fail(f"{file}: cannot read it ({exc.strerror or exc})")
    with stream:
        if os.fstat(stream.fileno()).st_size > MAX_IMPORT_BYTES:
            fail(f"{file}: larger than {MAX_IMPORT_BYTES >> 20} MB, too large to be a gitops-tutor export")
        yield stream


# -- recover --------------------------------------------------------------------------------------


@click.command()
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
def recover(settings: Settings, yes: bool) -> None:
    """Salvage a damaged progress database: every readable row goes into a fresh one.

    The damaged file is kept beside it (renamed *.damaged-DATE); cards and daily totals are
    recomputed from the recovered attempts.
    """
    from gitops_tutor.progress.salvage import salvage
    from gitops_tutor.progress.timeutil import system_clock

    if not yes:
        click.confirm(f"Rebuild {settings.db_path} from the rows that can still be read?", abort=True)
    try:
        report = salvage(settings.db_path, system_clock())
    except StoreError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{settings.db_path}: could not write the recovered database ({exc.strerror}); nothing was changed")
    kept = ", ".join(rows_named(table, count) for table, count in report.rows_copied.items() if count)
    click.echo(f"Recovered {kept or 'no rows'} into {report.recovered}.")
    if report.total_lost:
        click.echo(f"{report.total_lost} rows could not be read and are lost.")
        click.echo(f"The damaged file is kept as {report.damaged_copy}.")
    else:
        click.echo(f"Every row could be read. The file it was rebuilt from is kept as {report.damaged_copy}.")


ROW_NAMES = {  # what the recovered rows are, in the learner's words: (one, many)
    "attempts": ("answer", "answers"),
    "lesson_progress": ("lesson section read", "lesson sections read"),
    "lesson_completion": ("lesson finished", "lessons finished"),
    "settings": ("setting", "settings"),
    "interviews": ("mock interview", "mock interviews"),
    "interview_answers": ("interview answer", "interview answers"),
    "disputes": ("dispute", "disputes"),
    "answer_drafts": ("unsubmitted draft", "unsubmitted drafts"),
}


# -- reset ----------------------------------------------------------------------------------------


@click.command()
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
def reset(settings: Settings, yes: bool) -> None:
    """Wipe your progress (attempts, cards, lessons, interviews); a backup copy is kept."""
    if not yes:
        click.confirm(
            f"This wipes all progress in {settings.db_path} (settings are kept, and so is a backup copy). Continue?",
            abort=True,
        )
    with opened_store(settings) as store:
        if not store.has_progress():
            click.echo(f"There is no progress to wipe in {settings.db_path}.")
            return
        backup = store.reset()
    click.echo(f"Progress wiped. The previous database is saved as {backup}")
