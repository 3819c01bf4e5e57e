"""The tables that the linearizability search of one key runs on.

Everything the search (:mod:`week4.cap.checker.search`) looks up in its inner loop is computed here,
once, as flat lists indexed by small ints, in the spirit of Porcupine's entry list and
bitsets (Porcupine ``checker.go``):

- operations are numbered in order of return, so the operations pending at any event,
  kept sorted, are also in order of return;
- states are interned as ints, and each group of identical operations (same function,
  input and output) shares one cache of transitions ``state -> next state`` (-1: illegal);
- each pending operation holds a *slot*, a bit reused once it returns, so the set of
  pending operations already linearized is a small int;
- operations whose outcome is unknown never return, so they are kept apart from the
  per-event lists (which would otherwise grow as events × crashed operations): identical
  ones form a group, of which only the next member in call order may be linearized, and
  the members already linearized are always a prefix (see :attr:`KeyIndex.info_groups`);
- for models with a look-ahead (:attr:`week4.cap.checker.models.Model.can_become`), the reads
  still ahead of each event and the resets that may come before each read.
"""

from __future__ import annotations

import bisect
import heapq
from array import array
from collections.abc import Hashable

from week4.cap.checker.edn.values import canonical
from week4.cap.checker.history import Operation
from week4.cap.checker.models import UNKNOWN, Model

#: A choice at a return: (operation, its bit, bits of identical ones first, is the returner,
#: is optional).
Choice = tuple[int, int, int, bool, bool]


