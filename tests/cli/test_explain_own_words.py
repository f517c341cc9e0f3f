"""``validate --explain`` lists each concept's own words, so an author can see why the plain-words rule
(grading/implied.py) credited a concept that none of its phrasings met."""

from __future__ import annotations

from tests.cli.test_content_commands import run


def test_explain_lists_each_concepts_own_words() -> None:
    code, out, _ = run("validate", "--explain", "argocd-sync-vs-health-status")
    assert code == 0
    section = out.split("own words per concept", 1)[1].split("misconceptions checked", 1)[0]
    lines = {line.split(":", 1)[0].strip(): line.split(":", 1)[1] for line in section.splitlines()[1:] if ":" in line}
    assert set(lines) == {"sync-compares-git", "health-is-function", "independent"}
    assert "blueprint" in lines["sync-compares-git"]  # a word of its phrasings that no other concept uses
    assert "argo" not in out.split("own words per concept", 1)[1].split("misconceptions checked", 1)[0]
