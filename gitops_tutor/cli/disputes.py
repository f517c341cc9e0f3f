"""``disputes``: the answers whose verdict you disagree with, as a table, JSON, or rubric samples.

``--yaml`` is the part for rubric authors: each dispute becomes a ``samples:`` entry whose
expected verdict is the learner's claim, grouped by question, so a team pastes them into
``content/questions/*.yaml`` and ``gitops-tutor validate`` shows which ones the rubric still
gets wrong. The grader's verdict, score and rubric version ride along as a comment.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click
import yaml

from gitops_tutor.cli.context import Settings
from gitops_tutor.cli.progress import fail, opened_store
from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.progress.disputes import Dispute
from gitops_tutor.terminal_text import safe_json, sanitize

ANSWER_COLUMN = 48
QUESTION_COLUMN = 34
SAMPLE_INDENT = " " * 6  # where a question's samples entries sit in content/questions/*.yaml


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print the disputes as JSON.")
@click.option("--yaml", "as_yaml", is_flag=True, help="Print them as rubric samples, grouped by question.")
@click.pass_context
def disputes(ctx: click.Context, as_json: bool, as_yaml: bool) -> None:
    """List the answers whose verdict you disputed (questions still in the content).

    A dispute never changes the grader's verdict in your history; it records what you think a
    fair interviewer would say, for you and for whoever maintains the rubrics.
    """
    if ctx.invoked_subcommand is not None:
        return
    if as_json and as_yaml:
        fail("choose one of --json and --yaml")
    settings: Settings = ctx.obj
    curriculum = settings.load_for_app().curriculum
    with opened_store(settings) as store:
        shown = store.disputes(curriculum)
        hidden = len(store.disputes()) - len(shown)
    if as_json:
        click.echo(safe_json([dispute.to_dict() for dispute in shown], indent=2))
    elif as_yaml:
        click.echo(sanitize(samples_yaml(shown, curriculum)), nl=False)
    else:
        click.echo(sanitize(disputes_table(shown, curriculum, hidden)))


@disputes.command()
@click.argument("dispute_id", metavar="ID", type=int)
@click.pass_obj
def withdraw(settings: Settings, dispute_id: int) -> None:
    """Take back the dispute with this ID (the first column of 'gitops-tutor disputes')."""
    with opened_store(settings) as store:
        if not store.withdraw_dispute(dispute_id):
            fail(f"no dispute with id {dispute_id}; 'gitops-tutor disputes' lists them")
    click.echo(f"Dispute {dispute_id} withdrawn; the grader's verdict stands alone again.")


# -- the table ------------------------------------------------------------------------------------


def disputes_table(shown: Sequence[Dispute], curriculum: Curriculum, hidden: int = 0) -> str:
    if not shown:
        lines = ["No disputes. When you think the grader got an answer wrong, press d on its feedback."]
    else:
        header = f"{'ID':>4}  {'question':<{QUESTION_COLUMN}}  {'grader':<12}  {'claimed':<7}  answer"
        lines = [header, "-" * len(header)]
        lines += [table_row(dispute, curriculum) for dispute in shown]
        lines += ["", "Withdraw one with 'gitops-tutor disputes withdraw ID'; '--yaml' prints them as rubric samples."]
    if hidden:
        lines.append(f"{hidden} more for questions no longer in the content are kept but not shown.")
    return "\n".join(lines)


def table_row(dispute: Dispute, curriculum: Curriculum) -> str:
    judged = dispute.judged
    grader = f"{judged.verdict} ({judged.score})"
    changed = " *" if rubric_changed(dispute, curriculum) else ""
    question = clip(judged.question_id + changed, QUESTION_COLUMN)
    return (
        f"{dispute.id:>4}  {question:<{QUESTION_COLUMN}}  {grader:<12}  {dispute.claimed:<7}  "
        f"{clip(dispute.first_line or '(blank answer)', ANSWER_COLUMN)}"
    )


def rubric_changed(dispute: Dispute, curriculum: Curriculum) -> bool:
    """The question changed since it was judged: the grader may already agree with the claim."""
    question = curriculum.questions.get(dispute.question_id)
    return question is not None and question.content_hash != dispute.judged.content_hash


def clip(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


# -- rubric samples -------------------------------------------------------------------------------


class SampleDumper(yaml.SafeDumper):
    """Answers of several lines as ``|`` blocks, as the content files write them."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and value == value.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


SampleDumper.add_representer(str, _text)


def samples_yaml(shown: Sequence[Dispute], curriculum: Curriculum) -> str:
    """Every dispute as a ``samples:`` entry under its question id, the whole a valid YAML document.

    Entries are indented as in the content files (``samples:`` at 4 spaces, entries at 6), so
    the lines under a question paste into its ``samples:`` list without re-indenting.
    """
    if not shown:
        return "# No disputes to turn into samples.\n"
    groups: dict[str, list[Dispute]] = {}
    for dispute in shown:
        groups.setdefault(dispute.question_id, []).append(dispute)
    lines = [
        "# Disputed answers as rubric samples: each sample expects the verdict the learner claimed.",
        "# Paste a question's entries under its 'samples:' in the file named beside it, then run",
        "# 'gitops-tutor validate --explain QUESTION_ID' to see which ones the rubric still gets wrong.",
    ]
    for question_id, group in groups.items():
        question = curriculum.questions.get(question_id)
        where = f"  # {question.source.path}" if question is not None else ""
        lines += ["", f"{question_id}:{where}", "    samples:"]
        for dispute in group:
            lines += sample_lines(dispute, curriculum)
    return "\n".join(lines) + "\n"


def sample_lines(dispute: Dispute, curriculum: Curriculum) -> list[str]:
    judged = dispute.judged
    comment = (
        f"# disputed {dispute.created_at.date().isoformat()}: the grader said {judged.verdict} ({judged.score}), "
        f"rubric version {judged.content_hash[:12] or 'unknown'}"
    )
    if rubric_changed(dispute, curriculum):
        comment += " (the question has changed since)"
    notes = [f"# note: {dispute.note}"] if dispute.note else []
    entry: dict[str, Any] = {"verdict": dispute.claimed, "kind": "disputed", "answer": judged.answer}
    dumped = yaml.dump([entry], Dumper=SampleDumper, sort_keys=False, allow_unicode=True, width=100)
    return [SAMPLE_INDENT + line for line in [comment, *notes, *dumped.splitlines()]]
