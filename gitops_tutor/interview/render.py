"""The report as Markdown (``--out``, the export key), as plain text (line mode), and as facts.

Every renderer starts from the same facts: ``summary_facts`` for the whole interview
and ``question_facts`` for each question, so the Markdown, the plain text and the
app's report screen can never say different things. A renderer only decides how a
fact looks (a bullet, a line, a block that keeps its line breaks). Both text outputs
go through ``printable``: pack text and answers may hold terminal control sequences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gitops_tutor.interview.report import BAND_MEANINGS, Breakdown, InterviewReport, QuestionReport, band_rule
from gitops_tutor.terminal_text import printable


@dataclass(frozen=True)
class Fact:
    """One thing the report says: a labelled line, or a block whose line breaks matter.

    ``block`` names the block's kind (``"yaml"`` or ``"text"``): answers and model
    answers keep their lines (a manifest is unreadable flattened) and wrap on screen.
    ``strong`` marks the one fact a reader looks for first (the score).
    """

    label: str
    text: str
    block: str | None = None
    strong: bool = False


def clock_text(seconds: float) -> str:
    """``mm:ss`` (or ``h:mm:ss``) for a countdown or a time spent."""
    whole = max(int(round(seconds)), 0)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def fresh_paper_text(new: int, drawn: int, preset: str) -> str:
    """One line on how fresh a rotating preset's paper is, e.g. after three mocks on a 180-question bank."""
    text = f"{new} of {drawn} questions new to you in your {preset} mocks"
    return text if new >= drawn else f"{text} (the rest are the ones asked longest ago)"


def signed(delta: int) -> str:
    """A change with its sign, no change as "±0": a bare "tooling 0" reads as a score of 0."""
    return f"+{delta}" if delta > 0 else str(delta) if delta < 0 else "±0"


# -- the facts ------------------------------------------------------------------------------------


def summary_facts(report: InterviewReport) -> list[Fact]:
    """What the whole interview came to, and how it compares with the earlier ones."""
    ended = "time ran out" if report.reason == "time-up" else "finished by you"
    facts = [
        Fact("Score", f"{report.score}/100, {report.band} ({BAND_MEANINGS.get(report.band, '')})", strong=True),
        Fact("Bands", band_rule()),
        *_exam_result(report),
        Fact("Setup", report.setup),
        *_fresh_paper(report),
        Fact(
            "",
            f"Answered {report.answered} of {report.total} questions in {clock_text(report.seconds_used)} "
            f"of {clock_text(report.limit_seconds)} ({ended})",
        ),
    ]
    change = report.change
    if change:
        facts.append(
            Fact(
                "Change",
                f"{signed(change.delta)} against the previous interview ({change.previous_score}); "
                f"best of {change.earlier_count} earlier: {change.best_before}",
            )
        )
        if change.domain_deltas:
            parts = ", ".join(f"{k} {signed(v)}" for k, v in sorted(change.domain_deltas.items()))
            facts.append(Fact("Per domain since last time", parts))
    else:
        facts.append(Fact("Change", "this is your first recorded interview"))
    missed = len(report.missed_questions)
    if missed:
        noun = "question" if missed == 1 else "questions"
        facts.append(Fact("", f"{missed} {noun} not passed went into your review queue"))
    unreached = len(report.unreached_questions)
    if unreached:
        said = (
            "question never reached scores 0 here and stays"
            if unreached == 1
            else "questions never reached score 0 here and stay"
        )
        facts.append(Fact("", f"{unreached} {said} new for study"))
    return facts


def _exam_result(report: InterviewReport) -> list[Fact]:
    """Pass or fail against the interview's pass mark (the CGOA exam simulation has one)."""
    if report.pass_mark is None:
        return []
    verdict = "pass" if report.passed else "fail"
    return [
        Fact("Exam result", f"{verdict} ({report.score}/100 against a pass mark of {report.pass_mark})", strong=True)
    ]


def _fresh_paper(report: InterviewReport) -> list[Fact]:
    """How many questions were new in this preset's mocks (only presets that rotate their papers)."""
    if report.new_questions is None:
        return []
    return [Fact("Paper", fresh_paper_text(report.new_questions, report.drawn, report.preset or "interview"))]


def read_next_text(report: InterviewReport, domain: Breakdown) -> str:
    """The lessons to read next for one domain, by title; a dash when every question passed."""
    titles = {b.id: b.title for b in report.lessons}
    return "; ".join(titles.get(lesson, lesson) for lesson in domain.read_next) or "-"


def question_title(q: QuestionReport) -> str:
    """The heading of a question: its number and the first line of its prompt."""
    lines = q.prompt.strip().splitlines()
    return f"{q.position + 1}. {lines[0] if lines else q.question_id}"


