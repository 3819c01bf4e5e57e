"""The sharding chapter's scenarios (thin wrappers over the analyses and the live reshard).

Each one runs in the terminal (``week4 run shard-...``), on the pages and in the tests; the
keys are drawn from the seed, so the same seed gives the same bytes. In menu order: where
keys land and what moves (:mod:`.placement`), then the live reshard (:mod:`.reshard`).
"""

from week4.sharding.scenarios import placement, reshard

__all__ = ["placement", "reshard"]
