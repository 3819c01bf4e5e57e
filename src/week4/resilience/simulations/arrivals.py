"""Open-loop arrivals: a Poisson stream of requests whose rate steps up during a spike.

Open loop means new requests keep coming whatever happens to the old ones (users do not
wait for each other), which is what lets retries pile up. Gaps are exponential with the
current rate; at a rate change the next gap is drawn again, which is exact because the
exponential distribution is memoryless.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from week4.errors import ParameterError
from week4.sim.clock import Simulator


@dataclass(frozen=True)
class Load:
    """A base rate with one spike.

    Attributes:
        rate: Requests per millisecond outside the spike.
        spike_start: When the spike starts (ms).
        spike_end: When it ends (ms); equal to ``spike_start`` for no spike.
        spike_factor: The rate is multiplied by this during the spike.
        until: No request starts at or after this time (ms).
    """

    rate: float
    until: float
    spike_start: float = 0.0
    spike_end: float = 0.0
    spike_factor: float = 1.0

    def __post_init__(self) -> None:
        if not self.rate > 0:
            raise ParameterError(f"invalid rate {self.rate!r}: expected a number > 0")
        if not 0 <= self.spike_start <= self.spike_end <= self.until:
            raise ParameterError(
                "invalid spike: expected 0 <= spike_start <= spike_end <= the run's end, got "
                f"{self.spike_start:g}, {self.spike_end:g}, {self.until:g}"
            )

    def rate_at(self, time: float) -> tuple[float, float]:
        """The rate at ``time`` and when it next changes."""
        if time < self.spike_start:
            return self.rate, self.spike_start
        if time < self.spike_end:
            return self.rate * self.spike_factor, self.spike_end
        return self.rate, self.until


def start_arrivals(sim: Simulator, load: Load, arrive: Callable[[], None]) -> None:
    """Call ``arrive`` at each arrival of ``load``, drawing gaps from stream ``arrivals``."""
    rng = sim.rng("arrivals")

    def step() -> None:
        rate, change = load.rate_at(sim.now)
        gap = rng.expovariate(rate)
        if sim.now + gap >= change:
            if change < load.until:
                sim.at(change, step)
            return
        sim.schedule(gap, arrive_and_continue)

    def arrive_and_continue() -> None:
        arrive()
        step()

    step()
