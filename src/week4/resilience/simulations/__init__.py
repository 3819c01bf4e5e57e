"""Simulation models of the resilience chapter: the components under load, on `week4.sim`.

Each model composes the chapter's own waits, breaker and budgets with the simulator's
virtual clock and seeded random streams: clients contending on one row with backoff
(`contention`), callers of a downstream with an outage (`outage`), a server with a queue in a
retry storm (`storm`), a chain of services retrying at every layer (`layers`), and hedged
requests against a long tail (`hedging`). They import neither the renderers nor the
scenario registry: the pages' figures (`week4.resilience.figures`) turn their runs into
tables and charts.
"""
