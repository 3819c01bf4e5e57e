"""Catch-up subscriptions: a consumer that follows the store from a stored checkpoint."""

from week4.event_sourcing.subscriptions.catch_up import (
    CatchUpSubscription,
    CheckpointStore,
    InMemoryCheckpointStore,
    SQLiteCheckpointStore,
)

__all__ = [
    "CatchUpSubscription",
    "CheckpointStore",
    "InMemoryCheckpointStore",
    "SQLiteCheckpointStore",
]
