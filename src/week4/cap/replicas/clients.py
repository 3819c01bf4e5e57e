"""Simulated clients: each invokes operations one at a time and records what it saw.

A client is attached to one replica (its nearest, on its side of any partition). It records
every operation in a :class:`~week4.cap.checker.history.HistoryRecorder` as Jepsen's clients do
(Kingsbury, Jepsen; Kleppmann, "A Critique of the CAP Theorem" 2015, section 3):

- ``ok`` when the replica answered that it took effect;
- ``fail`` when the replica answered that it did not, or when a *read* timed out (a read
  changes nothing, so not knowing its outcome is the same as it failing);
- ``info`` when a write or cas timed out: it may have taken effect, now or later. Like a
  Jepsen process that crashed, the client then goes on as a new process (its number plus
  the number of clients), so each process keeps at most one operation in doubt.
"""

from __future__ import annotations

import random

from week4.cap.checker.history import HistoryRecorder
from week4.cap.replicas.messages import Reply, Request
from week4.cap.replicas.workload import OpSpec, Workload
from week4.sim.clock import Timer
from week4.sim.node import Node


class Client(Node):
    """A client that runs a closed loop: invoke, wait for the reply or a timeout, think, repeat.

    Args:
        node_id: The client's node name (``c1``, ``c2``, ...).
        index: Its number from 0; its first process id.
        clients: How many clients there are (the step between its process ids).
        replica: The replica it sends its requests to.
        workload: Where its operations come from.
        recorder: Where it records invocations and completions.
        rng: Its random stream (operation choice and think time).
        timeout: How long it waits for a reply (ms).
        think: The range of its pause between operations (ms).
        stop_at: It invokes no operation at or after this time.
        max_ops: It invokes at most this many operations.
    """

    def __init__(
        self,
        node_id: str,
        *,
        index: int,
        clients: int,
        replica: str,
        workload: Workload,
        recorder: HistoryRecorder,
        rng: random.Random,
        timeout: float,
        think: tuple[float, float],
        stop_at: float,
        max_ops: int,
    ) -> None:
        super().__init__(node_id)
        self.process = index
        self.step = clients
        self.replica = replica
        self.workload = workload
        self.recorder = recorder
        self.rng = rng
        self.timeout = timeout
        self.think = think
        self.stop_at = stop_at
        self.max_ops = max_ops
        self.invoked = 0
        self._current: tuple[int, OpSpec] | None = None
        self._timer: Timer | None = None

    def start(self) -> None:
        """Begin after a first pause."""
        self._pause()

    def _pause(self) -> None:
        self.set_timer(self.rng.uniform(*self.think), self._invoke)

    def _invoke(self) -> None:
        if self.now >= self.stop_at or self.invoked >= self.max_ops:
            return
        spec = self.workload.next(self.id, self.rng)
        op_id = self.recorder.invoke(self.process, spec.f, spec.input, spec.key, time=self.now)
        self.invoked += 1
        self._current = (op_id, spec)
        self.send(
            self.replica,
            Request(op_id, self.id, spec.f, spec.key, spec.value, spec.expected),
        )
        self._timer = self.set_timer(self.timeout, lambda: self._time_out(op_id))

    def _time_out(self, op_id: int) -> None:
        if self._current is None or self._current[0] != op_id:
            return
        spec = self._current[1]
        self._current = None
        if spec.f == "read":
            self.recorder.complete(op_id, "fail", None, self.now)
        else:
            self.recorder.complete(op_id, "info", None, self.now)
            self.process += self.step
        self._pause()

    def on_message(self, src: str, message: object) -> None:  # noqa: ARG002
        """Record the reply to the pending operation (late replies are ignored)."""
        if not isinstance(message, Reply) or self._current is None:
            return
        op_id, spec = self._current
        if message.op_id != op_id:
            return
        self._current = None
        if self._timer is not None:
            self._timer.cancel()
        self.recorder.complete(op_id, message.status, message.output, self.now)
        if message.status == "ok":
            seen = spec.value if spec.f != "read" else message.output
            if spec.f != "cas" or message.output is True:
                self.workload.saw(self.id, spec.key, seen)  # type: ignore[arg-type]
        self._pause()
