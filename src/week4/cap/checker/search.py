"""The search behind :func:`~week4.cap.checker.check_linearizable`, one key at a time.

Wing & Gong's depth-first search for a linearization (Wing & Gong 1993) with Lowe's
*just-in-time linearisation* (Lowe 2017, "Testing for linearizability"): the history is
walked event by event, and an operation is linearized only when it must be, at its return,
possibly after some of the operations still pending. A configuration is the event index,
the set of pending operations already linearized and the state; configurations seen before
are skipped, as Porcupine caches (linearized bitset, state) pairs (Porcupine ``checker.go``).
Four reductions cut the search further, each sound because a solution that breaks it can be
rearranged into one that keeps it, or because it only drops dead branches:

- an operation that never changes the state (a read, a cas that found another value) is
  linearized as soon as it is legal: moved there from any later place, it changes nothing
  in between (not so a write of the current value, which may be needed later);
- an operation whose outcome is unknown is linearized only when it changes the state, and a
  read whose outcome is unknown is dropped (it may not have happened);
- of pending operations that are identical, only the one that returns first may go next;
- with a model look-ahead (``Model.can_become``), a state from which the next read can no
  longer be satisfied (an append-only value that is not a prefix of it) is abandoned.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Generator, Hashable
from dataclasses import dataclass
from typing import Any

from week4.cap.checker.history import Operation
from week4.cap.checker.keyindex import KeyIndex

#: A step of a linearization: the operation and the state right after it.
Step = tuple[Operation, Hashable]


@dataclass(frozen=True)
class Outcome:
    """How the search of one key ended.

    Attributes:
        linearizable: True, or False when no linearization exists.
        steps: The linearization found (True), or the longest linearizable prefix (False).
        stuck: When False: the operation that cannot be placed after ``steps``.
        pending: When False: the other operations pending at that point.
        explored: Configurations visited.
    """

    linearizable: bool
    steps: tuple[Step, ...]
    stuck: Operation | None = None
    pending: tuple[Operation, ...] = ()
    explored: int = 0


class KeySearch(KeyIndex):
    """The search over one key's operations (see :class:`KeyIndex` for the arguments)."""

    def run(self) -> Generator[int, int, Outcome]:
        """Search, yielding the configurations explored so far every ``allowance`` new ones.

        The driver primes the generator with ``next()``, then ``send()`` s an allowance: how
        many configurations to explore before yielding again.
        """
        allowance = yield 0
        ev_op, ev_ret, bit, trans, nev = self.ev_op, self.ev_ret, self.bit, self.trans, self.nev
        pend_obs, cands, observer, nxt = self.pend_obs, self.cands, self.observer, self.next_state
        can_become, states, reads = self.model.can_become, self.states, self.reads
        groups, group_mask, groups_at = self.info_groups, self.info_mask, self.groups_at
        call_at = self.call_at
        reads_from, resets_before, nreads = self.reads_from, self.resets_before, len(self.reads)
        seen: dict[int, set[int]] = {}  # per event reached: (mask, state) pairs seen there
        i, mask = self._walk(0, 0, 0, None)
        if i == nev:
            return Outcome(True, self.replay(None, None), explored=1)
        # A frame: [event index, mask, state, next choice, parent frame, choice made].
        stack: list[list[Any]] = [[i, mask, 0, 0, None, -1]]
        seen[i] = {mask << 32}
        explored, limit = 1, allowance
        best: list[Any] = stack[0]
        best_count = -1
        while stack:
            frame = stack[-1]
            i, mask, s, k = frame[0], frame[1], frame[2], frame[3]
            cl = cands[i] or self.candidates(i)
            if k == 0:
                count = self.returned_before[i] + mask.bit_count()
                if count > best_count:
                    best_count, best = count, frame
            if k >= len(cl):
                g = k - len(cl)
                if g >= groups_at[i]:
                    stack.pop()
                    continue
                frame[3] = k + 1
                # A crashed operation: the next of its group, if called before event i.
                members = groups[g]
                c = (mask & group_mask[g]).bit_count()
                if c == len(members) or call_at[members[c]] >= i:
                    continue
                p = members[c]
                b, here, optional = bit[p], False, True
            else:
                frame[3] = k + 1
                p, b, blockers, here, optional = cl[k]
                if mask & b or blockers & ~mask:
                    continue
            r = trans[p].get(s)
            if r is None:
                r = nxt(p, s)
            if r < 0 or (r == s and optional):
                continue
            if here:
                i += 1
            else:
                mask |= b
            # Linearize the pending observers the new state makes legal, then walk on
            # to the next return of an operation not yet linearized.
            for q in pend_obs[i]:
                if not mask & bit[q]:
                    t = trans[q].get(r)
                    if t is None:
                        t = nxt(q, r)
                    if t == r:
                        mask |= bit[q]
            while i < nev:
                q = ev_op[i]
                if ev_ret[i]:
                    if not mask & bit[q]:
                        break
                    mask ^= bit[q]
                elif observer[q]:
                    t = trans[q].get(r)
                    if t is None:
                        t = nxt(q, r)
                    if t == r:
                        mask |= bit[q]
                i += 1
            else:
                return Outcome(True, self.replay(frame, p), explored=explored)
            if can_become is not None:
                # With no reset possible before the next read, the state must be able to
                # become what that read returned.
                j = reads_from[i]
                while j < nreads and reads[j][0] < i and mask & reads[j][1]:
                    j += 1
                if j < nreads:
                    for ci, ri, qb in resets_before[j]:
                        if ri >= i and (ci >= i or not mask & qb):
                            break
                    else:
                        if not can_become(states[r], reads[j][2]):
                            continue
            key = mask << 32 | r
            here_seen = seen.get(i)
            if here_seen is None:
                seen[i] = {key}
            elif key in here_seen:
                continue
            else:
                here_seen.add(key)
            stack.append([i, mask, r, 0, frame, p])
            explored += 1
            if explored >= limit:
                allowance = yield explored
                limit = explored + allowance
        return dataclasses.replace(self.stuck(best), explored=explored)

    def _walk(self, i: int, mask: int, s: int, steps: list[Step] | None) -> tuple[int, int]:
        """The eager rules of :meth:`run`, recording the operations placed in ``steps``."""
        for q in self.pend_obs[i]:
            if not mask & self.bit[q] and self.next_state(q, s) == s:
                mask |= self.bit[q]
                if steps is not None:
                    steps.append((self.ops[q], self.states[s]))
        while i < self.nev:
            q = self.ev_op[i]
            if self.ev_ret[i]:
                if not mask & self.bit[q]:
                    break
                mask ^= self.bit[q]
            elif self.observer[q] and self.next_state(q, s) == s:
                mask |= self.bit[q]
                if steps is not None:
                    steps.append((self.ops[q], self.states[s]))
            i += 1
        return i, mask

    def replay(self, frame: list[Any] | None, last: int | None) -> tuple[Step, ...]:
        """The linearization that leads to ``frame`` (and then ``last``), step by step."""
        choices: list[int] = [] if last is None else [last]
        while frame is not None and frame[4] is not None:
            choices.append(frame[5])
            frame = frame[4]
        steps: list[Step] = []
        i, mask = self._walk(0, 0, 0, steps)
        s = 0
        for p in reversed(choices):
            s = self.next_state(p, s)
            steps.append((self.ops[p], self.states[s]))
            if i < self.nev and self.ev_op[i] == p and self.ev_ret[i]:
                i += 1
            else:
                mask |= self.bit[p]
            i, mask = self._walk(i, mask, s, steps)
        return tuple(steps)

    def stuck(self, frame: list[Any]) -> Outcome:
        """The counterexample at ``frame``: its prefix and the operation that cannot follow."""
        i, mask = frame[0], frame[1]
        choices = self.cands[i] or self.candidates(i)
        pending = [p for p, b, _, here, _ in choices if not here and not mask & b]
        pending += self.crashed_pending(i, mask)
        ops = tuple(self.ops[p] for p in pending)
        return Outcome(False, self.replay(frame, None), self.ops[self.ev_op[i]], ops)
