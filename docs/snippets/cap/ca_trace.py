import re

from week4.cap.figures.ca_page import ca_variants, events_table, lost_writes_summary


def tenths(text):
    """Virtual times to 0.1 ms, the one precision of these pages."""
    return re.sub(r"\b(\d+\.\d{2,})\b", lambda m: f"{float(m[1]):.1f}", text)


blocking, failover = ca_variants(seed=1)
print(tenths(events_table(failover.run.trace).to_markdown()))
print()
print(tenths(lost_writes_summary(failover.run)))
