"""The CAP chapter: histories, and checkers for linearizability and weaker guarantees.

Also a replicated register on the simulator, in four modes (CP, AP, Dynamo-style quorums and
a 'CA' single leader): :func:`run_mode` runs one under partitions and returns a
:class:`CapRun` (history, trace, replicas' final states) for the checkers.
"""

from week4.cap.check_history_cmd import HistoryFileError, run_check_history
from week4.cap.clocks import HybridClock, LamportClock, Stamp
from week4.cap.cluster import CapRun, run_mode
from week4.cap.config import MODES, CapConfig
from week4.cap.counterexample import Counterexample, LinearizabilityResult, LinearizedStep
from week4.cap.faults import Partition, majority_minority, random_partitions
from week4.cap.history import History, HistoryError, HistoryRecorder, Operation
from week4.cap.jepsen import parse_jepsen_history
from week4.cap.linearizability import check_linearizable
from week4.cap.models import KV, REGISTER, Model, UnknownModelError
from week4.cap.report import stale_reads
from week4.cap.timeline import timeline_svg
from week4.cap.weaker import (
    GuaranteeResult,
    check_convergence,
    check_monotonic_reads,
    check_read_your_writes,
    check_sequential_consistency,
)

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
