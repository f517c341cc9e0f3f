"""Grading: free-text answers by concept, choices exactly, manifests path by path.

Pure and deterministic; imports neither textual nor sqlite3.
"""

from __future__ import annotations

from gitops_tutor.grading.grader import Grader, grade
from gitops_tutor.grading.result import ClaimResult, ConceptResult, GradeResult

__all__ = ["ClaimResult", "ConceptResult", "GradeResult", "Grader", "grade"]
