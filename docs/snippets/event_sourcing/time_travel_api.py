from week4.event_sourcing.aggregates.time_travel import (
    audit_trail,
    state_at_time,
    state_at_version,
)
from week4.event_sourcing.figures.walkthroughs import STREAM, bank_day

# The same seeded day as the table above.
day = bank_day(seed=1, commands=8, timed=True)
store, bank = day.store, day.repo
fold = (store, bank.mapper, bank.decider, STREAM)

then, version = state_at_time(*fold, at=11 * 60)  # 11:00
print(f"at 11:00: version {version}, balance €{then.balance_cents / 100:g}")
after = state_at_version(*fold, 3).balance_cents
print(f"after version 3: balance €{after / 100:g}")
trail = audit_trail(store, STREAM)
who = sorted({e.actor for e in trail if e.type == "Withdrawn"})
print("who withdrew:", who)
