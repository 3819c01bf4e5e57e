from week4.cqrs.figures.timeline import one_read_after_write, stale_read_diagram, what_happened

run = one_read_after_write(seed=1, strategy="wait-for-position", lag_ms=20.0)
print(stale_read_diagram(run))
print()
print(what_happened(run))
