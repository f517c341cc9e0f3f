"""The example team pack validates, loads beside the shipped content, and cannot shadow it."""

from __future__ import annotations

from pathlib import Path

from gitops_tutor.curriculum.loader import load
from gitops_tutor.grading.samples import check_samples
from gitops_tutor.paths import shipped_content_dir

TEAM_PACK = Path(__file__).resolve().parents[2] / "examples" / "team-pack"


def test_team_pack_is_clean_and_marked_with_its_name() -> None:
    result = load([TEAM_PACK], shipped=shipped_content_dir())
    problems = [str(p) for p in result.problems if "team-pack" in p.path]
    problems += [str(p) for p in check_samples(result.curriculum) if "team-pack" in p.path]
    assert problems == []
    question = result.curriculum.questions["acme-how-to-roll-back"]
    assert question.pack == "acme-platform"
    assert result.curriculum.lessons["acme-deploy-conventions"].pack == "acme-platform"
    assert any(q.pack == "core" for q in result.curriculum.questions.values())


def test_a_pack_cannot_silently_replace_a_shipped_id(tmp_path: Path) -> None:
    shipped = load([], shipped=shipped_content_dir()).curriculum
    taken = next(iter(shipped.questions.values()))
    pack = tmp_path / "clash"
    (pack / "questions").mkdir(parents=True)
    text = (TEAM_PACK / "questions" / "acme-deploy-conventions.yaml").read_text()
    (pack / "questions" / "q.yaml").write_text(text.replace("id: acme-how-to-roll-back", f"id: {taken.id}"))
    (pack / "lessons").mkdir()
    (pack / "lessons" / "l.yaml").write_text((TEAM_PACK / "lessons" / "acme-deploy-conventions.yaml").read_text())
    result = load([pack], shipped=shipped_content_dir())
    clash = [p for p in result.errors if p.code == "duplicate-id"]
    assert len(clash) == 1
    assert clash[0].path.endswith("q.yaml") and taken.source.path in clash[0].message
    assert result.curriculum.questions[taken.id].pack == "core"
