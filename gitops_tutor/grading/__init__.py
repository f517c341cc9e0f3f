"""Grading: free-text answers by concept, choices exactly, manifests path by path.

Pure and deterministic; imports neither textual nor sqlite3.

The names below load on first use (PEP 562): importing ``gitops_tutor.grading.choice`` or
``.result`` (the interview and the screens need them) must not also import the free-text
grader's pattern tables and rapidfuzz, which cost ~50 ms that the app's start-up does not need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gitops_tutor.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from gitops_tutor.grading.grader import Grader, grade
    from gitops_tutor.grading.result import ClaimResult, ConceptResult, GradeResult

_HOMES = {
    "ClaimResult": "result",
    "ConceptResult": "result",
    "GradeResult": "result",
    "Grader": "grader",
    "grade": "grader",
}

__all__ = ["ClaimResult", "ConceptResult", "GradeResult", "Grader", "grade"]


__getattr__, __dir__ = lazy_exports(__name__, _HOMES)