def question_facts(report: InterviewReport, q: QuestionReport) -> list[Fact]:
    """Everything the report says about one question, in reading order."""
    facts: list[Fact] = []
    if q.follow_up_of:
        asked_by = next((p for p in report.questions if p.question_id == q.follow_up_of), None)
        source = f"question {asked_by.position + 1}" if asked_by else q.follow_up_of
        concept = q.follow_up_label or q.follow_up_concept
        facts.append(Fact("Follow-up", f"asked because your answer to {source} missed: {concept}"))
    flag = ", flagged" if q.flagged else ""
    facts.append(Fact("Score", f"{q.score} ({q.verdict}), time {clock_text(q.seconds)}{flag}", strong=True))
    lessons = {b.id: b.title for b in report.lessons}
    domains = {b.id: b.title for b in report.domains}
    where = f"{lessons.get(q.lesson, q.lesson)}; domain: {domains.get(q.domain, q.domain)}; question id {q.question_id}"
    facts.append(Fact("Lesson", where))
    if q.missed:
        facts.append(Fact("Missed", "; ".join(q.missed)))
    if q.wrong_claims:
        facts.append(Fact("Wrong claims", "; ".join(q.wrong_claims)))
    if q.feedback:
        facts.append(Fact("Feedback", q.feedback))
    facts += [Fact("Check", detail) for detail in q.details]
    kind = "yaml" if q.type == "manifest" else "text"
    facts.append(Fact("Your answer", q.answer if q.answered else "(no answer)", block=kind))
    facts.append(Fact("Model answer", q.model_answer, block=kind))
    if q.explanation.strip():
        facts.append(Fact("Why", q.explanation.strip()))
    return facts


# -- Markdown -------------------------------------------------------------------------------------


def report_markdown(report: InterviewReport) -> str:
    lines = [f"# Mock interview report ({report.started_at[:10]})", ""]
    lines += [_markdown_bullet(fact) for fact in summary_facts(report)]
    lines += ["", "## Breakdown by CGOA domain", "", "| Domain | Score | Questions | Read next |"]
    lines += ["| --- | ---: | ---: | --- |"]
    lines += [
        f"| {_cell(b.title)} | {b.score} | {b.count} | {_cell(read_next_text(report, b))} |" for b in report.domains
    ]
    lines += ["", "## Breakdown by lesson", "", "| Lesson | Score | Questions |", "| --- | ---: | ---: |"]
    lines += [f"| {_cell(b.title)} | {b.score} | {b.count} |" for b in report.lessons]
    lines += ["", "## Questions", ""]
    for question in report.questions:
        lines += [f"### {question_title(question)}", ""]
        for fact in question_facts(report, question):
            lines += _markdown_fact(fact)
        lines.append("")
    return printable("\n".join(lines).rstrip() + "\n")


def labelled(fact: Fact) -> str:
    """``label: text``, or the text alone when it reads as a sentence (no label)."""
    return f"{fact.label}: {fact.text}" if fact.label else fact.text


def _markdown_bullet(fact: Fact) -> str:
    return f"- **{labelled(fact)}**" if fact.strong else f"- {labelled(fact)}"


def _markdown_fact(fact: Fact) -> list[str]:
    if fact.block is None:
        return [_markdown_bullet(fact)]
    return ["", f"{fact.label}:", "", fenced(fact.text, fact.block), ""]


def fenced(text: str, kind: str) -> str:
    """A fenced code block that the text cannot close early: the fence outruns any backtick run in it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{kind}\n{text.rstrip()}\n{fence}"


def _cell(text: str) -> str:
    """A table cell on one line: a title never holds a line break, but a pack could try."""
    return " ".join(text.split()).replace("|", "\\|")


# -- plain text -----------------------------------------------------------------------------------


def report_text(report: InterviewReport) -> str:
    """The report for line mode: no tables or markup, one fact per line, blocks indented."""
    lines = [f"Mock interview report, {report.started_at[:16].replace('T', ' ')} UTC"]
    lines += [labelled(fact) for fact in summary_facts(report)]
    lines.append("By CGOA domain (weakest first):")
    lines += [
        f"  {b.title}: {b.score} ({b.count} question{'s' if b.count != 1 else ''})"
        + (f". Read next: {read_next_text(report, b)}" if b.read_next else "")
        for b in report.domains
    ]
    lines.append("By lesson (weakest first):")
    lines += [f"  {b.title}: {b.score} ({b.count} question{'s' if b.count != 1 else ''})" for b in report.lessons]
    for question in report.questions:
        lines += ["", f"Question {question.position + 1}: {question.prompt.strip()}"]
        for fact in question_facts(report, question):
            lines += _text_fact(fact)
    return printable("\n".join(lines) + "\n")


def _text_fact(fact: Fact) -> list[str]:
    if fact.block is None:
        return [f"  {labelled(fact)}"]
    return [f"  {fact.label}:", *(f"    {line}" for line in fact.text.rstrip().splitlines())]
