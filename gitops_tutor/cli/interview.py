"""``gitops-tutor interview``: a timed mock interview, in the app or in line mode (``--plain``)."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from gitops_tutor.cli.context import Settings
from gitops_tutor.interview.config import PRESETS, InterviewConfig, build_config
from gitops_tutor.interview.errors import InterviewError
from gitops_tutor.interview.lease import (
    HEARTBEAT_SECONDS,
    InterviewInUse,
    InterviewTakenOver,
    SaveOutcome,
    answers_text,
    taken_over_message,
)
from gitops_tutor.interview.render import clock_text

CUSTOM_PRESET = "custom"

if TYPE_CHECKING:
    from gitops_tutor.interview.report import InterviewReport
    from gitops_tutor.interview.service import InterviewService
    from gitops_tutor.interview.session import InterviewSession
    from gitops_tutor.progress import ProgressStore


@click.command()
@click.option(
    "--preset",
    type=click.Choice(sorted(PRESETS)),
    help=(
        "quick: 10 min/4 q; standard (the default): 30 min/8 q; cgoa: CGOA domain weights, choice questions too; "
        "cgoa-exam: the full CGOA simulation, 60 choice questions in 90 min, pass at 75%."
    ),
)
@click.option("--minutes", type=int, help="Time limit (overrides the preset).")
@click.option("--questions", type=int, help="Number of questions before follow-ups (overrides the preset).")
@click.option("--lesson", "lessons", multiple=True, help="Only questions of this lesson (repeatable).")
@click.option("--domain", "domains", multiple=True, help="Only questions of this CGOA domain (repeatable).")
@click.option("--pack", "packs", multiple=True, help="Only questions of this content pack (repeatable).")
@click.option("--difficulty", type=click.IntRange(1, 3), help="Only questions of this difficulty.")
@click.option("--seed", type=int, help="Draw the same questions again (printed in every report).")
@click.option("--resume", is_flag=True, help="Resume the unfinished interview with its answers and time left.")
@click.option(
    "--take-over",
    is_flag=True,
    help="With --resume: take over an interview that is open in another window (that window stops saving).",
)
@click.option("--discard", is_flag=True, help="Discard the unfinished interview and stop.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="Write the report as Markdown.")
@click.option("--plain", is_flag=True, help="Line mode for screen readers and scripts: stdin and stdout.")
@click.pass_obj
def interview(
    settings: Settings,
    preset: str | None,
    minutes: int | None,
    questions: int | None,
    lessons: tuple[str, ...],
    domains: tuple[str, ...],
    packs: tuple[str, ...],
    difficulty: int | None,
    seed: int | None,
    resume: bool,
    take_over: bool,
    discard: bool,
    out: Path | None,
    plain: bool,
) -> None:
    """Take a timed mock interview: no scores until the end, then a report.

    Answers are saved as you type; if the process dies, `--resume` carries on with
    the answers and the time left. Missed questions go into the review queue.
    Report bands: ready >= 80, almost >= 60, not yet < 60.

    With --plain, each answer is the lines typed up to a line holding a single
    "." (choice questions: option numbers such as 1,3); the end of input
    finishes the interview.
    """
    try:
        config = build_config(
            preset or "standard",
            minutes=minutes,
            questions=questions,
            lessons=lessons,
            domains=domains,
            difficulty=difficulty,
            seed=seed,
            packs=packs,
        )
    except InterviewError as error:
        raise click.UsageError(str(error)) from None
    if preset is None and (minutes is not None or questions is not None):
        config = replace(config, preset=CUSTOM_PRESET)  # its own length: not "standard" in the report
    if out is not None:
        _check_writable(out)
    if discard:
        _discard(settings)
    elif plain:
        _run_plain(settings, config, resume, out, take_over)
    elif not _stdin_is_terminal():
        click.echo("gitops-tutor: the input is not a terminal, so the interview runs in line mode (--plain).", err=True)
        _run_plain(settings, config, resume, out, take_over)
    else:
        _run_in_app(settings, config, resume, out, take_over)


def _stdin_is_terminal() -> bool:
    """The app needs a terminal to read keys from; ``interview < answers.txt`` is a script."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except ValueError:  # closed
        return False


