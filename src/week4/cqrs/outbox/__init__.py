"""CQRS without event sourcing: a state-stored write model, the dual write and the outbox."""

from week4.cqrs.outbox.broker import BalanceConsumer, InMemoryBroker
from week4.cqrs.outbox.crashes import DESIGNS, DeliveryReport, count_lost_updates
from week4.cqrs.outbox.messages import AccountChanged
from week4.cqrs.outbox.services import (
    DUAL_WRITE_POINTS,
    OUTBOX_POINTS,
    RELAY_POINTS,
    DualWriteService,
    OutboxService,
    Relay,
    change_state,
)
from week4.cqrs.outbox.sqlite_state import SQLiteStateStore
from week4.cqrs.outbox.state_store import InMemoryStateStore, StateStore

__all__ = [
    "DESIGNS",
    "DUAL_WRITE_POINTS",
    "OUTBOX_POINTS",
    "RELAY_POINTS",
    "AccountChanged",
    "BalanceConsumer",
    "DeliveryReport",
    "DualWriteService",
    "InMemoryBroker",
    "InMemoryStateStore",
    "OutboxService",
    "Relay",
    "SQLiteStateStore",
    "StateStore",
    "change_state",
    "count_lost_updates",
]
