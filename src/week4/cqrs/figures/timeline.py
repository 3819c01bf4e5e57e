"""The stale read, drawn from a run's trace: command, append, the read that missed it, catch-up.

One user, one deposit, one read right after it, with the projection lagging a constant
``lag_ms``: the smallest run that shows the whole story. The trace becomes a Mermaid
sequence diagram (:func:`week4.render.sequence_diagram`) over the user, the write side and
the read side.
"""

from __future__ import annotations

from week4.cqrs.simulations.lab_nodes import Strategy
from week4.cqrs.simulations.staleness import LabRun, LabSetup, run_lab
from week4.render.mermaid import sequence_diagram

PARTICIPANTS = ("u1", "write", "read")


def one_read_after_write(
    seed: int = 1, strategy: Strategy = "async", lag_ms: float = 20.0
) -> LabRun:
    """One user deposits once and reads at once; the projection lags ``lag_ms`` exactly."""
    setup = LabSetup(users=1, ops=1, lag="constant", lag_ms=lag_ms, think_ms=0.0)
    return run_lab(seed, strategy, setup)


def stale_read_diagram(run: LabRun) -> str:
    """The run's trace as a sequence diagram: user, write side, read side."""
    return sequence_diagram(run.sim.trace, participants=PARTICIPANTS, max_events=20)


def what_happened(run: LabRun) -> str:
    """One sentence per read: what it asked, what it got, when the projection caught up."""
    appended = {e.detail: e.time for e in run.sim.trace if e.kind == "state" and e.node == "write"}
    lines = []
    for read in run.reads:
        got = "'not yet'" if read.seen is None else f"an answer as of position {read.seen}"
        verdict = "with" if read.fresh else "without"
        lines.append(
            f"The deposit was appended at position {read.position} at "
            f"{appended[f'append p{read.position}']:.1f} ms; the read got {got} at "
            f"{read.answered_at:.1f} ms, {verdict} the deposit "
            f"(staleness {read.staleness:.1f} ms)."
        )
    caught = [e for e in run.sim.trace if e.kind == "state" and e.node == "read"]
    if caught:
        lines.append(f"The read side applied it at {caught[-1].time:.1f} ms.")
    return " ".join(lines)
