"""What scripts/gen_pages.py asks mkdocstrings to render on a package's reference page."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import site_pages  # noqa: E402


def test_a_packages_own_exports_are_the_names_its_init_defines_not_those_it_imports() -> None:
    assert site_pages.own_exports("week4.sim") == []
    assert {"run", "get", "all_scenarios"} <= set(site_pages.own_exports("week4.scenarios") or [])


def test_a_module_or_a_package_without_all_has_no_exports_to_split() -> None:
    assert site_pages.own_exports("week4.sim.clock") is None
    assert site_pages.own_exports("week4.cli") is None


def test_a_package_whose_all_is_computed_is_rendered_as_a_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "week4" / "sub"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(
        "from week4.sub.a import A\nfrom week4.sub import b\n\n__all__ = ['A'] + b.__all__\n"
    )
    monkeypatch.setattr(site_pages, "PACKAGE", tmp_path / "week4")
    assert site_pages.own_exports("week4.sub") is None
    (package / "__init__.py").write_text(
        "from week4.sub.a import A as B\n\n\ndef own() -> None: ...\n\n__all__ = ['B', 'own']\n"
    )
    assert site_pages.own_exports("week4.sub") == ["own"]
