"""Retries at every layer, as a table: calls received by each node of the chain."""

from __future__ import annotations

from week4.render.tables import Table
from week4.resilience.simulations.layers import LayeredRun


def layers_table(run: LayeredRun) -> Table:
    """One row per node, from the first layer down to the database."""
    return Table(
        ["node", "calls received"],
        [[node, count] for node, count in zip(run.nodes, run.received, strict=True)],
    )
