"""Examples in docstrings are executed, so the API reference cannot show broken code."""

import doctest
import importlib
import pkgutil

import pytest

import week4

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(week4.__path__, "week4.") if m.name != "week4.__main__"
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run_as_written(name):
    module = importlib.import_module(name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0
