"""The one entry point every layer uses: ``Grader(aliases).grade(question, answer)``.

Compiling a rubric (tokenising every phrasing, expanding aliases) costs far more
than grading one answer, so a Grader keeps compiled rubrics keyed by question id and
content hash; use one Grader in loops. Grading is pure: same input, same result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from gitops_tutor.curriculum.models import (
    AnyQuestion,
    ChoiceQuestion,
    FreeTextQuestion,
    ManifestQuestion,
    Misconception,
    WhichToolQuestion,
)
from gitops_tutor.grading.aliases import AliasMap
from gitops_tutor.grading.choice import ChoiceParseError, grade_choice, grade_which_tool, parse_choices
from gitops_tutor.grading.freetext import CompiledRubric, compile_rubric, grade_free_text
from gitops_tutor.grading.manifest import grade_manifest
from gitops_tutor.grading.myths import ScopeIndex, SharedForms
from gitops_tutor.grading.result import GradeResult

Answer = str | Sequence[int]


class Grader:
    """Grades any question type; caches compiled rubrics (safe to share, never mutated after).

    ``misconceptions`` (``curriculum.misconceptions``) are checked in every free-text answer in
    their scope, as wrong claims of that question's rubric.
    """

    def __init__(
        self,
        aliases: Mapping[str, Sequence[str]] | AliasMap | None = None,
        misconceptions: Sequence[Misconception] = (),
    ) -> None:
        self.aliases = aliases if isinstance(aliases, AliasMap) else AliasMap(aliases)
        self.misconceptions = tuple(misconceptions)
        self._scope = ScopeIndex(self.misconceptions)
        self._compiled: dict[tuple[str, str], CompiledRubric] = {}
        self._shared = SharedForms(self.aliases)

    @property
    def shared(self) -> SharedForms:
        """Word ids and compiled misconceptions shared by this Grader's rubrics (``myths.SharedForms``)."""
        if self._shared.full:
            self._shared = SharedForms(self.aliases)  # compiled rubrics keep the table they were built on
        return self._shared

    def compiled(self, question: FreeTextQuestion) -> CompiledRubric:
        key = (question.id, question.content_hash)
        rubric = self._compiled.get(key)
        if rubric is None:
            myths = self._scope.in_scope(question)
            rubric = self._compiled[key] = compile_rubric(question, self.aliases, myths, self.shared)
        return rubric

    def misconceptions_for(self, question: FreeTextQuestion) -> tuple[Misconception, ...]:
        """The misconceptions checked in this question's answers (for ``validate --explain``)."""
        return self._scope.in_scope(question)

    def forget(self, question: FreeTextQuestion) -> None:
        """Drop a question's compiled rubric. ``validate`` checks each question once, and keeping
        them all held about 100 MB at 10x content (4,850 questions)."""
        self._compiled.pop((question.id, question.content_hash), None)

    def grade(self, question: AnyQuestion, answer: Answer) -> GradeResult:
        if isinstance(question, FreeTextQuestion):
            return grade_free_text(self.compiled(question), _as_text(answer), self.aliases)
        if isinstance(question, ManifestQuestion):
            return grade_manifest(question, _as_text(answer))
        if isinstance(question, ChoiceQuestion):
            return self._grade_choice(question, answer)
        if isinstance(question, WhichToolQuestion):
            return grade_which_tool(question, _as_text(answer))
        raise TypeError(f"cannot grade a {type(question).__name__}")

    def _grade_choice(self, question: ChoiceQuestion, answer: Answer) -> GradeResult:
        if isinstance(answer, str):  # typed by a person: 1-based numbers or letters
            try:
                picks: Sequence[int] = parse_choices(answer, len(question.options))
            except ChoiceParseError as exc:
                return GradeResult(question.id, 0, "fail", feedback=str(exc), rating="again", flags=("invalid",))
        else:
            picks = answer
        return grade_choice(question, picks)


def _as_text(answer: Answer) -> str:
    if isinstance(answer, str):
        return answer
    return " ".join(str(item) for item in answer)


def grade(
    question: AnyQuestion,
    answer: Answer,
    aliases: Mapping[str, Sequence[str]] | AliasMap | None = None,
    misconceptions: Sequence[Misconception] = (),
) -> GradeResult:
    """Grade one answer; for many answers keep a Grader so rubrics are compiled once."""
    return Grader(aliases, misconceptions).grade(question, answer)
