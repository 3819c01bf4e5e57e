from dataclasses import dataclass

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from week4.errors import Week4Error
from week4.sim import Constant, Link, Network, Node, Simulator, Uniform


class Recorder(Node):
    """A fake node that remembers what it received."""

    def __init__(self, node_id: str) -> None:
        super().__init__(node_id)
        self.inbox: list[tuple[float, str, object]] = []
        self.crashes = 0
        self.restarts = 0

    def on_message(self, src: str, message: object) -> None:
        self.inbox.append((self.now, src, message))

    def on_crash(self) -> None:
        self.crashes += 1

    def on_restart(self) -> None:
        self.restarts += 1


@dataclass(frozen=True)
class Note:
    n: int


def network(seed: int = 1, link: Link | None = None, nodes: str = "abc") -> Network:
    sim = Simulator(seed)
    net = Network(sim, link or Link(latency=Constant(2.0)))
    net.add(*(Recorder(n) for n in nodes))
    return net


def inbox(net: Network, node_id: str) -> list[tuple[float, str, object]]:
    node = net.node(node_id)
    assert isinstance(node, Recorder)
    return node.inbox


def test_a_message_arrives_after_the_link_latency():
    net = network()
    net.send("a", "b", Note(1))
    net.sim.run()
    assert inbox(net, "b") == [(2.0, "a", Note(1))]
    assert [e.kind for e in net.sim.trace] == ["send", "deliver"]
    assert net.sim.trace.events[1].message == "Note(n=1)"


def test_a_partitioned_pair_drops_messages_in_both_directions_until_healed():
    net = network()
    net.partition(["a"], ["b", "c"])
    net.send("a", "b", Note(1))
    net.send("b", "a", Note(2))
    net.send("b", "c", Note(3))
    net.sim.run()
    assert inbox(net, "a") == []
    assert [m for _, _, m in inbox(net, "c")] == [Note(3)]
    net.heal()
    net.send("a", "b", Note(4))
    net.sim.run()
    assert [m for _, _, m in inbox(net, "b")] == [Note(4)]


def test_nodes_left_out_of_a_partition_form_their_own_group():
    net = network()
    net.partition(["a", "b"])
    assert net.blocked("a", "c")
    assert net.blocked("c", "b")
    assert not net.blocked("a", "b")


def test_a_one_way_block_drops_only_one_direction():
    net = network()
    net.block("a", "b")
    net.send("a", "b", Note(1))
    net.send("b", "a", Note(2))
    net.sim.run()
    assert inbox(net, "b") == []
    assert [m for _, _, m in inbox(net, "a")] == [Note(2)]


def test_a_message_in_flight_when_the_partition_starts_is_dropped_on_arrival():
    net = network()
    net.send("a", "b", Note(1))
    net.sim.schedule(1, lambda: net.partition(["a"], ["b"]))
    net.sim.run()
    assert inbox(net, "b") == []
    drop = net.sim.trace.of_kind("drop")[0]
    assert (drop.time, drop.detail) == (2.0, "partitioned")


def test_a_crashed_node_loses_its_inbox_and_timers_and_comes_back_on_restart():
    net = network()
    b = net.node("b")
    fired: list[float] = []
    b.set_timer(5, lambda: fired.append(net.sim.now))
    net.crash("b")
    net.send("a", "b", Note(1))
    net.sim.run()
    assert inbox(net, "b") == []
    assert fired == []
    net.restart("b")
    net.send("a", "b", Note(2))
    net.sim.run()
    assert [m for _, _, m in inbox(net, "b")] == [Note(2)]
    assert isinstance(b, Recorder)
    assert (b.crashes, b.restarts) == (1, 1)


def test_a_link_that_always_duplicates_delivers_twice():
    net = network(link=Link(latency=Constant(1), duplicate=1.0))
    net.send("a", "b", Note(1))
    net.sim.run()
    assert [m for _, _, m in inbox(net, "b")] == [Note(1), Note(1)]


def test_a_link_that_always_loses_delivers_nothing():
    net = network(link=Link(loss=1.0))
    net.send("a", "b", Note(1))
    net.sim.run()
    assert inbox(net, "b") == []
    assert net.sim.trace.of_kind("drop")[0].detail == "lost"


def test_reordering_lets_later_messages_overtake_earlier_ones():
    net = network(link=Link(latency=Constant(1), reorder=0.5, reorder_delay=50))
    for n in range(50):
        net.send("a", "b", Note(n))
    net.sim.run()
    received = [m.n for _, _, m in inbox(net, "b")]  # type: ignore[attr-defined]
    assert sorted(received) == list(range(50))
    assert received != list(range(50))


