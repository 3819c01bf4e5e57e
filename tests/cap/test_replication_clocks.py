from hypothesis import given
from hypothesis import strategies as st

from week4.cap.replicas.clocks import HybridClock, LamportClock, Stamp

events = st.lists(
    st.tuples(
        st.floats(0, 5, allow_nan=False),  # how far physical time moves on
        st.one_of(st.none(), st.tuples(st.floats(0, 100, allow_nan=False), st.integers(0, 5))),
    ),
    max_size=30,
)


@given(events)
def test_hybrid_stamps_only_grow_and_pass_every_stamp_received(steps):
    now = [0.0]
    clock = HybridClock("a", lambda: now[0])
    last = clock.tick()
    for advance, received in steps:
        now[0] += advance
        if received is not None:
            stamp = Stamp(received[0], received[1], "b")
            clock.observe(stamp)
            nxt = clock.tick()
            assert nxt > stamp
        else:
            nxt = clock.tick()
        assert nxt > last
        last = nxt


@given(events)
def test_hybrid_time_stays_within_the_largest_physical_time_seen(steps):
    now = [0.0]
    clock = HybridClock("a", lambda: now[0])
    largest = 0.0
    for advance, received in steps:
        now[0] += advance
        if received is not None:
            largest = max(largest, received[0])
            clock.observe(Stamp(received[0], received[1], "b"))
        stamp = clock.tick()
        assert stamp.time == max(now[0], largest)


def test_with_synchronised_clocks_a_later_write_elsewhere_gets_the_larger_stamp():
    now = [10.0]
    a, b = HybridClock("a", lambda: now[0]), HybridClock("b", lambda: now[0])
    first = a.tick()
    now[0] = 10.5
    assert b.tick() > first


def test_a_lamport_clock_orders_causally_but_ignores_real_time():
    a, b = LamportClock("a"), LamportClock("b")
    for _ in range(5):
        a.tick()
    late = b.tick()  # made after a's five writes, in real time
    assert late < a.tick()
    b.observe(a.tick())
    assert b.tick() > Stamp(0.0, 7, "a")


def test_stamps_print_compactly():
    assert str(Stamp(12.5, 2, "n3")) == "12.5:2@n3"
