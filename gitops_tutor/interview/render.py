"""The report as Markdown (``--out``, the export key) and as plain text (line mode).

Both are built from the same lines so they can never say different things; the
text form just drops the Markdown markup that a screen reader would read aloud.
"""

from __future__ import annotations

from gitops_tutor.interview.report import BAND_MEANINGS, InterviewReport, QuestionReport, band_rule


def clock_text(seconds: float) -> str:
    """``mm:ss`` (or ``h:mm:ss``) for a countdown or a time spent."""
    whole = max(int(round(seconds)), 0)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def signed(delta: int) -> str:
    return f"+{delta}" if delta > 0 else str(delta)


def report_markdown(report: InterviewReport) -> str:
    lines = [f"# Mock interview report ({report.started_at[:10]})", ""]
    lines += _summary(report)
    lines += ["", "## Breakdown by CGOA domain", "", "| Domain | Score | Questions |", "| --- | ---: | ---: |"]
    lines += [f"| {b.title} | {b.score} | {b.count} |" for b in report.domains]
    lines += ["", "## Breakdown by lesson", "", "| Lesson | Score | Questions |", "| --- | ---: | ---: |"]
    lines += [f"| {b.title} | {b.score} | {b.count} |" for b in report.lessons]
    lines += ["", "## Questions", ""]
    for question in report.questions:
        lines += _question_markdown(question)
    return "\n".join(lines).rstrip() + "\n"


def _summary(report: InterviewReport) -> list[str]:
    ended = "time ran out" if report.reason == "time-up" else "finished by you"
    lines = [
        f"- **Score: {report.score}/100, {report.band}** ({BAND_MEANINGS.get(report.band, '')})",
        f"- Bands: {band_rule()}",
        f"- Setup: {report.setup}",
        f"- Answered {report.answered} of {report.total} questions in {clock_text(report.seconds_used)} "
        f"of {clock_text(report.limit_seconds)} ({ended})",
    ]
    if report.change:
        change = report.change
        lines.append(
            f"- Change: {signed(change.delta)} against the previous interview ({change.previous_score}); "
            f"best of {change.earlier_count} earlier: {change.best_before}"
        )
        if change.domain_deltas:
            parts = ", ".join(f"{k} {signed(v)}" for k, v in sorted(change.domain_deltas.items()))
            lines.append(f"- Per domain since last time: {parts}")
    else:
        lines.append("- Change: this is your first recorded interview")
    missed = report.missed_questions
    if missed:
        lines.append(f"- {len(missed)} question(s) not passed went into your review queue")
    return lines


def _question_markdown(q: QuestionReport) -> list[str]:
    title = f"### {q.position + 1}. {q.prompt.strip().splitlines()[0]}"
    lines = [title, ""]
    if q.follow_up_of:
        lines.append(f"_Follow-up: your answer to `{q.follow_up_of}` missed `{q.follow_up_concept}`._")
        lines.append("")
    flag = ", flagged" if q.flagged else ""
    lines.append(f"- Score: **{q.score}** ({q.verdict}), time {clock_text(q.seconds)}{flag}")
    lines.append(f"- Lesson: `{q.lesson}`, domain: `{q.domain}`, question `{q.question_id}`")
    if q.missed:
        lines.append("- Missed: " + "; ".join(q.missed))
    if q.wrong_claims:
        lines.append("- Wrong claims: " + "; ".join(q.wrong_claims))
    if q.feedback:
        lines.append(f"- Feedback: {q.feedback}")
    lines += [f"  - {d}" for d in q.details]
    lines += ["", "Your answer:", "", _block(q.answer if q.answered else "(no answer)", q.type)]
    lines += ["", "Model answer:", "", _block(q.model_answer, q.type), "", f"Why: {q.explanation.strip()}", ""]
    return lines


def _block(text: str, kind: str) -> str:
    fence = "```yaml" if kind == "manifest" else "```text"
    return f"{fence}\n{text.rstrip()}\n```"


def report_text(report: InterviewReport) -> str:
    """The report for line mode: no tables or markup, one fact per line."""
    lines = [f"Mock interview report, {report.started_at[:16].replace('T', ' ')} UTC"]
    lines += [line.replace("**", "").removeprefix("- ") for line in _summary(report)]
    lines.append("By CGOA domain (weakest first):")
    lines += [f"  {b.title}: {b.score} ({b.count} question{'s' if b.count != 1 else ''})" for b in report.domains]
    lines.append("By lesson (weakest first):")
    lines += [f"  {b.title}: {b.score} ({b.count} question{'s' if b.count != 1 else ''})" for b in report.lessons]
    for q in report.questions:
        lines += ["", f"Question {q.position + 1}: {q.prompt.strip()}"]
        if q.follow_up_of:
            lines.append(f"  (follow-up: the answer to {q.follow_up_of} missed {q.follow_up_concept})")
        lines.append(f"  Score {q.score}, {q.verdict}, time {clock_text(q.seconds)}{', flagged' if q.flagged else ''}")
        if q.missed:
            lines.append("  Missed: " + "; ".join(q.missed))
        if q.wrong_claims:
            lines.append("  Wrong claims: " + "; ".join(q.wrong_claims))
        if q.feedback:
            lines.append(f"  Feedback: {q.feedback}")
        lines += [f"  {d}" for d in q.details]
        lines.append("  Model answer: " + q.model_answer.strip().replace("\n", "\n    "))
    return "\n".join(lines) + "\n"
