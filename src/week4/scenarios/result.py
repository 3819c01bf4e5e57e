"""What a scenario run returns: headline metrics, tables, a trace, and how to show them.

A :class:`Result` renders itself as plain text (the terminal), Markdown (the site) and JSON
(``--json`` and tools). All three are deterministic: same seed, same bytes.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from week4.render.mermaid import sequence_diagram
from week4.render.tables import Table
from week4.sim.trace import Trace

Scalar = int | float | str | bool | None


def _fmt(value: Scalar) -> str:
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if not math.isnan(value) else "nan"
    return str(value)


@dataclass
class Result:
    """The outcome of one scenario run.

    Attributes:
        metrics: Headline figures, in display order (counts, virtual times, ratios).
        tables: Named tables of detail.
        trace: The simulator's trace, when the scenario ran on the simulator.
        notes: Sentences that explain the outcome.
        data: Extra JSON-ready data for figures (series, grids).
        scenario: Filled in by the registry: the scenario's name.
        title: Filled in by the registry: the scenario's title.
        seed: Filled in by the registry: the seed it ran with.
        params: Filled in by the registry: the parameter values it ran with.
    """

    metrics: dict[str, Scalar] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)
    trace: Trace | None = None
    notes: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    scenario: str = ""
    title: str = ""
    seed: int = 0
    params: dict[str, Any] = field(default_factory=dict)

    def metrics_table(self) -> Table:
        """The headline metrics as a two-column table."""
        return Table(["metric", "value"], [[k, _fmt(v)] for k, v in self.metrics.items()])

    def _header(self) -> str:
        params = " ".join(f"{k}={_fmt(v)}" for k, v in self.params.items())
        return f"{self.scenario} (seed {self.seed}{', ' + params if params else ''})"

    def to_text(self) -> str:
        """Plain text for the terminal."""
        parts = [self.title, self._header(), "", self.metrics_table().to_text()]
        for name, table in self.tables.items():
            parts += ["", name, table.to_text()]
        if self.notes:
            parts += ["", *self.notes]
        return "\n".join(parts) + "\n"

    def to_markdown(
        self,
        *,
        diagram: bool = True,
        max_trace_rows: int = 40,
        since: float = 0.0,
        until: float = float("inf"),
    ) -> str:
        """Markdown for a page: metrics, tables, notes and a sequence diagram of the trace.

        Args:
            diagram: Draw the trace as a Mermaid sequence diagram.
            max_trace_rows: The most trace events the diagram draws.
            since: Draw trace events from this virtual time on.
            until: Draw trace events up to this virtual time.
        """
        parts = [f"`{self._header()}`", "", self.metrics_table().to_markdown()]
        for name, table in self.tables.items():
            parts += ["", f"**{name}**", "", table.to_markdown()]
        if self.notes:
            parts += ["", *(f"- {n}" for n in self.notes)]
        if diagram and self.trace is not None and len(self.trace):
            parts += [
                "",
                sequence_diagram(self.trace, max_events=max_trace_rows, since=since, until=until),
            ]
        return "\n".join(parts) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: everything but the rendering."""
        return {
            "scenario": self.scenario,
            "seed": self.seed,
            "params": self.params,
            "metrics": self.metrics,
            "tables": {name: t.to_dict() for name, t in self.tables.items()},
            "notes": self.notes,
            "data": self.data,
            "trace": self.trace.to_dicts() if self.trace is not None else None,
        }

    def to_json(self) -> str:
        """Deterministic, strict JSON (sorted keys, two-space indent).

        NaN and infinities are not JSON (``json.dumps`` would write ``NaN``/``Infinity``,
        which strict parsers refuse), so a result holding one is a bug: it raises
        ``ValueError`` here rather than printing something a reader's tools cannot parse.
        """
        return json.dumps(self.to_dict(), indent=2, sort_keys=True, allow_nan=False) + "\n"
