import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from week4.render import Series, Table, bar_chart, line_chart, sequence_diagram, trace_table
from week4.sim import Constant, Link, Network, Node, Simulator


def test_markdown_tables_right_align_numbers_and_left_align_text():
    md = Table(["node", "sent"], [["a", 3], ["b", 12.5]]).to_markdown()
    assert md.splitlines() == [
        "| node | sent |",
        "|:-----|-----:|",
        "| a    |    3 |",
        "| b    | 12.5 |",
    ]


def test_text_tables_are_aligned_for_the_terminal():
    text = Table(["k", "v"], [["x", None]]).to_text()
    assert text.splitlines() == ["k  v", "-  -", "x  —"]


def pinged_trace():
    sim = Simulator(seed=1)
    net = Network(sim, Link(latency=Constant(2)))
    net.add(Node("a"), Node("b"), Node("c"))
    net.send("a", "b", "hi; #1")
    net.partition(["a"], ["b", "c"])
    net.send("a", "c", "lost")
    sim.run()
    return sim.trace


def test_sequence_diagrams_draw_deliveries_drops_and_partitions():
    diagram = sequence_diagram(pinged_trace())
    fence, config, kind = diagram.splitlines()[:3]
    assert (fence, kind) == ("```mermaid", "sequenceDiagram")
    assert config.startswith("%%{init:")  # narrow actors: text stays legible (see mermaid.py)
    assert "participant a" in diagram
    assert "a-xc: 0.0 ms<br/>lost<br/>(partitioned)" in diagram
    assert "Note over a,c: 0.0 ms<br/>partition: a | b,c" in diagram
    assert "a-xb: 2.0 ms<br/>hi#59; #35;1<br/>(partitioned)" in diagram


def test_long_traces_are_cut_with_a_note():
    diagram = sequence_diagram(pinged_trace(), max_events=1)
    assert "… 2 more events" in diagram


def test_trace_tables_list_events_in_order():
    table = trace_table(pinged_trace(), kinds=["drop"])
    assert [row[1] for row in table.rows] == ["drop", "drop"]


numbers = st.floats(min_value=-1e5, max_value=1e5, allow_nan=False)


@given(st.lists(st.tuples(numbers, numbers), min_size=1, max_size=20))
def test_line_charts_are_well_formed_svg_and_byte_identical_for_the_same_input(points):
    xs, ys = zip(*points, strict=True)
    series = [Series("s", xs, ys)]
    svg = line_chart(series, title="t", x_label="x", y_label="y")
    assert svg == line_chart(series, title="t", x_label="x", y_label="y")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert "nan" not in svg


def test_charts_use_current_color_so_they_read_in_light_and_dark_mode():
    svg = bar_chart(["a", "b"], [Series("n", [], [1, 2])], title="<t>", x_label="x", y_label="y")
    assert 'fill="currentColor"' in svg
    assert "&lt;t&gt;" in svg
    assert not re.search(r'fill="#(000|fff)', svg)


def test_empty_charts_are_refused():
    with pytest.raises(ValueError, match="at least one"):
        line_chart([], title="t", x_label="x", y_label="y")
    with pytest.raises(ValueError, match="at least one"):
        bar_chart([], [], title="t", x_label="x", y_label="y")