def _check_writable(out: Path) -> None:
    """Refuse a bad --out before the interview, not after 30 minutes of answers."""
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise click.UsageError(f"--out: the folder {folder} does not exist")


def _run_plain(
    settings: Settings, config: InterviewConfig, resume: bool, out: Path | None, take_over: bool = False
) -> None:
    from gitops_tutor.interview.render import report_text
    from gitops_tutor.progress import StoreError
    from gitops_tutor.terminal_text import wrap_lines

    width = _wrap_width()
    with _open_store(settings) as store:
        try:
            service = _service(store, settings)
            session = _open_session(service, config, resume, take_over)
            try:
                _run_lines(session, resume, width, _Heartbeat(service, session))
            finally:
                if session.running:  # kept for --resume: another window may take it without asking
                    _release(service, session)
            if session.running:  # input ended before any line: kept for --resume, nothing to report
                return
            report = service.complete(session)
        except InterviewTakenOver as error:
            _show_kept_answers(service, session, str(error), width)
        except (InterviewError, StoreError) as error:
            _fail(str(error))
    click.echo("")
    click.echo(wrap_lines(report_text(report), width), nl=False)
    if out is not None:
        _write_report(out, report)


class _Heartbeat:
    """Called while line mode waits for input: refreshes this window's lease every few seconds."""

    def __init__(self, service: InterviewService, session: InterviewSession) -> None:
        self.service, self.session = service, session
        self.last = time.monotonic()

    def __call__(self) -> None:
        if not self.session.running or time.monotonic() - self.last < HEARTBEAT_SECONDS:
            return
        self.last = time.monotonic()
        outcome = self.service.heartbeat(self.session.id)
        if outcome is not SaveOutcome.SAVED:
            raise InterviewTakenOver(taken_over_message(outcome))


def _release(service: InterviewService, session: InterviewSession) -> None:
    from gitops_tutor.progress import StoreError

    with contextlib.suppress(StoreError):  # else the lease goes stale on its own within seconds
        service.release(session.id)


def _show_kept_answers(service: InterviewService, session: InterviewSession, reason: str, width: int | None) -> None:
    """Line mode lost its interview to another window: say so, print what it typed, keep it, exit 1."""
    from gitops_tutor.progress import StoreError
    from gitops_tutor.terminal_text import wrap_lines

    try:
        kept = service.unsaved_answers(session)
        service.keep_recovery(session, SaveOutcome.TAKEN_OVER)
    except StoreError:
        kept = [(n, item.answer) for n, item in enumerate(session.items, start=1) if item.answer.strip()]
    click.echo("")
    click.echo(wrap_lines(f"{reason}: nothing more is saved from here.", width))
    if kept:
        kept_note = "What you typed here that the saved interview does not hold (also kept in the database):"
        click.echo(wrap_lines(kept_note, width))
        click.echo(answers_text(kept))
    raise SystemExit(1)


def _run_lines(session: InterviewSession, resume: bool, width: int | None, idle: Callable[[], None]) -> None:
    """The line-mode loop; Ctrl-C keeps every answer and says how to go on (exit 130, as shells expect)."""
    from gitops_tutor.interview.plain import LineInterview, StdinLines
    from gitops_tutor.terminal_text import wrap_lines

    lines = StdinLines(_stdin_fd(), _stdin_line, encoding=getattr(sys.stdin, "encoding", None) or "utf-8")
    try:
        LineInterview(session, lines, click.echo, width=width, idle=idle).run(resumed=resume)
    except KeyboardInterrupt:
        if session.running and session.on_change is not None:
            session.on_change(session)  # a save, even if the interrupt cut the last one short
        click.echo("")
        stopped = (
            "Stopped. Every answer so far is saved: carry on with `gitops-tutor interview --plain --resume` "
            "(or drop it with --discard)."
        )
        click.echo(wrap_lines(stopped, width), err=True)
        raise SystemExit(130) from None
    finally:
        drop_typeahead(_stdin_fd())


