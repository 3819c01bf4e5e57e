"""A linearizability checker anyone can use on their own histories, and weaker checks.

Histories (:mod:`.history`), Jepsen's formats (:mod:`.jepsen`, :mod:`.edn`), the models of
a register (Porcupine's and Knossos's) and a key-value store (:mod:`.models`), the search
(:mod:`.reduce`, :mod:`.search`, :mod:`.keyindex`, :mod:`.linearizability`), counterexamples,
and session guarantees. Values compare as EDN does (:func:`.edn.same`).
"""

from week4.cap.checker.counterexample import Counterexample, LinearizabilityResult, LinearizedStep
from week4.cap.checker.history import History, HistoryError, HistoryRecorder, Operation
from week4.cap.checker.jepsen import JepsenHistory, parse_jepsen_history, read_jepsen_history
from week4.cap.checker.linearizability import check_linearizable
from week4.cap.checker.models import CAS_REGISTER, KV, REGISTER, Model, UnknownModelError
from week4.cap.checker.weaker import (
    GuaranteeResult,
    check_convergence,
    check_monotonic_reads,
    check_read_your_writes,
    check_sequential_consistency,
)

__all__ = [
    "CAS_REGISTER",
    "KV",
    "REGISTER",
    "Counterexample",
    "GuaranteeResult",
    "History",
    "HistoryError",
    "HistoryRecorder",
    "JepsenHistory",
    "LinearizabilityResult",
    "LinearizedStep",
    "Model",
    "Operation",
    "UnknownModelError",
    "check_convergence",
    "check_linearizable",
    "check_monotonic_reads",
    "check_read_your_writes",
    "check_sequential_consistency",
    "parse_jepsen_history",
    "read_jepsen_history",
]
