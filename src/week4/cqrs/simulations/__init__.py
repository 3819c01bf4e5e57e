"""The CQRS chapter's experiments on the simulator: the library composed with ``week4.sim``.

- :mod:`~week4.cqrs.simulations.staleness`: the staleness lab (a read right after a write,
  under four read strategies and three lag distributions);
- :mod:`~week4.cqrs.simulations.replicas`: read replicas with their own lags, and monotonic
  reads;
- :mod:`~week4.cqrs.simulations.outbox`: the dual write against the transactional outbox,
  over many seeded crashes;
- :mod:`~week4.cqrs.simulations.rebuild`: a projection rebuilt blue/green while queries go on.
"""
