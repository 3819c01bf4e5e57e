"""The one registry of runnable scenarios: name, chapter, parameters, and a run function.

The CLI menu, the site's pages and the tests all go through it, so a scenario is written
once. Parameters are typed and validated here, so every face reports bad input the same way:
one line naming the parameter and the allowed values.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from week4.errors import ParameterError, UnknownScenarioError, Week4Error
from week4.scenarios.result import Result

ParamType = type[int] | type[float] | type[str] | type[bool]


def shown(value: object, limit: int = 40) -> str:
    """A value as an error message quotes it: its repr, cut to ``limit`` characters.

    Examples:
        >>> shown("1" * 50)
        "'1111111111111111111111111111111111111… (52 characters)"
    """
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 2]}… ({len(text)} characters)"


@dataclass(frozen=True)
class Param:
    """One typed scenario parameter with its default and allowed range.

    Attributes:
        name: The parameter's name (a Python identifier).
        default: The value used when none is given.
        help: One line on what it does.
        minimum: The smallest allowed value (numbers only).
        maximum: The largest allowed value (numbers only).
        choices: The allowed values (strings only).
    """

    name: str
    default: int | float | str | bool
    help: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()

    @property
    def type(self) -> type:
        """The Python type of the parameter, taken from its default."""
        return type(self.default)

    def allowed(self) -> str:
        """The allowed values, in words, as shown in errors and on scenario pages."""
        if self.choices:
            return "one of " + ", ".join(self.choices)
        if self.type is bool:
            return "true or false"
        kind = "an integer" if self.type is int else "a number"
        if self.minimum is not None and self.maximum is not None:
            return f"{kind} from {self.minimum:g} to {self.maximum:g}"
        if self.minimum is not None:
            return f"{kind} >= {self.minimum:g}"
        if self.maximum is not None:
            return f"{kind} <= {self.maximum:g}"
        return kind

    def coerce(self, value: object) -> int | float | str | bool:
        """Convert (strings from the CLI) and validate one value.

        Raises:
            ParameterError: The value has the wrong type or is out of range.
        """
        problem = f"invalid value {shown(value)} for {self.name}: expected {self.allowed()}"
        converted = self._convert(value, problem)
        if isinstance(converted, int | float) and not isinstance(converted, bool):
            low_ok = self.minimum is None or converted >= self.minimum
            high_ok = self.maximum is None or converted <= self.maximum
            if not (low_ok and high_ok) or math.isnan(converted):
                raise ParameterError(problem)
        if self.choices and converted not in self.choices:
            raise ParameterError(problem)
        return converted

    def _convert(self, value: object, problem: str) -> int | float | str | bool:
        kind = self.type
        if kind is bool:
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.lower() in {"true", "false", "1", "0", "yes", "no"}:
                return value.lower() in {"true", "1", "yes"}
            raise ParameterError(problem)
        if kind is int:
            if isinstance(value, bool):
                raise ParameterError(problem)
            if isinstance(value, int):
                return value
            if isinstance(value, str):
                try:
                    return int(value.strip())
                except ValueError:
                    raise ParameterError(problem) from None
            raise ParameterError(problem)
        if kind is float:
            if isinstance(value, bool):
                raise ParameterError(problem)
            if isinstance(value, int | float):
                return float(value)
            if isinstance(value, str):
                try:
                    return float(value.strip())
                except ValueError:
                    raise ParameterError(problem) from None
            raise ParameterError(problem)
        if isinstance(value, str):
            return value
        raise ParameterError(problem)


@dataclass(frozen=True)
class Scenario:
    """A runnable, registered scenario.

    Attributes:
        name: The scenario's CLI name (kebab-case, unique).
        chapter: The chapter it belongs to (``sim``, ``cap``, ``event-sourcing``, ...).
        title: A short human title.
        description: One line on what it shows.
        params: The parameters it takes.
        runner: ``runner(seed, **params) -> Result``.
    """

    name: str
    chapter: str
    title: str
    description: str
    params: tuple[Param, ...]
    runner: Callable[..., Result] = field(repr=False)

    def param(self, name: str) -> Param:
        """Look a parameter up by name, with a clear error naming the known ones."""
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise ParameterError(
            f"unknown parameter {name!r} for scenario {self.name}; known parameters: {known}"
        )

    def resolve(self, given: Mapping[str, object]) -> dict[str, Any]:
        """Defaults overlaid with validated given values."""
        values: dict[str, Any] = {p.name: p.default for p in self.params}
        for name, raw in given.items():
            values[name] = self.param(name).coerce(raw)
        return values

    def run(self, seed: int = 1, **params: object) -> Result:
        """Validate the parameters and run the scenario.

        Raises:
            ParameterError: A parameter is unknown or invalid.
            Week4Error: The seed is not an integer.
        """
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise Week4Error(f"invalid seed {shown(seed)}: expected an integer")
        values = self.resolve(params)
        result = self.runner(seed, **values)
        result.scenario = self.name
        result.title = self.title
        result.seed = seed
        result.params = values
        return result


class Registry:
    """Scenarios by name, listed chapter by chapter in menu order.

    Within a chapter scenarios keep their registration order; chapters follow
    ``chapter_order`` (set by :mod:`week4.scenarios`), whatever order their modules were
    imported in, so the menu never depends on which test or page imported what first.
    """

    def __init__(self, chapter_order: tuple[str, ...] = ()) -> None:
        self._scenarios: dict[str, Scenario] = {}
        self.chapter_order = chapter_order

    def add(self, scenario: Scenario) -> Scenario:
        """Register a scenario (names must be unique)."""
        if scenario.name in self._scenarios:
            raise ValueError(f"scenario {scenario.name!r} is registered twice")
        self._scenarios[scenario.name] = scenario
        return scenario

    def get(self, name: str) -> Scenario:
        """Look a scenario up by name, with a clear error listing the known ones."""
        try:
            return self._scenarios[name]
        except KeyError:
            known = ", ".join(s.name for s in self.all())
            raise UnknownScenarioError(
                f"unknown scenario {name!r}; known scenarios: {known}"
            ) from None

    def all(self) -> list[Scenario]:
        """Every scenario, chapter by chapter in menu order."""
        rank = {chapter: i for i, chapter in enumerate(self.chapter_order)}
        return sorted(self._scenarios.values(), key=lambda s: rank.get(s.chapter, len(rank)))

    def chapters(self) -> list[str]:
        """The chapters that have scenarios, in menu order."""
        return list(dict.fromkeys(s.chapter for s in self.all()))


REGISTRY = Registry()


def scenario(
    name: str, *, chapter: str, title: str, description: str, params: tuple[Param, ...] = ()
) -> Callable[[Callable[..., Result]], Callable[..., Result]]:
    """Decorator: register ``runner(seed, **params) -> Result`` as a scenario."""

    def register(runner: Callable[..., Result]) -> Callable[..., Result]:
        REGISTRY.add(Scenario(name, chapter, title, description, params, runner))
        return runner

    return register
