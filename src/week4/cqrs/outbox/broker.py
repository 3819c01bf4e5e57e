"""A message broker in memory, and the read side that consumes it.

The broker stands for another process (Kafka, RabbitMQ): what was published survives the
publisher's crash. Each consumer keeps an offset. The :class:`BalanceConsumer` is the read
model of this part (one balance per account) and, when ``idempotent``, remembers the ids of
the messages it has applied, in the same step as the balance change, so a message
delivered twice is applied once (Richardson, *Microservices Patterns*, ch. 3, "Handling
duplicate messages").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from week4.cqrs.outbox.messages import AccountChanged
from week4.event_sourcing.bank import ACCOUNT, Account


@dataclass
class InMemoryBroker:
    """An append-only queue of JSON messages (it outlives the publisher's crashes)."""

    messages: list[str] = field(default_factory=list)

    def publish(self, message: str) -> None:
        """Append one message."""
        self.messages.append(message)


@dataclass
class BalanceConsumer:
    """Applies :class:`AccountChanged` messages to per-account balances.

    Attributes:
        idempotent: Skip messages whose id was applied already (the fix for duplicates).
        offset: How many broker messages were consumed.
        states: The read model: each account's state as the read side knows it.
        applied: How many times each message id was applied.
        redelivered: Messages delivered again after they had been applied once.
    """

    idempotent: bool = True
    offset: int = 0
    states: dict[str, Account] = field(default_factory=dict)
    applied: dict[str, int] = field(default_factory=dict)
    redelivered: int = 0

    def consume(self, broker: InMemoryBroker) -> int:
        """Apply every message published since the last call; return how many were read."""
        fresh = broker.messages[self.offset :]
        for text in fresh:
            message = AccountChanged.from_json(text)
            seen = self.applied.get(message.message_id, 0)
            if seen:
                self.redelivered += 1
                if self.idempotent:
                    continue
            state = self.states.get(message.account, ACCOUNT.initial)
            self.states[message.account] = ACCOUNT.evolve(state, message.event)
            self.applied[message.message_id] = seen + 1
        self.offset += len(fresh)
        return len(fresh)
