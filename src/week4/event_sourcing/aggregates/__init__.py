"""Aggregates over the store: deciders, the repository, mapping, upcasting and snapshots.

Also time travel and crypto-shredding (``time_travel``, ``shredding``).
"""

from week4.event_sourcing.aggregates.aggregate import Decider, Loaded, Repository
from week4.event_sourcing.aggregates.mapper import EventMapper
from week4.event_sourcing.aggregates.snapshots import InMemorySnapshotStore, Snapshot, SnapshotStore
from week4.event_sourcing.aggregates.upcasting import UpcasterChain

__all__ = [
    "Decider",
    "EventMapper",
    "InMemorySnapshotStore",
    "Loaded",
    "Repository",
    "Snapshot",
    "SnapshotStore",
    "UpcasterChain",
]
