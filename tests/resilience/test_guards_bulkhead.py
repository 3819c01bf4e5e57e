"""The bulkhead under real threads and asyncio tasks (no sleeps), and its simulation API."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

import pytest

from week4.errors import ParameterError
from week4.resilience import Bulkhead, BulkheadFullError


def spin_until(condition: Callable[[], bool]) -> None:
    """Yield the processor until ``condition`` holds (never a timed sleep)."""
    for _ in range(10_000_000):
        if condition():
            return
        threading.Event().wait(0)
    raise AssertionError("condition never held")


def test_the_simulation_api_hands_a_freed_slot_to_the_head_of_the_queue() -> None:
    bulkhead = Bulkhead(2, max_queue=2)
    assert bulkhead.try_acquire()
    assert bulkhead.try_acquire()
    assert not bulkhead.try_acquire()
    assert bulkhead.try_enqueue("a")
    assert bulkhead.try_enqueue("b")
    assert not bulkhead.try_enqueue("c")
    assert bulkhead.rejected == 1
    assert bulkhead.cancel("a")
    assert not bulkhead.cancel("a")
    assert bulkhead.release() == "b"
    assert bulkhead.active == 2
    assert bulkhead.queued == 0
    assert bulkhead.release() is None
    assert bulkhead.release() is None
    assert bulkhead.active == 0


def test_threads_beyond_max_concurrent_are_rejected_when_there_is_no_queue() -> None:
    bulkhead = Bulkhead(2)
    inside = threading.Barrier(3)
    leave = threading.Event()

    def hold() -> None:
        inside.wait()
        leave.wait()

    workers = [threading.Thread(target=bulkhead.call, args=(hold,)) for _ in range(2)]
    for worker in workers:
        worker.start()
    inside.wait()  # both workers are inside the bulkhead
    with pytest.raises(BulkheadFullError):
        bulkhead.call(lambda: None)
    leave.set()
    for worker in workers:
        worker.join()
    assert bulkhead.active == 0
    assert bulkhead.call(lambda: "free again") == "free again"


def test_queued_threads_get_the_slot_in_arrival_order() -> None:
    bulkhead = Bulkhead(1, max_queue=2)
    entered = threading.Event()
    leave = threading.Event()
    order: list[str] = []

    def hold() -> None:
        entered.set()
        leave.wait()

    holder = threading.Thread(target=bulkhead.call, args=(hold,))
    holder.start()
    entered.wait()
    waiters = []
    for name in ("first", "second"):
        waiter = threading.Thread(target=bulkhead.call, args=(order.append, name))
        waiter.start()
        waiters.append(waiter)
        expected = len(waiters)
        spin_until(lambda expected=expected: bulkhead.queued == expected)
    with pytest.raises(BulkheadFullError):
        bulkhead.call(lambda: None)  # queue full too
    leave.set()
    for thread in (holder, *waiters):
        thread.join()
    assert order == ["first", "second"]
    assert bulkhead.active == 0
    assert bulkhead.rejected == 1


def test_a_waiter_whose_max_wait_runs_out_is_rejected_and_leaves_the_queue() -> None:
    bulkhead = Bulkhead(1, max_queue=1, max_wait=0.0)
    assert bulkhead.try_acquire()
    with pytest.raises(BulkheadFullError, match=r"no slot within 0\.0 s"):
        bulkhead.call(lambda: None)
    assert bulkhead.queued == 0
    assert bulkhead.rejected == 1


def test_a_failing_call_frees_its_slot() -> None:
    bulkhead = Bulkhead(1)
    with pytest.raises(ZeroDivisionError):
        bulkhead.call(lambda: 1 / 0)
    assert bulkhead.active == 0


def test_async_tasks_queue_and_run_in_order() -> None:
    async def scenario() -> list[str]:
        bulkhead = Bulkhead(1, max_queue=2)
        leave = asyncio.Event()
        order: list[str] = []

        async def hold() -> None:
            await leave.wait()

        async def record(name: str) -> None:
            order.append(name)

        holder = asyncio.create_task(bulkhead.call_async(hold))
        await asyncio.sleep(0)
        first = asyncio.create_task(bulkhead.call_async(record, "first"))
        second = asyncio.create_task(bulkhead.call_async(record, "second"))
        await asyncio.sleep(0)
        assert bulkhead.queued == 2
        with pytest.raises(BulkheadFullError):
            await bulkhead.call_async(record, "third")
        leave.set()
        await asyncio.gather(holder, first, second)
        assert bulkhead.active == 0
        return order

    assert asyncio.run(scenario()) == ["first", "second"]


def test_an_async_waiter_times_out_or_is_cancelled_without_leaking_a_slot() -> None:
    async def scenario() -> None:
        bulkhead = Bulkhead(1, max_queue=1, max_wait=0.0)
        assert bulkhead.try_acquire()

        async def nothing() -> None:
            return None

        with pytest.raises(BulkheadFullError):
            await bulkhead.call_async(nothing)
        patient = Bulkhead(1, max_queue=1)
        assert patient.try_acquire()
        waiting = asyncio.create_task(patient.call_async(nothing))
        await asyncio.sleep(0)
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        assert patient.queued == 0
        assert patient.active == 1

    asyncio.run(scenario())


def test_an_async_waiter_cancelled_after_being_handed_the_slot_passes_it_on() -> None:
    async def scenario() -> None:
        bulkhead = Bulkhead(1, max_queue=1)
        assert bulkhead.try_acquire()

        async def nothing() -> None:
            return None

        waiting = asyncio.create_task(bulkhead.call_async(nothing))
        await asyncio.sleep(0)
        assert bulkhead.release() is not None  # the slot is handed to the waiter...
        waiting.cancel()  # ...which is cancelled before it runs
        with pytest.raises(asyncio.CancelledError):
            await waiting
        assert bulkhead.active == 0

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"max_concurrent": 0}, "invalid max_concurrent 0: expected an integer >= 1"),
        ({"max_concurrent": 1, "max_queue": -1}, "invalid max_queue -1"),
        ({"max_concurrent": 1, "max_wait": float("nan")}, "invalid max_wait nan"),
    ],
)
def test_bad_bulkhead_parameters_are_refused(options: dict[str, object], message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        Bulkhead(**options)  # type: ignore[arg-type]
