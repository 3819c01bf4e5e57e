"""Charts are read back from their SVG: each point sits at its data value, and text is legible.

The axes are recovered from the tick labels the chart prints (value and position), so the
tests check what a reader checks: a point's position, read against the axes, gives its value.
"""

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from week4.cap.checker.history import Operation
from week4.cap.figures.explore import pacelc, pacelc_chart
from week4.cap.figures.timeline import timeline_svg
from week4.render.charts import Series, bar_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"
COLUMN = 720  # the text column's width in px


def parse(svg):
    return ET.fromstring(svg)


def ticks(root, *, axis):
    """(value, pixel) of each tick label: y labels end at the plot's left edge, x labels
    sit on one baseline under the plot."""
    texts = [t for t in root.iter(f"{SVG}text") if t.get("transform") is None]
    if axis == "y":
        labels = [t for t in texts if t.get("text-anchor") == "end"]
        return [(float(t.text), float(t.get("y")) - 4) for t in labels]
    baseline = max(float(t.get("y")) for t in texts if t.get("text-anchor") == "middle") - 8
    labels = [t for t in texts if t.get("text-anchor") == "middle" and float(t.get("y")) < baseline]
    labels = [t for t in labels if float(t.get("y")) > 40]  # not the title
    return [(float(t.text), float(t.get("x"))) for t in labels]


def inverse(pairs):
    """The value at a pixel, from two ticks (the axes are linear)."""
    (v0, p0), (v1, p1) = pairs[0], pairs[-1]
    return lambda pixel: v0 + (pixel - p0) * (v1 - v0) / (p1 - p0)


def tolerance(pairs):
    """Half a rounding step of the SVG's coordinates (0.1 px), in data units."""
    (v0, p0), (v1, p1) = pairs[0], pairs[-1]
    return abs((v1 - v0) / (p1 - p0)) * 0.1


finite = st.floats(min_value=-1e4, max_value=1e4, allow_nan=False).map(lambda v: round(v, 2))


@given(
    st.lists(
        st.lists(st.tuples(finite, finite), min_size=1, max_size=8, unique_by=lambda p: p[0]),
        min_size=1,
        max_size=3,
    )
)
def test_every_point_of_a_line_chart_sits_at_its_data_value(groups):
    series = [Series(f"s{i}", [x for x, _ in g], [y for _, y in g]) for i, g in enumerate(groups)]
    root = parse(line_chart(series, title="t", x_label="x", y_label="y"))
    xs, ys = ticks(root, axis="x"), ticks(root, axis="y")
    x_of, y_of = inverse(xs), inverse(ys)
    circles = list(root.iter(f"{SVG}circle"))
    expected = [(x, y) for s in series for x, y in zip(s.xs, s.ys, strict=True)]
    assert len(circles) == len(expected)
    for circle, (x, y) in zip(circles, expected, strict=True):
        assert x_of(float(circle.get("cx"))) == pytest.approx(x, abs=tolerance(xs) + 1e-9)
        assert y_of(float(circle.get("cy"))) == pytest.approx(y, abs=tolerance(ys) + 1e-9)


@given(st.lists(st.floats(min_value=0, max_value=1e5, allow_nan=False), min_size=1, max_size=6))
def test_every_bar_rises_from_zero_to_its_value(values):
    categories = [f"c{i}" for i in range(len(values))]
    svg = bar_chart(categories, [Series("s", [], values)], title="t", x_label="", y_label="y")
    root = parse(svg)
    ys = ticks(root, axis="y")
    y_of = inverse(ys)
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(bars) == len(values)
    for bar, value in zip(bars, values, strict=True):
        top, height = float(bar.get("y")), float(bar.get("height"))
        assert y_of(top + height) == pytest.approx(0.0, abs=2 * tolerance(ys) + 1e-9)
        assert y_of(top) == pytest.approx(value, abs=tolerance(ys) + 1e-9)


def test_a_line_charts_axes_start_at_zero_and_cover_every_value():
    svg = line_chart([Series("a", [1, 2, 3], [5, 40, 17])], title="t", x_label="", y_label="")
    values = [v for v, _ in ticks(parse(svg), axis="y")]
    assert values[0] == 0
    assert values[-1] >= 40


def font_sizes(svg):
    """The font size of every text element, inherited from its ancestors when unset."""
    root = parse(svg)
    width = float(root.get("viewBox").split()[2])

    def walk(node, inherited):
        size = float(node.get("font-size", inherited))
        if node.tag == f"{SVG}text":
            yield size, node.text or ""
        for child in node:
            yield from walk(child, size)

    return width, list(walk(root, 16.0))


def figures():
    op = Operation(0, "write", input=1, call=0.0, ret=30.0, status="ok", id=0)
    read = Operation(1, "read", output=0, call=40.0, ret=55.0, status="ok", id=1)
    yield (
        "line chart",
        line_chart([Series("a", [0, 1], [0, 2])], title="t", x_label="x", y_label="y"),
    )
    yield "bar chart", bar_chart(["a"], [Series("s", [], [1])], title="t", x_label="", y_label="y")
    yield "timeline", timeline_svg([op, read], partitions=[(10.0, 20.0, "n1 | n2")], highlight=read)
    for i, svg in enumerate(pacelc_chart(pacelc(seed=1).data["points"]).split("\n<svg")):
        yield f"pacelc {i}", svg if svg.startswith("<svg") else "<svg" + svg


@pytest.mark.parametrize(("name", "svg"), list(figures()), ids=lambda v: v if len(v) < 20 else "")
def test_every_text_in_a_figure_is_at_least_12_px_in_the_720_px_column(name, svg):
    width, sizes = font_sizes(svg)
    scale = min(COLUMN, width) / width  # the chart is drawn at most at the column's width
    small = [(text, size * scale) for size, text in sizes if size * scale < 12]
    assert not small, f"{name}: {small}"
