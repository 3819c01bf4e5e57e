from week4.cap.figures.ca_page import ca_variants, events_table, lost_writes_summary

blocking, failover = ca_variants(seed=1)
print(events_table(failover.run.trace).to_markdown())
print()
print(lost_writes_summary(failover.run))
