"""Without numpy (Pyodide, a bare interpreter) the analyses give the same figures."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap

from week4.sharding import STRATEGIES, KeyBatch, make_strategy, shard_names
from week4.sharding.analysis import (
    STRATEGY_ORDER,
    add_and_remove,
    balance_by_strategy,
    uniform_keys,
)

SCRIPT = textwrap.dedent(
    """
    import json, random, sys
    sys.modules["numpy"] = None  # an import of numpy now fails, as where it is not installed
    from week4.errors import ParameterError
    from week4.sharding import KeyBatch, make_strategy, numpy_available, shard_names
    from week4.sharding.analysis import (
        STRATEGY_ORDER, add_and_remove, balance_by_strategy, uniform_keys,
    )
    from week4.sharding.strategies import jump_hash_array

    assert not numpy_available()
    for call in (lambda: KeyBatch(["a"], use_numpy=True), lambda: jump_hash_array([1], 3)):
        try:
            call()
        except ParameterError:
            pass
        else:
            raise AssertionError("numpy was required without a clear error")
    batch = KeyBatch(uniform_keys(3000, random.Random(8)))
    loads = [list(load.counts) for load in balance_by_strategy(shard_names(6), batch)]
    moved = [
        [m.moved for m in add_and_remove(make_strategy(n, shard_names(6)), batch, "s6")]
        for n in STRATEGY_ORDER
    ]
    print(json.dumps({"loads": loads, "moved": moved}))
    """
)


def test_the_analyses_count_the_same_keys_with_and_without_numpy():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True, timeout=120
    )
    without = json.loads(done.stdout)
    batch = KeyBatch(uniform_keys(3000, random.Random(8)))
    loads = [list(load.counts) for load in balance_by_strategy(shard_names(6), batch)]
    moved = [
        [m.moved for m in add_and_remove(make_strategy(n, shard_names(6)), batch, "s6")]
        for n in STRATEGY_ORDER
    ]
    assert without == {"loads": loads, "moved": moved}


def test_assignments_do_not_depend_on_the_processs_hash_seed():
    script = (
        "from week4.sharding import STRATEGIES, make_strategy, shard_names\n"
        "print([make_strategy(n, shard_names(5)).shard_for(f'k{i}') "
        "for n in STRATEGIES for i in range(50)])"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    ]
    assert runs[0] == runs[1]
    assert runs[0].strip() == str(
        [make_strategy(n, shard_names(5)).shard_for(f"k{i}") for n in STRATEGIES for i in range(50)]
    )
