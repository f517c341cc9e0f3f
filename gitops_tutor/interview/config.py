"""What a mock interview is made of: its length, its size and where its questions come from.

Presets mirror the ways people rehearse: a quick warm-up, a full interview, a short
certification-style mock whose questions follow the CGOA domain weights, and a full CGOA
exam simulation (60 choice questions, 90 minutes, pass at 75%, as the real exam). Explicit
options override a preset, so ``--preset quick --minutes 15`` means what it says.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from gitops_tutor.interview.errors import InterviewError

OPEN_TYPES: tuple[str, ...] = ("free-text", "manifest", "which-tool")
ALL_TYPES: tuple[str, ...] = ("free-text", "manifest", "which-tool", "single-choice", "multi-choice")
CHOICE_TYPES: tuple[str, ...] = ("single-choice", "multi-choice")
MAX_MINUTES = 240
MAX_QUESTIONS = 100


@dataclass(frozen=True)
class InterviewConfig:
    """The settings of one interview; stored with it so a resumed interview keeps them.

    ``types`` are the question types the draw prefers; when too few of those match the
    filters, other types fill the gap rather than leaving the interview short.
    ``weighted_domains`` draws each CGOA domain in proportion to its weight.
    ``only_types`` makes ``types`` a hard filter instead (an exam asks nothing else),
    ``follow_ups`` off means no follow-up questions (an exam has none), and
    ``pass_mark`` (a score out of 100) gives the report a pass or fail like the exam's.
    ``rotate_questions`` makes each interview of the preset a fresh paper: questions asked in
    its earlier interviews come back only when the bank runs out, least recently asked first
    (on for the exam simulation; the adaptive presets exist to re-ask what you missed).
    """

    minutes: int = 30
    questions: int = 8
    lessons: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    difficulty: int | None = None
    seed: int | None = None
    preset: str = "standard"
    packs: tuple[str, ...] = ()
    types: tuple[str, ...] = OPEN_TYPES
    weighted_domains: bool = False
    only_types: bool = False
    follow_ups: bool = True
    pass_mark: int | None = None
    rotate_questions: bool = False

    @property
    def seconds(self) -> int:
        return self.minutes * 60

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> InterviewConfig:
        known = {name: raw[name] for name in cls.__dataclass_fields__ if name in raw}
        for name in ("lessons", "domains", "types", "packs"):
            if name in known:
                known[name] = tuple(known[name])
        return cls(**known)

    def describe(self) -> str:
        """One line for a header or a report: what this interview was."""
        parts = [
            f"{self.preset}",
            f"{self.minutes} min",
            f"{self.questions} question{'s' if self.questions != 1 else ''}",
        ]
        if self.lessons:
            parts.append("lessons " + ", ".join(self.lessons))
        if self.domains:
            parts.append("domains " + ", ".join(self.domains))
        if self.packs:
            parts.append("packs " + ", ".join(self.packs))
        if self.difficulty:
            parts.append(f"difficulty {self.difficulty}")
        if self.seed is not None:
            parts.append(f"seed {self.seed}")
        if self.pass_mark is not None:
            parts.append(f"pass mark {self.pass_mark}")
        return " · ".join(parts)


PRESETS: dict[str, InterviewConfig] = {
    "quick": InterviewConfig(minutes=10, questions=4, preset="quick"),
    "standard": InterviewConfig(minutes=30, questions=8, preset="standard"),
    "cgoa": InterviewConfig(minutes=30, questions=20, preset="cgoa", types=ALL_TYPES, weighted_domains=True),
    "cgoa-exam": InterviewConfig(
        minutes=90,
        questions=60,
        preset="cgoa-exam",
        types=CHOICE_TYPES,
        weighted_domains=True,
        only_types=True,
        follow_ups=False,
        pass_mark=75,
        rotate_questions=True,
    ),
}
PRESET_TITLES: dict[str, str] = {
    "quick": "Quick: 10 minutes, 4 questions",
    "standard": "Standard: 30 minutes, 8 questions",
    "cgoa": "CGOA-style: 30 minutes, 20 questions in the exam's domain weights, choice questions included",
    "cgoa-exam": "CGOA exam: 90 minutes, 60 choice questions in the exam's domain weights, pass at 75%",
}


def build_config(
    preset: str = "standard",
    *,
    minutes: int | None = None,
    questions: int | None = None,
    lessons: tuple[str, ...] = (),
    domains: tuple[str, ...] = (),
    difficulty: int | None = None,
    seed: int | None = None,
    packs: tuple[str, ...] = (),
) -> InterviewConfig:
    """A preset with the given overrides, checked; bad values raise ``InterviewError``."""
    if preset not in PRESETS:
        raise InterviewError(f"unknown preset '{preset}' (choose {', '.join(PRESETS)})")
    config = replace(
        PRESETS[preset],
        lessons=tuple(lessons),
        domains=tuple(domains),
        packs=tuple(packs),
        difficulty=difficulty,
        seed=seed,
    )
    if minutes is not None:
        config = replace(config, minutes=minutes)
    if questions is not None:
        config = replace(config, questions=questions)
    _check(config)
    return config


def _check(config: InterviewConfig) -> None:
    if not 1 <= config.minutes <= MAX_MINUTES:
        raise InterviewError(f"--minutes must be between 1 and {MAX_MINUTES}, not {config.minutes}")
    if not 1 <= config.questions <= MAX_QUESTIONS:
        raise InterviewError(f"--questions must be between 1 and {MAX_QUESTIONS}, not {config.questions}")
    if config.difficulty is not None and config.difficulty not in (1, 2, 3):
        raise InterviewError(f"--difficulty must be 1, 2 or 3, not {config.difficulty}")
