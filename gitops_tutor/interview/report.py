"""The end-of-interview report: honest, specific, and comparable with earlier ones.

Scoring: every question asked counts the same, follow-ups included, and a question
left unanswered scores 0 (as in a real interview, silence is not partial credit).
The overall score is the mean. Verdict bands, stated in every report:

* **ready**: 80 or more; you would likely pass a GitOps interview on these topics.
* **almost**: 60 to 79; the ideas are there, the precision is not yet.
* **not yet**: below 60; study the lessons named in the breakdown first.

80 is also above the 75% pass mark people quote for the CGOA exam, so "ready"
means ready with a margin. An interview whose config has a ``pass_mark`` (the
``cgoa-exam`` preset: 75) also says pass or fail against it, and each domain names the
lessons to read next: those of the questions in it that did not pass, weakest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.interview.answers import model_answer
from gitops_tutor.interview.session import InterviewSession

BANDS: tuple[tuple[str, int], ...] = (("ready", 80), ("almost", 60), ("not yet", 0))
BAND_MEANINGS: dict[str, str] = {
    "ready": "you would likely pass an interview on these topics",
    "almost": "the ideas are there, the precision is not yet",
    "not yet": "study the weakest lessons below first",
}


def band_for(score: float) -> str:
    for name, threshold in BANDS:
        if score >= threshold:
            return name
    return BANDS[-1][0]


def band_rule() -> str:
    """The thresholds in words, printed with every report so a band is never a mystery."""
    return "ready >= 80, almost >= 60, not yet < 60"


@dataclass(frozen=True)
class QuestionReport:
    position: int
    question_id: str
    prompt: str
    type: str
    lesson: str
    domain: str
    answer: str
    answered: bool
    score: int
    verdict: str
    missed: tuple[str, ...]
    wrong_claims: tuple[str, ...]
    feedback: str
    details: tuple[str, ...]
    seconds: float
    flagged: bool
    model_answer: str
    explanation: str
    follow_up_of: str | None = None
    follow_up_concept: str | None = None
    follow_up_label: str | None = None  # the missed concept in words (reports from before it say the id)
    reached: bool = True  # shown during the interview; reports from before it only held reached questions


READ_NEXT_LIMIT = 3


@dataclass(frozen=True)
class Breakdown:
    """The mean score of the questions of one lesson or one CGOA domain.

    ``read_next`` (domains only) holds lesson ids to study next, weakest first.
    """

    id: str
    title: str
    score: int
    count: int
    read_next: tuple[str, ...] = ()


@dataclass(frozen=True)
class Change:
    """This interview against the earlier ones."""

    previous_score: int
    delta: int
    earlier_count: int
    best_before: int
    domain_deltas: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class InterviewReport:
    interview_id: str
    setup: str
    started_at: str
    finished_at: str
    reason: str
    limit_seconds: int
    seconds_used: float
    score: int
    band: str
    answered: int
    total: int
    questions: tuple[QuestionReport, ...]
    lessons: tuple[Breakdown, ...]
    domains: tuple[Breakdown, ...]
    change: Change | None = None
    pass_mark: int | None = None
    new_questions: int | None = None
    preset: str | None = None

    @property
    def drawn(self) -> int:
        """The questions of the draw, follow-ups not counted."""
        return sum(1 for q in self.questions if q.follow_up_of is None)

    @property
    def passed(self) -> bool | None:
        """Against the config's pass mark; None when the interview had none."""
        return None if self.pass_mark is None else self.score >= self.pass_mark

    @property
    def missed_questions(self) -> list[QuestionReport]:
        """Questions shown and not passed: these, and only these, go into the review queue."""
        return [q for q in self.questions if q.verdict != "pass" and q.reached]

    @property
    def unreached_questions(self) -> list[QuestionReport]:
        """Questions the interview never got to: they score 0 here and stay new for study."""
        return [q for q in self.questions if not q.reached]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> InterviewReport:
        data = dict(raw)
        data["questions"] = tuple(_question_from_dict(q) for q in raw.get("questions", ()))
        data["lessons"] = tuple(_breakdown_from_dict(b) for b in raw.get("lessons", ()))
        data["domains"] = tuple(_breakdown_from_dict(b) for b in raw.get("domains", ()))
        data["change"] = Change(**raw["change"]) if raw.get("change") else None
        return cls(**data)


def _breakdown_from_dict(raw: Mapping[str, Any]) -> Breakdown:
    data = dict(raw)
    data["read_next"] = tuple(data.get("read_next", ()))
    return Breakdown(**data)


def _question_from_dict(raw: Mapping[str, Any]) -> QuestionReport:
    data = dict(raw)
    for name in ("missed", "wrong_claims", "details"):
        data[name] = tuple(data.get(name, ()))
    return QuestionReport(**data)


def _setup(session: InterviewSession) -> str:
    """What the interview was set up as, and how many questions the filters gave when fewer than asked.

    "50 questions" above "Answered 0 of 7 questions" read as 43 questions gone missing (QA fresh-eyes-6).
    """
    setup = session.config.describe()
    drawn = session.drawn_count
    return f"{setup} (only {drawn} matched the filters)" if drawn < session.config.questions else setup


