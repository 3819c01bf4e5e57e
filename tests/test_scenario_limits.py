"""Every scenario, at the extremes of its parameters, answers or refuses within its bounds.

The registry lets a reader set any parameter to any allowed value, alone or together, so the
combinations at the corners of the allowed ranges are where a run gets too big. Each
scenario is run in a fresh process at its corners: every parameter at its minimum, every
one at its maximum, and :data:`RANDOM_CORNERS` seeded mixes of minima, maxima and choices.
Each run must finish within :data:`SECONDS` of CPU time (measured in the child: wall time
would charge a run for whatever else the machine is doing) with the child's peak resident
memory under :data:`MEGABYTES`, or be refused up front with the registry's one-line
:class:`~week4.errors.ParameterError`.

New chapters are covered as soon as they register: the list comes from the registry.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from week4 import scenarios

SECONDS = 30.0
MEGABYTES = 1024
RANDOM_CORNERS = 4

CHILD = r"""
import json, random, resource, sys, time
from week4 import scenarios
from week4.errors import ParameterError

def corners(scenario, count):
    def ends(p):
        if p.choices:
            return list(p.choices)
        if p.type is bool:
            return [False, True]
        low = p.default if p.minimum is None else p.type(p.minimum)
        high = p.default if p.maximum is None else p.type(p.maximum)
        return [low, high]
    rng = random.Random(scenario.name)
    yield {p.name: ends(p)[0] for p in scenario.params}
    yield {p.name: ends(p)[-1] for p in scenario.params}
    for _ in range(count):
        yield {p.name: rng.choice(ends(p)) for p in scenario.params}

scenario = scenarios.get(sys.argv[1])
report = []
for values in corners(scenario, int(sys.argv[2])):
    start = time.process_time()
    try:
        text = scenario.run(1, **values).to_json()
        json.loads(text)
        outcome = "ran"
    except ParameterError as error:
        outcome = "refused: " + str(error)
        assert "\n" not in str(error)
    report.append({"values": values, "seconds": time.process_time() - start, "outcome": outcome})
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps({"peak_mb": peak, "runs": report}, default=str))
"""


def _environment() -> dict[str, str]:
    """The child's environment, without coverage's subprocess hook (it would slow the runs)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("COV_CORE")}


@pytest.mark.slow
@pytest.mark.parametrize("name", [s.name for s in scenarios.all_scenarios()])
def test_every_scenario_at_its_extremes_answers_or_refuses_within_bounds(name: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, name, str(RANDOM_CORNERS)],
        capture_output=True,
        text=True,
        check=False,
        timeout=SECONDS * (RANDOM_CORNERS + 2) + 60,
        env=_environment(),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    slow = [r for r in report["runs"] if r["seconds"] > SECONDS]
    assert slow == [], f"{name}: runs over {SECONDS:g} s"
    assert report["peak_mb"] <= MEGABYTES, f"{name}: peak {report['peak_mb']} MB"
