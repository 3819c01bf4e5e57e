"""Leave crashed writes that nothing observed out of the search (Knossos, Porcupine).

A write whose outcome is unknown (``info``: a timeout, a crash) may or may not have taken
effect, so a search must try it at every point after its call, and also without it: n such
writes multiply the configurations by up to 2ⁿ. Most of them never matter: no read returned
their value. This module finds the ones that can be left out without changing the verdict.

**The rule.** On a register (read, write, cas), a crashed write ``w`` of value ``v`` to a key
may be left out when, on that key, (a) no completed read returned ``v`` (for Knossos's
``cas-register`` a read of nil constrains nothing and does not count), (b) no cas that may
have taken effect expected ``v``, and (c) no completed cas returned false (the etcd logs'
reading of ``:fail :cas``).

**Why it is sound.** Leaving an operation out can only make a linearizable history look
non-linearizable, never the reverse, so take a linearization ``L`` that places ``w`` (at the
state ``p`` before it) and show one without ``w``. In ``L`` the register holds ``v`` from ``w``
until the next operation ``z`` that changes the state. Every operation ``o`` between them ran
on ``v``: a completed read returned ``v`` (ruled out by a) or nil under ``cas-register`` (legal
in any state); a cas that swapped expected ``v`` (ruled out by b); a completed cas that
returned false does not occur (c); a crashed operation that left the state as it was can
itself be left out of ``L`` (it may not have happened). ``z`` is not a cas (it would have
expected ``v``, ruled out by b), so it is a write, legal in any state, and after it the state
is the same with or without ``w``. So ``L`` without ``w`` (and those crashed no-ops) is legal
from ``p`` on; removing operations keeps the real-time order of the rest. ∎ The tests check
this against a brute-force search that leaves nothing out.
"""

from __future__ import annotations

from collections.abc import Hashable

from week4.cap.checker.edn.values import canonical
from week4.cap.checker.history import Operation
from week4.cap.checker.models import Model


def droppable_crashed_writes(ops: list[Operation], model: Model) -> set[int]:
    """The positions in ``ops`` (one key's operations) of the crashed writes to leave out.

    Only for register models (read, write and cas); empty for any other model.
    """
    if set(model.functions) != {"read", "write", "cas"}:
        return set()
    observed: set[Hashable] = set()
    nil_is_free = model.name == "cas-register"
    for op in ops:
        if op.status == "fail":
            continue
        if op.f == "cas":
            if op.status == "ok" and op.output is False:
                return set()  # (c)
            if isinstance(op.input, tuple | list) and len(op.input) == 2:
                observed.add(canonical(op.input[0]))  # (b)
        elif op.f == "read" and op.status == "ok" and not (nil_is_free and op.output is None):
            observed.add(canonical(op.output))  # (a)
    return {
        n
        for n, op in enumerate(ops)
        if op.status == "info" and op.f == "write" and canonical(op.input) not in observed
    }
