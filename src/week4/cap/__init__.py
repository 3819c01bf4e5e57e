"""The CAP chapter: histories, and checkers for linearizability and weaker guarantees.

Also a replicated register on the simulator, in four modes (CP, AP, Dynamo-style quorums and
a 'CA' single leader): :func:`run_mode` runs one under partitions and returns a
:class:`CapRun` (history, trace, replicas' final states) for the checkers.

Layout (the library part first, then what exists for the pages and the CLI):

- ``checker/``: histories, Jepsen parsing, models, the linearizability search, weaker checks;
- ``replicas/``: the replicated register in its four modes, clocks, clients, faults;
- ``figures/``: what only the CAP pages draw (timelines, tables, sweeps, explanations);
- ``scenarios.py``: the registry entries; ``check_history_cmd.py``: ``week4 check-history``.
"""

from week4.cap.check_history_cmd import HistoryFileError, run_check_history
from week4.cap.checker.counterexample import Counterexample, LinearizabilityResult, LinearizedStep
from week4.cap.checker.history import History, HistoryError, HistoryRecorder, Operation
from week4.cap.checker.jepsen import parse_jepsen_history
from week4.cap.checker.linearizability import check_linearizable
from week4.cap.checker.models import KV, REGISTER, Model, UnknownModelError
from week4.cap.checker.weaker import (
    GuaranteeResult,
    check_convergence,
    check_monotonic_reads,
    check_read_your_writes,
    check_sequential_consistency,
)
from week4.cap.figures.report import stale_reads
from week4.cap.figures.timeline import timeline_svg
from week4.cap.replicas.clocks import HybridClock, LamportClock, Stamp
from week4.cap.replicas.cluster import CapRun, run_mode
from week4.cap.replicas.config import MODES, CapConfig
from week4.cap.replicas.faults import Partition, majority_minority, random_partitions

__all__ = [
    "KV",
    "MODES",
    "REGISTER",
    "CapConfig",
    "CapRun",
    "Counterexample",
    "GuaranteeResult",
    "History",
    "HistoryError",
    "HistoryFileError",
    "HistoryRecorder",
    "HybridClock",
    "LamportClock",
    "LinearizabilityResult",
    "LinearizedStep",
    "Model",
    "Operation",
    "Partition",
    "Stamp",
    "UnknownModelError",
    "check_convergence",
    "check_linearizable",
    "check_monotonic_reads",
    "check_read_your_writes",
    "check_sequential_consistency",
    "majority_minority",
    "parse_jepsen_history",
    "random_partitions",
    "run_check_history",
    "run_mode",
    "stale_reads",
    "timeline_svg",
]
