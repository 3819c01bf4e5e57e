"""The event sourcing chapter's scenario registrations (thin wrappers over the figures).

Importing this package registers them in menu order: the bank (replay, race, snapshots),
then its history (time travel, upcasting), then a crashing subscription.
"""

from week4.event_sourcing.scenarios import bank, history, subscriptions

__all__ = ["bank", "history", "subscriptions"]
