"""Walkthrough R16: the Markdown export keeps a multi-line (manifest) answer's lines instead of one table cell."""

from __future__ import annotations

from gitops_tutor.progress import ProgressStore
from gitops_tutor.progress.transfer import export_markdown
from tests.progress.helpers import question, result

MANIFEST = "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  name: team-a\nspec:\n  sourceRepos: ['*']"


def test_a_manifest_answer_is_a_block_below_the_table(store: ProgressStore) -> None:
    store.record_attempt(question("q0"), "flux", result("q0", 100), mode="practice")
    store.record_attempt(question("q0"), MANIFEST, result("q0", 40), mode="review")
    text = export_markdown(store)
    rows = [line for line in text.splitlines() if line.startswith("| 20")]
    assert rows[0].endswith("| flux |")  # a one-line answer stays in its cell
    assert "apiVersion" not in rows[1] and rows[1].endswith("| 6 lines, below |")
    assert "```text\n" + MANIFEST + "\n```" in text
    assert text.index("| 6 lines, below |") < text.index("```text")


def test_backticks_in_an_answer_cannot_close_its_block(store: ProgressStore) -> None:
    store.record_attempt(question("q0"), "line one\n```\n# not a heading", result("q0", 0), mode="practice")
    text = export_markdown(store)
    assert "````text\nline one\n```\n# not a heading\n````" in text
