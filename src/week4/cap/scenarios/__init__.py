"""The CAP chapter's scenarios: one replicated register, four ways, under the same partition.

Every scenario is a thin wrapper: :func:`week4.cap.replicas.run_mode` runs the cluster, and
:mod:`week4.cap.figures.views`, :mod:`~week4.cap.figures.compare` and
:mod:`~week4.cap.figures.sweep` turn runs into results. The pages and the tests call the same
functions. Importing this package registers them: CP and AP under a scripted partition
(:mod:`.partition`), quorums (:mod:`.quorum`), then 'CA' and random
partitions and the PACELC sweep (:mod:`.trade_offs`).
"""

from week4.cap.scenarios import partition, quorum, trade_offs

__all__ = ["partition", "quorum", "trade_offs"]
