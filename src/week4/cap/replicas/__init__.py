"""A replicated register on the simulator, in four modes: CP, AP, Dynamo quorums and 'CA'.

:func:`run_mode` runs one mode under partitions and returns a :class:`CapRun` (the clients'
history, the trace, the replicas' final states) for the checkers in ``week4.cap.checker``.
"""

from week4.cap.replicas.clocks import HybridClock, LamportClock, Stamp
from week4.cap.replicas.cluster import CapRun, run_mode
from week4.cap.replicas.config import MODES, CapConfig
from week4.cap.replicas.faults import Partition, majority_minority, random_partitions

__all__ = [
    "MODES",
    "CapConfig",
    "CapRun",
    "HybridClock",
    "LamportClock",
    "Partition",
    "Stamp",
    "majority_minority",
    "random_partitions",
    "run_mode",
]
