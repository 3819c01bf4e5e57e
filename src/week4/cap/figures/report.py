"""What a run measured: availability, latency, stale reads, convergence and the verdicts.

- *Availability* is the share of attempted operations that completed ``ok`` (a cas that found
  another value counts: the system answered). Gilbert & Lynch (2002) ask every request to a
  non-failing node to get an answer; this counts how many did, per side of the partition.
- *Latency* is virtual time from call to ``ok``, as nearest-rank percentiles.
- A read is *stale* when it returns a value older than a write acknowledged before the read
  started: the value it returned was written by an operation that completed before that
  acknowledged write was even invoked (or it is the initial value). Values are unique, so the
  value names its write. Reads racing a write are never counted stale.
- The consistency verdict is :func:`~week4.cap.checker.linearizability.check_linearizable` on the
  whole history, with its counterexample when there is one; :func:`guarantees` adds the
  weaker ones of :mod:`week4.cap.checker.weaker` (sequential consistency, read-your-writes,
  monotonic
  reads, eventual convergence of the replicas' final states).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from week4.cap.checker.counterexample import LinearizabilityResult
from week4.cap.checker.history import History, Operation
from week4.cap.checker.linearizability import check_linearizable
from week4.cap.checker.weaker import (
    GuaranteeResult,
    check_convergence,
    check_monotonic_reads,
    check_read_your_writes,
    check_sequential_consistency,
)
from week4.cap.replicas.cluster import CapRun
from week4.stats import percentile, ratio

#: Search budget of the checker in the scenarios (configurations); the runs need far fewer.
CHECK_BUDGET = 200_000
#: Search budget of the sequential-consistency checker (its search is not as pruned).
SC_BUDGET = 20_000


@dataclass(frozen=True)
class Availability:
    """Operations attempted and answered ``ok``."""

    attempted: int
    ok: int

    @property
    def rate(self) -> float:
        """``ok / attempted`` (0 when nothing was attempted)."""
        return round(ratio(self.ok, self.attempted), 4)


def availability(ops: Iterable[Operation]) -> Availability:
    """Count attempted and successful operations."""
    listed = list(ops)
    return Availability(len(listed), sum(1 for op in listed if op.status == "ok"))


def latencies(ops: Iterable[Operation]) -> list[float]:
    """Call-to-return time of every ``ok`` operation."""
    return [op.ret - op.call for op in ops if op.status == "ok"]


def latency_summary(ops: Iterable[Operation]) -> tuple[float | None, float | None]:
    """(p50, p99) latency of the ``ok`` operations, rounded to µs; None when there are none."""
    values = latencies(ops)
    if not values:
        return None, None
    return round(percentile(values, 50), 3), round(percentile(values, 99), 3)


def _writes(op: Operation) -> object:
    """The value an operation may have written, or None."""
    if op.status == "fail":
        return None
    if op.f == "write":
        return op.input
    if op.f == "cas" and isinstance(op.input, tuple) and op.output is not False:
        return op.input[1]
    return None


def stale_reads(history: History | Iterable[Operation]) -> list[Operation]:
    """The ``ok`` reads that returned a value older than an already acknowledged write."""
    ops = list(history)
    stale = []
    for key in dict.fromkeys(op.key for op in ops):
        mine = [op for op in ops if op.key == key]
        writer = {_writes(op): op for op in mine if _writes(op) is not None}
        acked = [op for op in mine if op.status == "ok" and _writes(op) is not None]
        for read in mine:
            if read.f != "read" or read.status != "ok":
                continue
            before = [w for w in acked if w.ret < read.call]
            if not before:
                continue
            source = writer.get(read.output)
            source_end = -math.inf if source is None else source.ret
            if any(source_end < w.call for w in before):
                stale.append(read)
    return stale


def stale_rate(history: History) -> tuple[int, int, float]:
    """(stale reads, ok reads, their ratio)."""
    reads = sum(1 for op in history if op.f == "read" and op.status == "ok")
    stale = len(stale_reads(history))
    return stale, reads, round(ratio(stale, reads), 4)


def check(run: CapRun, budget: int = CHECK_BUDGET) -> LinearizabilityResult:
    """The linearizability verdict of a run's history (register model)."""
    return check_linearizable(run.history, "register", max_steps=budget)


def during(ops: Iterable[Operation], start: float, end: float) -> list[Operation]:
    """The operations called in ``[start, end)``."""
    return [op for op in ops if start <= op.call < end]


def sides(run: CapRun) -> dict[str, list[str]]:
    """The clients on each side of the first partition, by a label like ``majority {n1,n2}``."""
    if not run.partitions:
        return {"all": sorted(run.attached)}
    part = run.partitions[0]
    out: dict[str, list[str]] = {}
    for group in part.groups:
        kind = "majority" if len(group) > run.config.nodes / 2 else "minority"
        label = f"{kind} {{{','.join(group)}}}"
        out[label] = [c for c, r in sorted(run.attached.items()) if r in group]
    return out


def side_availability(run: CapRun) -> dict[str, Availability]:
    """Availability of each side's clients while the first partition lasted."""
    if not run.partitions:
        return {"all": availability(run.history)}
    part = run.partitions[0]
    window = during(run.history, part.start, part.end)
    return {
        label: availability(op for op in window if run.client_of(op.process) in members)
        for label, members in sides(run).items()
    }


def convergence_delay(run: CapRun) -> float | None:
    """Milliseconds from the last heal until the replicas first all agreed (None: never)."""
    healed = max((p.end for p in run.partitions), default=0.0)
    for time, apart in run.divergence:
        if time >= healed and apart == 0:
            return round(time - healed, 3)
    return None


def lost_writes(run: CapRun) -> int:
    """Acknowledged writes that a deposed leader rolled back (CA mode)."""
    acked = {_writes(op) for op in run.history if op.status == "ok"}
    return sum(1 for v in run.rolled_back if v in acked)


def guarantees(run: CapRun, linearizable: bool | None = None) -> list[GuaranteeResult]:
    """The weaker guarantees, checked on a run's history and on its replicas' final states.

    Clients stick to one replica (and a client that timed out goes on as a new process), so
    the session guarantees of Terry et al. (1994) often hold even where linearizability
    does not. A linearizable history is sequentially consistent too (its linearization keeps
    every client's order), so pass ``linearizable=True`` to skip that search.
    """
    sequential = (
        GuaranteeResult("sequential consistency", True, "implied by linearizability")
        if linearizable
        else check_sequential_consistency(run.history, "register", max_steps=SC_BUDGET)
    )
    return [
        sequential,
        check_read_your_writes(run.history, "register"),
        check_monotonic_reads(run.history, "register"),
        check_convergence(run.final),
    ]
