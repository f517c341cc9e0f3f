"""The three packages whose public names load on first use behave like plain packages."""

from __future__ import annotations

import importlib

import pytest

PACKAGES = ("gitops_tutor.grading", "gitops_tutor.interview", "gitops_tutor.progress")


@pytest.mark.parametrize("name", PACKAGES)
def test_every_public_name_resolves_and_is_listed(name: str) -> None:
    package = importlib.import_module(name)
    for public in package.__all__:
        value = getattr(package, public)
        assert value is getattr(package, public)  # kept after the first lookup
        assert public in vars(package)
    assert set(package.__all__) <= set(dir(package))


@pytest.mark.parametrize("name", PACKAGES)
def test_an_unknown_name_is_an_attribute_error_naming_the_package(name: str) -> None:
    package = importlib.import_module(name)
    with pytest.raises(AttributeError, match=f"module '{name}' has no attribute 'nothing_here'"):
        package.nothing_here  # noqa: B018
