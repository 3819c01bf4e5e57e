"""The API reference lays out long signatures as Black would, without running Black each time."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import black
import griffe
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "hooks"))

from execcache.signatures import black_layout, with_black_layout  # noqa: E402


def by_black(code: str, line_length: int) -> str:
    return black.format_str(code, mode=black.Mode(line_length=line_length))


def _functions(obj: griffe.Object) -> list[griffe.Function]:
    found = []
    for member in obj.members.values():
        if member.is_alias:
            continue
        if member.is_function:
            found.append(member)
        elif member.is_class or member.is_module:
            found += _functions(member)
    return found


def _def_line(function: griffe.Function) -> str:
    params = []
    for p in function.parameters:
        star = {"variadic positional": "*", "variadic keyword": "**"}.get(p.kind.value, "")
        text = star + p.name + (f": {p.annotation}" if p.annotation else "")
        if p.default is not None and not star:
            text += f" = {p.default}" if p.annotation else f"={p.default}"
        params.append(text)
    kinds = [p.kind.value for p in function.parameters]
    if "keyword-only" in kinds and "variadic positional" not in kinds:
        params.insert(kinds.index("keyword-only"), "*")
    if "positional-only" in kinds:
        params.insert(len(kinds) - kinds[::-1].index("positional-only"), "/")
    returns = f" -> {function.returns}" if function.returns else ""
    return f"def {'x' * len(function.name)}({', '.join(params)}){returns}: pass"


PACKAGE = griffe.load("week4", search_paths=[str(ROOT / "src")], resolve_aliases=False)
SIGNATURES = sorted({_def_line(f) for f in _functions(PACKAGE)})


@pytest.mark.parametrize("line_length", [40, 60, 88])
def test_every_signature_of_the_package_is_laid_out_as_black_does(line_length: int) -> None:
    long = [code for code in SIGNATURES if len(code) - len("def : pass") >= line_length]
    answered = [code for code in long if black_layout(code, line_length) is not None]
    assert len(answered) > len(long) / 2  # most signatures skip Black
    for code in answered:
        assert black_layout(code, line_length) == by_black(code, line_length), code


PARTS = [
    "seed: int",
    "name: str",
    'label: str = "a, (b)"',
    "rate: float = 0.5",
    "count: int = 10_000",
    "sizes: Sequence[int] = (1, 2)",
    "table: dict[str, list[tuple[int, int]]] | None = None",
    "x=1",
    "callback: Callable[[int], None]",
    "*args: Any",
    "**kwargs: object",
    "*",
    "/",
    "wait: Wait = Exponential(base=5.0, cap=2000.0)",
]


def test_random_signatures_are_laid_out_as_black_does_or_left_to_black() -> None:
    rng = random.Random(14)
    for _ in range(300):
        params = rng.sample(PARTS, rng.randint(1, 7))
        returns = rng.choice(["", " -> None", " -> dict[str, Any]", " -> tuple[int, ...]"])
        code = f"def {'x' * rng.randint(1, 30)}({', '.join(params)}){returns}: pass"
        line_length = rng.choice([40, 60, 88])
        mine = black_layout(code, line_length)
        try:
            expected = by_black(code, line_length)
        except black.InvalidInput:  # "*" after "**kwargs" and the like: Black refuses too
            continue
        if mine is not None:
            assert mine == expected, code


@pytest.mark.parametrize(
    "code",
    [
        "def xxxxxxxxxxxxxxxxxxxx(a: str = 'single quotes', b: int = 2): pass",
        "def xxxxxxxxxxxxxxxxxxxx(a: int = 0XFF, b: int = 2, c: int = 3, d: int = 4): pass",
        "def xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx() -> None: pass",
        "def xxxxxxxxxxxx(aaaaaaaaaa: int, bbbbbbbbbbb: int, *, ccccccccccccccccc: int = 3): pass",
        "def xxxxxxxxxxxxxxxxxxx(*args: int) -> dict[str, tuple[int, int, int]]: pass",
        'def xxxxxxxxxxxxxxxxxxx(a: int, b: str = "é", c: int = 3, d: int = 4): pass',
    ],
)
def test_what_black_would_rewrite_or_decide_by_python_version_is_left_to_black(code: str) -> None:
    assert black_layout(code, 40) is None
    assert with_black_layout(by_black)(code, 40) == by_black(code, 40)
