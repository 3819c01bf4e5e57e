from week4.event_sourcing import (
    ConcurrencyError,
    InMemoryEventStore,
    NewEvent,
)

store = InMemoryEventStore()
opened = NewEvent("AccountOpened", {"owner": "ada"})
funded = NewEvent("Deposited", {"amount_cents": 10000})
store.append("account-1", [opened, funded], expected_version=0)

# Two writers read the stream: both see version 2.
seen_by_w1 = seen_by_w2 = store.stream_version("account-1")
withdraw = NewEvent("Withdrawn", {"amount_cents": 3000})

version = store.append("account-1", [withdraw], seen_by_w1)
print("w1 appends, stream now at version", version)
try:
    store.append("account-1", [withdraw], seen_by_w2)
except ConcurrencyError as conflict:
    print("w2 is refused:", conflict)
    start = conflict.expected + 1
    missed = store.read_stream("account-1", from_version=start)
    print("w2 re-reads", [(e.version, e.type) for e in missed])
    version = store.append("account-1", [withdraw], conflict.actual)
    print("w2 decides again, retries: now at version", version)