def test_per_link_overrides_apply_to_one_pair_only():
    net = network()
    net.set_link("a", "b", Link(latency=Constant(10)))
    net.send("a", "b", Note(1))
    net.send("a", "c", Note(2))
    net.sim.run()
    assert inbox(net, "b")[0][0] == 10.0
    assert inbox(net, "c")[0][0] == 2.0


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Link(loss=1.5), "loss must be between 0 and 1"),
        (lambda: Link(duplicate=-0.1), "duplicate must be between 0 and 1"),
        (lambda: network().send("a", "zz", Note(1)), "unknown node 'zz'"),
        (lambda: network().add(Recorder("a")), "duplicate node id 'a'"),
    ],
)
def test_bad_network_input_is_refused_with_a_clear_message(make, message):
    with pytest.raises(Week4Error, match=message):
        make()


# -- properties ------------------------------------------------------------------------

NODES = "abcd"
send_op = st.tuples(st.just("send"), st.sampled_from(NODES), st.sampled_from(NODES))
fault_op = st.tuples(
    st.sampled_from(["partition", "heal", "block", "crash", "restart"]),
    st.sampled_from(NODES),
    st.sampled_from(NODES),
)
programs = st.lists(
    st.tuples(st.floats(min_value=0, max_value=50, allow_nan=False), st.one_of(send_op, fault_op)),
    max_size=40,
)
links = st.builds(
    Link,
    latency=st.builds(Uniform, st.just(0.5), st.floats(min_value=0.5, max_value=20)),
    loss=st.floats(min_value=0, max_value=0.5),
    duplicate=st.floats(min_value=0, max_value=0.5),
    reorder=st.floats(min_value=0, max_value=0.5),
)


def run_program(seed: int, link: Link, program: list) -> Network:
    net = network(seed, link, NODES)
    for i, (at, (op, x, y)) in enumerate(program):

        def act(op: str = op, x: str = x, y: str = y, i: int = i) -> None:
            if op == "send" and x != y:
                net.send(x, y, Note(i))
            elif op == "partition" and x != y:
                net.partition([x, y])
            elif op == "heal":
                net.heal()
            elif op == "block" and x != y:
                net.block(x, y)
            elif op == "crash":
                net.crash(x)
            elif op == "restart":
                net.restart(x)

        net.sim.at(at, act)
    net.sim.run()
    return net


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=10**6), links, programs)
def test_the_same_seed_gives_an_identical_trace(seed, link, program):
    first = run_program(seed, link, program).sim.trace.to_dicts()
    second = run_program(seed, link, program).sim.trace.to_dicts()
    assert first == second


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=10**6), links, programs)
def test_no_message_is_delivered_before_it_was_sent_nor_across_a_partition(seed, link, program):
    net = run_program(seed, link, program)
    blocked: set[tuple[str, str]] = set()
    sent_at: dict[int, float] = {}
    everyone = set(NODES)
    for e in net.sim.trace:
        if e.kind == "partition":
            if "-/->" in e.detail:
                src, dst = e.detail.split(" -/-> ")
                blocked.add((src, dst))
            else:
                groups = [set(g.split(",")) for g in e.detail.split(" | ")]
                blocked = {
                    (a, b)
                    for a in everyone
                    for b in everyone
                    if a != b and not any(a in g and b in g for g in groups)
                }
        elif e.kind == "heal":
            blocked = set()
        elif e.kind == "send":
            assert e.msg_id is not None
            sent_at[e.msg_id] = e.time
        elif e.kind == "deliver":
            assert e.msg_id is not None
            assert e.peer is not None
            assert e.time >= sent_at[e.msg_id]
            assert (e.peer, e.node) not in blocked


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(NODES), st.sampled_from(NODES))
def test_healed_links_deliver_again(seed, x, y):
    assume(x != y)
    net = network(seed, Link(latency=Uniform(1, 5)), NODES)
    net.partition([x], [y])
    net.send(x, y, Note(1))
    net.sim.run()
    net.heal()
    net.send(x, y, Note(2))
    net.sim.run()
    assert [m for _, _, m in inbox(net, y)] == [Note(2)]


@pytest.mark.parametrize(
    ("groups", "message"),
    [
        ((["a"], ["a", "b"]), "in two partition groups"),
        (("ab",), "must be a list of node ids"),
        (([],), "at least one node"),
        ((["a", "b", "c"],), "at least two sides"),
        ((["a"], ["b"], ["c"]), None),
    ],
)
def test_a_partition_that_would_cut_nothing_or_is_ambiguous_is_refused(groups, message):
    net = network(1, Link(latency=Constant(1)), "abc")
    if message is None:
        net.partition(*groups)
        assert net.sim.trace.events[-1].detail == "a | b | c"
    else:
        with pytest.raises(Week4Error, match=message):
            net.partition(*groups)
