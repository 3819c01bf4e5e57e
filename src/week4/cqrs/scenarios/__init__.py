"""The CQRS chapter's scenario registrations (thin wrappers over the figures).

In menu order: the staleness lab and read replicas (:mod:`.lab`), the dual write against
the transactional outbox (:mod:`.outbox`), and a blue/green rebuild (:mod:`.rebuild`).
"""

from week4.cqrs.scenarios import lab, outbox, rebuild

__all__ = ["lab", "outbox", "rebuild"]
