"""Package namespaces whose public names load on first use (PEP 562).

Importing a light submodule (``grading.result``, ``interview.repository``, ``progress.errors``)
runs its package's ``__init__`` first; if that imported every public name, the app's start-up
would pay for the grader's pattern tables, fsrs and sqlite-utils on its way to Home. Each
package names where its public names live, and this makes the module ``__getattr__`` and
``__dir__`` that fetch a name the first time it is asked for and keep it.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, homes: Mapping[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, whose public names live in the submodules ``homes`` names."""
    namespace = sys.modules[package].__dict__

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{home}"), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *homes})

    return __getattr__, __dir__
