"""What the state-stored write side tells the read side: one message per state change.

Without event sourcing the write model keeps only the current row (the ``accounts``
table); the read side learns about a change from a message published after it. Its id is
the command's id, so a consumer can recognise a message it has already applied (an
idempotent consumer: Hohpe & Woolf, *Enterprise Integration Patterns*, "Idempotent
Receiver"; Chris Richardson, *Microservices Patterns*, ch. 3).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from week4.event_sourcing import RecordedEvent
from week4.event_sourcing.bank import bank_mapper

_MAPPER = bank_mapper()


@dataclass(frozen=True)
class AccountChanged:
    """The account ``account`` changed by ``event`` (a bank event: ``Deposited``...).

    Attributes:
        message_id: Unique per change (the command's id); consumers deduplicate on it.
        account: The account's id.
        event: The bank's domain event.
    """

    message_id: str
    account: str
    event: Any

    def to_json(self) -> str:
        """The message as one JSON text (what the outbox row and the broker carry)."""
        stored = _MAPPER.to_new_event(self.event)
        body = {
            "message_id": self.message_id,
            "account": self.account,
            "type": stored.type,
            "data": stored.data,
            "metadata": dict(stored.metadata),
        }
        return json.dumps(body, separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> AccountChanged:
        """Parse :meth:`to_json`'s output."""
        body = json.loads(text)
        recorded = RecordedEvent(
            body["account"], 0, 0, body["type"], body["data"], body["metadata"], 0.0
        )
        return cls(body["message_id"], body["account"], _MAPPER.to_domain(recorded))
