"""The resilience chapter's scenarios (thin wrappers over `week4.resilience.figures`).

In menu order: the AWS backoff experiment, a downstream outage met by four caller policies,
a retry storm that outlives its trigger, and hedged requests against a long tail.
"""

from __future__ import annotations

from week4.errors import ParameterError
from week4.resilience.figures import contention, hedging, outage, storm
from week4.resilience.simulations.hedging import TailSetup
from week4.resilience.simulations.layers import run_layers
from week4.resilience.simulations.outage import OutageSetup
from week4.resilience.simulations.policies import BreakerSettings
from week4.resilience.simulations.storm import StormSetup
from week4.scenarios.registry import Param, scenario
from week4.scenarios.result import Result

CHAPTER = "resilience"


@scenario(
    "backoff-contention",
    chapter=CHAPTER,
    title="Backoff and jitter: clients contending on one row",
    description="The AWS article's experiment: optimistic writers with five backoff strategies.",
    params=(
        Param("clients", 50, "the most clients contending (swept from 10 up)", 2, 100),
        Param("runs", 20, "seeded runs per strategy and client count", 1, 200),
        Param("base", 5.0, "the backoff's base (ms)", 1.0, 1000.0),
        Param("cap", 2000.0, "the longest backoff (ms)", 1.0, 60_000.0),
    ),
)
def backoff_contention(seed: int, *, clients: int, runs: int, base: float, cap: float) -> Result:
    """Sweep client counts and strategies; every run's calls and completion time is a record.

    Covers: no backoff, capped exponential backoff, full, equal and decorrelated jitter.
    """
    if cap < base:
        raise ParameterError(f"invalid combination base={base:g}, cap={cap:g}: need cap >= base")
    contention.check_work(clients, runs)
    records = contention.contention_records(seed, clients=clients, runs=runs, base=base, cap=cap)
    return contention.contention_result(records, clients, runs)


@scenario(
    "breaker-outage",
    chapter=CHAPTER,
    title="A circuit breaker through an outage and a latency spike",
    description="Four callers of a downstream that hangs, then slows: load, success, breaker.",
    params=(
        Param("rate", 200.0, "users' requests per second", 10.0, 1000.0),
        Param("failure_rate", 0.05, "share of calls failing at random", 0.0, 0.9),
        Param("outage_ms", 2000.0, "how long the downstream hangs, from 2 s (ms)", 0.0, 3000.0),
        Param("spike_factor", 10.0, "latency multiplier from 6 s to 7.5 s", 1.0, 50.0),
        Param("timeout", 100.0, "the callers' timeout per attempt (ms)", 10.0, 1000.0),
        Param("attempts", 3, "attempts per request when retrying", 2, 5),
        Param("threshold", 0.5, "the breaker's failure-rate threshold", 0.05, 1.0),
        Param("slow_ms", 50.0, "calls slower than this count as slow (ms)", 1.0, 1000.0),
        Param("wait_ms", 500.0, "how long the breaker stays open (ms)", 10.0, 5000.0),
    ),
)
def breaker_outage(
    seed: int,
    *,
    rate: float,
    failure_rate: float,
    outage_ms: float,
    spike_factor: float,
    timeout: float,
    attempts: int,
    threshold: float,
    slow_ms: float,
    wait_ms: float,
) -> Result:
    """The same users' requests through no protection, retries, a breaker, and both.

    Covers: timeouts, jittered retries, a resilience4j breaker (failure and slow-call
    rates), gRPC A6 retry throttling, and the breaker's states as a timeline.
    """
    setup = OutageSetup(
        rate=rate, outage_ms=outage_ms, spike_factor=spike_factor, failure_rate=failure_rate
    )
    breaker = BreakerSettings(
        failure_rate_threshold=threshold,
        slow_call_duration=slow_ms,
        slow_call_rate_threshold=0.5,
        wait_duration=wait_ms,
    )
    day = outage.run_all(seed, setup, timeout=timeout, attempts=attempts, breaker=breaker)
    return outage.outage_result(day, timeout=timeout)


@scenario(
    "retry-storm",
    chapter=CHAPTER,
    title="A retry storm: metastable collapse, and recovery",
    description="A short spike, retries that keep the overload going, and what ends it.",
    params=(
        Param("load", 0.6, "users' rate as a share of the server's capacity", 0.1, 0.95),
        Param("spike_factor", 3.0, "the users' rate is multiplied by this in the spike", 1.0, 10.0),
        Param("spike_ms", 500.0, "how long the spike lasts, from 2 s (ms)", 0.0, 3000.0),
        Param("timeout", 100.0, "the callers' timeout per attempt (ms)", 20.0, 1000.0),
        Param("attempts", 3, "attempts per request when retrying (and per layer)", 2, 5),
        Param("workers", 4, "requests served at once (10 ms each on average)", 1, 32),
        Param("duration", 10_000.0, "how long users send requests (ms)", 10_000.0, 60_000.0),
        Param("layers", 3, "services in the chain of the layered-retries experiment", 1, 5),
    ),
)
def retry_storm(
    seed: int,
    *,
    load: float,
    spike_factor: float,
    spike_ms: float,
    timeout: float,
    attempts: int,
    workers: int,
    duration: float,
    layers: int,
) -> Result:
    """Six caller policies through the same spike; then retries at every layer of a chain.

    Covers: metastable failure, wasted work, retry budgets, breakers, layered retries.
    """
    setup = StormSetup(
        workers=workers,
        load=load,
        spike_factor=spike_factor,
        spike_ms=spike_ms,
        duration=duration,
    )
    result = storm.run_all(seed, setup, timeout=timeout, attempts=attempts)
    return storm.storm_result(result, run_layers(seed, layers=layers, attempts=attempts))


@scenario(
    "hedging",
    chapter=CHAPTER,
    title="Hedged requests: cutting the tail for a few percent more load",
    description="p50, p99 and p99.9 with and without a second copy sent after the p95 delay.",
    params=(
        Param("requests", 20_000, "requests the users send, 1 ms apart", 100, 50_000),
        Param("slow_share", 0.02, "share of requests that hit a hiccup", 0.0, 0.5),
        Param("slow_low", 50.0, "shortest hiccup latency (ms)", 10.0, 10_000.0),
        Param("slow_high", 500.0, "longest hiccup latency (ms)", 10.0, 10_000.0),
        Param("hedge_at", 95.0, "hedge after this percentile of the plain latency", 50.0, 99.9),
    ),
)
def hedging_scenario(
    seed: int,
    *,
    requests: int,
    slow_share: float,
    slow_low: float,
    slow_high: float,
    hedge_at: float,
) -> Result:
    """Run the same requests plain, then hedged after the plain run's ``hedge_at`` percentile.

    Covers: hedged requests with cancellation ("The Tail at Scale"), their extra load.
    """
    if slow_high < slow_low:
        raise ParameterError(
            f"invalid combination slow_low={slow_low:g}, slow_high={slow_high:g}: "
            "need slow_high >= slow_low"
        )
    setup = TailSetup(requests, 1.0, slow_share, slow_low, slow_high)
    return hedging.hedging_result(hedging.compare_hedging(seed, setup, hedge_at))
