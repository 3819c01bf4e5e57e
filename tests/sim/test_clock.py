import pytest
from hypothesis import given
from hypothesis import strategies as st

from week4.errors import Week4Error
from week4.sim import Simulator


def test_actions_run_in_time_order_and_the_clock_jumps_to_each():
    sim = Simulator(seed=1)
    seen: list[tuple[float, str]] = []
    sim.schedule(5, lambda: seen.append((sim.now, "b")))
    sim.schedule(1, lambda: seen.append((sim.now, "a")))
    assert sim.run() == 2
    assert seen == [(1.0, "a"), (5.0, "b")]


@given(st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=30))
def test_simultaneous_actions_run_in_the_order_they_were_scheduled(delays):
    sim = Simulator(seed=1)
    order: list[int] = []
    for i, delay in enumerate(delays):
        sim.schedule(delay, lambda i=i: order.append(i))
    sim.run()
    expected = sorted(range(len(delays)), key=lambda i: (delays[i], i))
    assert order == expected


def test_a_cancelled_timer_never_runs():
    sim = Simulator(seed=1)
    ran: list[str] = []
    timer = sim.schedule(1, lambda: ran.append("x"))
    timer.cancel()
    sim.run()
    assert ran == []


def test_run_until_stops_before_later_actions_and_sets_the_clock():
    sim = Simulator(seed=1)
    ran: list[float] = []
    sim.schedule(3, lambda: ran.append(sim.now))
    sim.schedule(10, lambda: ran.append(sim.now))
    sim.run(until=5)
    assert ran == [3.0]
    assert sim.now == 5.0
    sim.run()
    assert ran == [3.0, 10.0]


def test_actions_can_schedule_more_actions():
    sim = Simulator(seed=1)
    ticks: list[float] = []

    def tick() -> None:
        ticks.append(sim.now)
        if len(ticks) < 3:
            sim.schedule(2, tick)

    sim.schedule(0, tick)
    sim.run()
    assert ticks == [0.0, 2.0, 4.0]


def test_scheduling_in_the_past_is_refused():
    sim = Simulator(seed=1)
    sim.run(until=10)
    with pytest.raises(Week4Error, match="past"):
        sim.at(5, lambda: None)
    with pytest.raises(Week4Error, match="delay"):
        sim.schedule(-1, lambda: None)


def test_a_simulation_that_never_settles_is_stopped_by_max_steps():
    sim = Simulator(seed=1)

    def forever() -> None:
        sim.schedule(1, forever)

    sim.schedule(0, forever)
    with pytest.raises(Week4Error, match="max_steps"):
        sim.run(max_steps=100)


def test_random_streams_depend_on_the_seed_and_the_component_name_only():
    a, b = Simulator(seed=3), Simulator(seed=3)
    b.rng("other").random()  # drawing from another stream does not shift this one
    assert a.rng("network").random() == b.rng("network").random()
    assert Simulator(seed=4).rng("network").random() != Simulator(seed=3).rng("network").random()


@pytest.mark.parametrize("seed", ["1", 1.5, True, None])
def test_a_seed_that_is_not_an_integer_is_refused(seed):
    with pytest.raises(Week4Error, match="seed must be an integer"):
        Simulator(seed=seed)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -1.0, "5"])
def test_a_delay_must_be_a_finite_number_not_below_zero(bad):
    sim = Simulator(1)
    with pytest.raises(Week4Error, match="delay must be a finite number"):
        sim.schedule(bad, lambda: None)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_an_absolute_time_must_be_finite(bad):
    with pytest.raises(Week4Error, match="time must be a finite number"):
        Simulator(1).at(bad, lambda: None)


def test_running_exactly_max_steps_actions_settles():
    sim = Simulator(1)
    for i in range(3):
        sim.schedule(i, lambda: None)
    assert sim.run(max_steps=3) == 3


def test_an_empty_simulator_settles_even_with_no_steps_allowed():
    assert Simulator(1).run(max_steps=0) == 0


def test_one_action_more_than_max_steps_does_not_settle():
    sim = Simulator(1)
    for i in range(4):
        sim.schedule(i, lambda: None)
    with pytest.raises(Week4Error, match="did not settle within max_steps=3"):
        sim.run(max_steps=3)
