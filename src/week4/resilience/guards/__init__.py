"""Guards around a call: timeout, bulkhead, fallback, hedging, and the pipeline of them."""

from week4.resilience.guards.bulkhead import Bulkhead
from week4.resilience.guards.fallback import Fallback
from week4.resilience.guards.hedging import Hedging, HedgingPolicy
from week4.resilience.guards.pipeline import Guard, Pipeline, decorate
from week4.resilience.guards.timeout import Timeout

__all__ = [
    "Bulkhead",
    "Fallback",
    "Guard",
    "Hedging",
    "HedgingPolicy",
    "Pipeline",
    "Timeout",
    "decorate",
]
