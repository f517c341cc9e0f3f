"""The README's headline counts are the shipped content's: a learner reads them before anything else."""

from __future__ import annotations

import re
from pathlib import Path

from gitops_tutor import paths
from gitops_tutor.curriculum.loader import load

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_counts_match_the_shipped_content() -> None:
    curriculum = load((), shipped=paths.shipped_content_dir()).curriculum
    text = README.read_text(encoding="utf-8")
    lessons = re.search(r"^- \*\*(\d+) lessons\*\*", text, re.MULTILINE)
    questions = re.search(r"^- \*\*(\d+) questions\*\*", text, re.MULTILINE)
    dimensions = re.search(r"comparison\*\*: (\d+) dimensions", text)
    assert lessons and questions and dimensions, "README lost its 'What is in it' counts"
    assert int(lessons.group(1)) == len(curriculum.lessons)
    assert int(questions.group(1)) == len(curriculum.questions)
    assert int(dimensions.group(1)) == len(curriculum.comparison.dimensions)
