"""The simulator chapter: small protocols that show what ``week4.sim`` does.

Layout, as in every chapter (the library part first, then what exists for the pages and CLI):

- ``nodes/``: an echo client and server, and heartbeating nodes with a timeout failure
  detector, written on :class:`week4.sim.Node`;
- ``figures/``: the sweeps the simulator page charts;
- ``scenarios.py``: the registry entries (``lossy-link``, ``partition-heal``).
"""

from week4.basics.nodes.echo import EchoClient, EchoServer
from week4.basics.nodes.heartbeat import HeartbeatNode

__all__ = ["EchoClient", "EchoServer", "HeartbeatNode"]