def build_report(
    session: InterviewSession, curriculum: Curriculum, earlier: Sequence[InterviewReport] = ()
) -> InterviewReport:
    """The report of a finished session; ``earlier`` are previous reports, newest first."""
    questions = tuple(_question_report(session, position) for position in range(len(session.items)))
    score = round(sum(q.score for q in questions) / len(questions)) if questions else 0
    lesson_titles = {lid: lesson.title for lid, lesson in curriculum.lessons.items()}
    domain_titles = {did: domain.name for did, domain in curriculum.domains.items()}
    domains = _with_read_next(_breakdown(questions, "domain", domain_titles), questions)
    return InterviewReport(
        interview_id=session.id,
        setup=_setup(session),
        started_at=session.created_at.isoformat(timespec="seconds"),
        finished_at=(session.finished_at or "")[:19],
        reason=session.finish_reason or "finished",
        limit_seconds=session.limit_seconds,
        seconds_used=round(session.elapsed_seconds(), 1),
        score=score,
        band=band_for(score),
        answered=sum(1 for q in questions if q.answered),
        total=len(questions),
        questions=questions,
        lessons=_breakdown(questions, "lesson", lesson_titles),
        domains=domains,
        change=_change(score, domains, earlier),
        pass_mark=session.config.pass_mark,
        new_questions=session.new_questions,
        preset=session.config.preset,
    )


def _question_report(session: InterviewSession, position: int) -> QuestionReport:
    item = session.items[position]
    question = session.question_at(position)
    result = session.result_at(position)
    missed = tuple(
        c.label + (" (you said the opposite)" if c.status == "negated" else "")
        for c in result.concepts
        if c.status != "hit"
    )
    return QuestionReport(
        position=position,
        question_id=question.id,
        prompt=question.prompt,
        type=question.type,
        lesson=question.lesson,
        domain=question.domain,
        answer=item.answer,
        answered=item.answered,
        score=result.score,
        verdict=result.verdict,
        missed=missed,
        wrong_claims=tuple(c.label for c in result.wrong_claims),
        feedback=result.feedback if item.answered else "No answer was given.",
        details=tuple(result.details),
        seconds=round(item.seconds, 1),
        flagged=item.flagged,
        model_answer=model_answer(question),
        explanation=question.explanation,
        follow_up_of=item.follow_up_of,
        follow_up_concept=item.follow_up_concept,
        follow_up_label=_follow_up_label(session, position),
        reached=item.reached,
    )


def _follow_up_label(session: InterviewSession, position: int) -> str | None:
    """The label of the concept whose miss brought this follow-up in, read from the question that missed it."""
    item = session.items[position]
    for earlier, other in enumerate(session.items):
        if item.follow_up_of and other.question_id == item.follow_up_of:
            labels = {c.id: c.label for c in session.result_at(earlier).concepts}
            return labels.get(item.follow_up_concept or "")
    return None


def _breakdown(questions: Iterable[QuestionReport], key: str, titles: Mapping[str, str]) -> tuple[Breakdown, ...]:
    """Mean score per lesson or domain, weakest first (that is where to study next)."""
    groups: dict[str, list[int]] = {}
    for question in questions:
        groups.setdefault(getattr(question, key), []).append(question.score)
    rows = [Breakdown(k, titles.get(k, k), round(sum(v) / len(v)), len(v)) for k, v in groups.items()]
    return tuple(sorted(rows, key=lambda b: (b.score, b.id)))


def _with_read_next(domains: Sequence[Breakdown], questions: Sequence[QuestionReport]) -> tuple[Breakdown, ...]:
    """Each domain with the lessons behind its questions that did not pass, weakest lesson first."""
    return tuple(replace(b, read_next=_lessons_to_read(q for q in questions if q.domain == b.id)) for b in domains)


def _lessons_to_read(questions: Iterable[QuestionReport]) -> tuple[str, ...]:
    scores: dict[str, list[int]] = {}
    for question in questions:
        if question.verdict != "pass":
            scores.setdefault(question.lesson, []).append(question.score)
    means = {lesson: sum(got) / len(got) for lesson, got in scores.items()}
    ranked = sorted(means, key=lambda lesson: (means[lesson], -len(scores[lesson]), lesson))
    return tuple(ranked[:READ_NEXT_LIMIT])


def _change(score: int, domains: Sequence[Breakdown], earlier: Sequence[InterviewReport]) -> Change | None:
    if not earlier:
        return None
    previous = earlier[0]
    before = {b.id: b.score for b in previous.domains}
    deltas = {b.id: b.score - before[b.id] for b in domains if b.id in before}
    return Change(
        previous_score=previous.score,
        delta=score - previous.score,
        earlier_count=len(earlier),
        best_before=max(r.score for r in earlier),
        domain_deltas=deltas,
    )
