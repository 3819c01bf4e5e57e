"""The deterministic discrete-event simulator that every chapter runs on.

One :class:`Simulator` owns the virtual clock, the event queue, the seeded random streams and
the :class:`Trace`. A :class:`Network` of :class:`Node` objects sends messages over links with
latency, loss, duplication and reordering, and suffers partitions, crashes and restarts.
Nothing here reads the wall clock or module-level randomness: the same seed gives the same
trace, byte for byte.
"""

from week4.sim.clock import Simulator, Timer
from week4.sim.latency import Constant, Exponential, Latency, Normal, Uniform
from week4.sim.network import Link, Network
from week4.sim.node import Node
from week4.sim.trace import Trace, TraceEvent, describe

__all__ = [
    "Constant",
    "Exponential",
    "Latency",
    "Link",
    "Network",
    "Node",
    "Normal",
    "Simulator",
    "Timer",
    "Trace",
    "TraceEvent",
    "Uniform",
    "describe",
]