def drop_typeahead(fd: int | None) -> None:
    """Throw away what was typed at the terminal and not yet read when line mode ends.

    The terminal keeps a line being typed until Enter. When time runs out mid-line, that line
    is not an answer, and left in the terminal the shell reads it as its next command once the
    interview exits: an answer such as ``kubectl delete app web --cascade=false`` then runs at
    the next Enter (QA fresh-eyes-6). Only a terminal is flushed; a pipe or a file is left alone.
    """
    if fd is None or sys.platform == "win32":
        return
    import os
    import termios

    with contextlib.suppress(OSError, termios.error):
        if os.isatty(fd):
            termios.tcflush(fd, termios.TCIFLUSH)


def _stdin_fd() -> int | None:
    try:
        return sys.stdin.fileno()
    except (AttributeError, OSError, ValueError):  # an in-memory stream (tests) or a closed one
        return None


def _wrap_width() -> int | None:
    """Wrap at the terminal's width; when the output is a file or pipe, only if COLUMNS says so."""
    import os
    import shutil

    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns - 1
    columns = os.environ.get("COLUMNS", "")
    return int(columns) - 1 if columns.isascii() and columns.isdigit() and len(columns) < 5 else None


def _discard(settings: Settings) -> None:
    from gitops_tutor.progress import StoreError

    with _open_store(settings) as store:
        try:
            service = _service(store, settings)
            _discard_abandoned(service)
            waiting = service.resumable()
            if waiting is None:
                click.echo("There is no unfinished interview to discard.", err=True)
                return
            service.discard(waiting.id)
        except (InterviewError, StoreError) as error:
            _fail(str(error))
    click.echo(f"Discarded interview {waiting.id} ({waiting.answered} of {waiting.question_count} answered).")


def _open_store(settings: Settings) -> ProgressStore:
    from gitops_tutor.progress import ProgressStore, StoreError

    try:
        return ProgressStore.open(settings.db_path)
    except StoreError as error:
        _fail(str(error))


def _service(store: ProgressStore, settings: Settings) -> InterviewService:
    from gitops_tutor.interview.service import InterviewService

    return InterviewService(store, settings.load_for_app().curriculum)


def _discard_abandoned(service: InterviewService) -> None:
    for stale in service.discard_abandoned():
        click.echo(f"Discarded interview {stale}, abandoned for more than a day.", err=True)


def _open_session(
    service: InterviewService, config: InterviewConfig, resume: bool, take_over: bool = False
) -> InterviewSession:
    """The session to run: the unfinished one with --resume, else a new one if none is waiting."""
    _discard_abandoned(service)
    waiting = service.resumable()
    if resume:
        if waiting is None:
            _fail("there is no unfinished interview to resume; start one without --resume")
        try:
            return service.resume(waiting, take_over=take_over)
        except InterviewInUse as error:
            _fail(f"{error}: add --take-over to take it over here (that window stops saving), or go on there")
    if waiting is not None:
        _fail(
            f"an unfinished interview from {waiting.created_at:%Y-%m-%d %H:%M} UTC is waiting "
            f"({waiting.answered} of {waiting.question_count} answered, {clock_text(waiting.remaining_seconds)} left): "
            "continue it with --resume or drop it with --discard"
        )
    return service.start(config)


def _stdin_line() -> str | None:
    """One line of input without its newline; None at the end of input (or with no stdin at all: ``<&-``)."""
    if sys.stdin is None:
        return None
    line = sys.stdin.readline()
    if not line:
        return None
    return line.rstrip("\r\n")


def _write_report(out: Path, report: InterviewReport) -> None:
    from gitops_tutor.interview.render import report_markdown

    try:
        out.write_text(report_markdown(report), encoding="utf-8")
    except OSError as error:
        _fail(f"{out}: cannot write the report ({error.strerror}); it is kept in the history")
    click.echo(f"Report written to {out}", err=True)


def _fail(message: str) -> NoReturn:
    click.echo(f"gitops-tutor: {message}", err=True)
    raise SystemExit(1)


def _run_in_app(
    settings: Settings, config: InterviewConfig, resume: bool, out: Path | None, take_over: bool = False
) -> None:
    try:
        from gitops_tutor.tui.screens.interview_launch import run_interview_app
    except ImportError:
        _fail("the interview screens are not available in this build; use --plain")
    report = run_interview_app(settings, config, resume=resume, take_over=take_over)
    if report is not None and out is not None:
        _write_report(out, report)