class KeyIndex:
    """The search tables for one key's operations.

    Args:
        ops: The key's operations (any status; ``fail`` ones are dropped, and so are reads
            whose outcome is unknown: they may not have happened and change nothing).
        model: The sequential specification.
    """

    def __init__(self, ops: list[Operation], model: Model) -> None:
        kept = [
            op
            for op in ops
            if op.status == "ok" or (op.status == "info" and op.f not in model.read_only)
        ]
        kept.sort(key=lambda op: (op.ret, op.call))
        self.model = model
        self.ops = kept
        self.size = len(kept)
        self.optional = [op.status == "info" for op in kept]
        self.observer = [model.observer(op) for op in kept]
        self.states: list[Hashable] = [model.init]
        self.state_id: dict[Hashable, int] = {canonical(model.init): 0}  # by EDN equality
        self._group_identical()
        self._build_events()
        self._index_reads()

    def _group_identical(self) -> None:
        groups: dict[object, int] = {}
        self.group: list[int] = []
        self.trans: list[dict[int, int]] = []
        tables: list[dict[int, int]] = []
        for p, op in enumerate(self.ops):
            out = UNKNOWN if self.optional[p] else op.output
            g = groups.setdefault((op.f, canonical(op.input), canonical(out)), len(tables))
            if g == len(tables):
                tables.append({})
            self.group.append(g)
            self.trans.append(tables[g])

    def next_state(self, p: int, s: int) -> int:
        """The state after operation ``p`` in state ``s`` (-1 when illegal), cached."""
        table = self.trans[p]
        r = table.get(s)
        if r is None:
            op = self.ops[p]
            out = UNKNOWN if self.optional[p] else op.output
            legal, new = self.model.step(self.states[s], op.f, op.input, out)
            key = canonical(new) if legal else None
            r = self.state_id.get(key, -1) if legal else -1
            if legal and r < 0:
                r = self.state_id[key] = len(self.states)
                self.states.append(new)
            table[s] = r
        return r

    def _build_events(self) -> None:
        """Order calls and returns (calls first at equal times); slots; pending per event."""
        raw = [(op.call, 0, p) for p, op in enumerate(self.ops)]
        raw += [(op.ret, 1, p) for p, op in enumerate(self.ops) if not self.optional[p]]
        raw.sort()
        self.nev = len(raw)
        # Flat arrays of machine ints: a few bytes an event, not an int object each.
        self.ev_op = array("q", (p for _, _, p in raw))
        self.ev_ret = [kind == 1 for _, kind, _ in raw]
        del raw
        self.call_at = array("q", bytes(8 * self.size))
        self.ret_at = array("q", [self.nev]) * self.size
        self.bit = [0] * self.size
        bits: list[int] = []  # 1 << slot, one object per slot
        free: list[int] = []
        slots = 0
        pending: list[int] = []  # completed operations only: a few, one per process at most
        pending_obs: list[int] = []
        self.pending: list[tuple[int, ...]] = []  # per event: pending before it
        self.pend_obs: list[tuple[int, ...]] = []  # the same, only the observers
        last: tuple[int, ...] = ()
        last_obs: tuple[int, ...] = ()
        for e, p in enumerate(self.ev_op):
            if len(pending) != len(last) or pending != list(last):
                last = tuple(pending)
            if len(pending_obs) != len(last_obs) or pending_obs != list(last_obs):
                last_obs = tuple(pending_obs)
            self.pending.append(last)
            self.pend_obs.append(last_obs)
            if not self.ev_ret[e]:
                self.call_at[p] = e
                if free:
                    self.bit[p] = bits[heapq.heappop(free)]
                else:
                    bits.append(1 << slots)
                    self.bit[p], slots = bits[slots], slots + 1
                if self.optional[p]:
                    continue  # in its group of identical crashed operations, for ever
                bisect.insort(pending, p)
                if self.observer[p]:
                    bisect.insort(pending_obs, p)
            else:
                self.ret_at[p] = e
                pending.remove(p)
                if self.observer[p]:
                    pending_obs.remove(p)
                heapq.heappush(free, self.bit[p].bit_length() - 1)
        self.pending.append(tuple(pending))
        self.pend_obs.append(tuple(pending_obs))
        returned = 0
        self.returned_before = array("q")  # per event: returns before it
        for e in range(self.nev + 1):
            self.returned_before.append(returned)
            returned += e < self.nev and self.ev_ret[e]
        self.cands: list[tuple[Choice, ...] | None] = [None] * (self.nev + 1)
        self._group_crashed()

    def _group_crashed(self) -> None:
        """Identical crashed operations, in groups ordered by their first call."""
        members: dict[int, list[int]] = {}
        for p in sorted(range(self.size), key=lambda q: self.call_at[q]):
            if self.optional[p]:
                members.setdefault(self.group[p], []).append(p)
        #: Each group's members in call order; only members[linearized count] may go next.
        self.info_groups: list[tuple[int, ...]] = [tuple(m) for m in members.values()]
        self.info_mask = [sum(self.bit[p] for p in m) for m in self.info_groups]
        firsts = [self.call_at[m[0]] for m in self.info_groups]
        #: Per event: how many groups have a member called before it.
        self.groups_at = array("q", (bisect.bisect_left(firsts, e) for e in range(self.nev + 1)))

    def crashed_pending(self, e: int, mask: int) -> list[int]:
        """The crashed operations called before event ``e`` and not in ``mask``."""
        return [
            p
            for m in self.info_groups[: self.groups_at[e]]
            for p in m
            if self.call_at[p] < e and not mask & self.bit[p]
        ]

    def candidates(self, e: int) -> tuple[Choice, ...]:
        """The choices at return event ``e`` of ``o``: any pending completed operation.

        ``o`` comes first; crashed operations are chosen from :attr:`info_groups` instead.

        Then the others by return time (measured: fewer configurations than call order on
        the etcd and kv histories). Of identical operations only the one that returns first
        may go next (the others are *blocked* until it is linearized), so one identical to
        ``o`` is never a choice.
        """
        o, group, bit = self.ev_op[e], self.group, self.bit
        earlier: dict[int, int] = {}  # group -> bits of its members seen so far
        out = []
        for p in self.pending[e]:  # in return order: o first, its identical ones after it
            g = group[p]
            if p == o or g != group[o]:
                out.append((p, bit[p], earlier.get(g, 0), p == o, self.optional[p]))
            earlier[g] = earlier.get(g, 0) | bit[p]
        choices = tuple(out)
        self.cands[e] = choices
        return choices

    def _index_reads(self) -> None:
        """For the look-ahead: reads by return, the first read ahead of each event, resets."""
        self.reads: list[tuple[int, int, object]] = []
        self.reads_from = array("q")
        self.resets_before: list[tuple[tuple[int, int, int], ...]] = []
        if self.model.can_become is None:
            return
        reads = [
            p
            for p, op in enumerate(self.ops)
            if op.f in self.model.read_only and not self.optional[p]
        ]
        self.reads = [(self.call_at[p], self.bit[p], self.ops[p].output) for p in reads]
        ret_at = [self.ret_at[p] for p in reads]
        self.reads_from = array("q", (bisect.bisect_left(ret_at, e) for e in range(self.nev + 1)))
        resets = [p for p, op in enumerate(self.ops) if op.f in self.model.resets]
        self.resets_before = [
            tuple(
                (self.call_at[q], self.ret_at[q], self.bit[q])
                for q in resets
                if self.call_at[q] < self.ret_at[p]
            )
            for p in reads
        ]
