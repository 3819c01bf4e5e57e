import itertools
import json
import random
import re
from html import escape
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from week4.basics.figures.sweeps import lossy_link_grid
from week4.errors import Week4Error
from week4.render import Control, explorable, metrics_html, setting_key

SLIDERS = [
    Control.slider("loss", "Loss probability", [0.0, 0.1, 0.2], default=0.1),
    Control.slider("latency", "Mean latency", [5, 20], unit="ms"),
]


def grid_results():
    return {
        setting_key(loss, latency): {"success": round((1 - loss) ** 2, 3), "latency": latency}
        for loss, latency in itertools.product([0.0, 0.1, 0.2], [5, 20])
    }


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []
        self.scripts = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)

    def handle_endtag(self, tag):
        self._in_script = False


def parse(html):
    parser = Elements()
    parser.feed(html)
    return parser


def payload(html):
    scripts = parse(html).scripts
    assert len(scripts) == 1
    return json.loads(scripts[0])


def test_setting_keys_match_the_sweeps_keys():
    assert setting_key(0.1, 20.0) == "0.1|20"
    assert setting_key(0.0, 5) == "0|5"
    assert setting_key("ring", True, False) == "ring|true|false"
    grid = lossy_link_grid(seed=1, losses=[0.0, 0.1], latencies=[5.0, 20.0], count=5)
    assert set(grid["results"]) == {
        setting_key(a, b) for a, b in itertools.product([0.0, 0.1], [5.0, 20.0])
    }


def test_a_value_with_a_pipe_cannot_be_part_of_a_key():
    with pytest.raises(Week4Error, match=r"'\|'"):
        setting_key("a|b")


def test_the_figure_is_labelled_and_its_controls_are_labelled_native_inputs():
    html = explorable("grid", "Success by loss & latency", SLIDERS, grid_results())
    elements = parse(html).elements
    tag, figure = elements[0]
    assert tag == "figure"
    assert figure["data-explorable"] == "grid"
    assert figure["aria-label"] == "Success by loss & latency"
    labels = {attrs["for"] for tag, attrs in elements if tag == "label"}
    inputs = [attrs for tag, attrs in elements if tag == "input"]
    assert [i["type"] for i in inputs] == ["range", "range"]
    assert {i["id"] for i in inputs} == labels
    assert [i["value"] for i in inputs] == ["1", "0"]
    assert [i["aria-valuetext"] for i in inputs] == ["0.1", "5 ms"]
    assert sum("aria-live" in attrs for _, attrs in elements) == 1
    controls = next(a for t, a in elements if "data-explorable-controls" in a)
    assert "hidden" in controls


def test_the_json_holds_every_setting_with_its_view_and_caption():
    results = grid_results()
    html = explorable(
        "grid",
        "Success",
        SLIDERS,
        results,
        render=lambda r: f"<b>{r['success']}</b>",
        summary=lambda r: f"{r['success']:.0%} succeed",
    )
    data = payload(html)
    assert data["results"] == results
    assert data["views"]["0.2|20"] == "<b>0.64</b>"
    assert data["summaries"]["0.2|20"] == "loss probability 0.2, mean latency 20 ms: 64% succeed"
    assert [c["keys"] for c in data["controls"]] == [["0", "0.1", "0.2"], ["5", "20"]]
    assert [c["default"] for c in data["controls"]] == [1, 0]
    # The page opens on the default setting, rendered on the server.
    assert "<b>0.81</b>" in html
    assert "loss probability 0.1, mean latency 5 ms: 81% succeed</p>" in html


def test_the_json_is_deterministic_with_sorted_keys_whatever_the_results_order():
    results = grid_results()
    shuffled = list(results.items())
    random.Random(4).shuffle(shuffled)
    first = explorable("grid", "Success", SLIDERS, results)
    assert explorable("grid", "Success", SLIDERS, dict(shuffled)) == first
    orders = []
    json.loads(parse(first).scripts[0], object_pairs_hook=orders.append)
    assert all([k for k, _ in pairs] == sorted(k for k, _ in pairs) for pairs in orders)


def test_results_cannot_close_the_script_that_carries_them():
    results = {"0": "</script><script>alert(1)</script> & <!--"}
    controls = [Control.select("n", "N", [0])]
    html = explorable("x", "X", controls, results, render=escape)
    script = html[html.index("<script") : html.index("</script>") + len("</script>")]
    assert "</script" not in script[: -len("</script>")]
    assert "<!--" not in script
    assert payload(html)["results"]["0"] == results["0"]


def test_selects_and_toggles_render_their_default():
    controls = [
        Control.select("mode", "Routing", ["modulo", "ring"], default="ring"),
        Control.toggle("vnodes", "Virtual nodes", default=True),
    ]
    results = {setting_key(m, v): m for m in ["modulo", "ring"] for v in [False, True]}
    html = explorable("routing", "Routing", controls, results)
    elements = parse(html).elements
    selected = [a for t, a in elements if t == "option" and "selected" in a]
    assert [a["value"] for a in selected] == ["1"]
    checkbox = next(a for t, a in elements if t == "input")
    assert checkbox["type"] == "checkbox"
    assert "checked" in checkbox
    assert "<pre>ring</pre>" in html
    assert payload(html)["summaries"]["modulo|false"] == "routing modulo, virtual nodes off"


def test_metrics_tables_format_numbers_like_the_markdown_tables_and_escape_text():
    html = metrics_html({"p99 <ms>": 12.34567, "lost": None, "ok": True})
    assert "<td>p99 &lt;ms&gt;</td><td>12.346</td>" in html
    assert "<td>lost</td><td>—</td>" in html
    assert html.startswith('<table class="week4-metrics">')


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"figure_id": "Bad Id"}, "figure_id"),
        ({"label": "  "}, "label"),
        ({"controls": []}, "at least one control"),
        ({"controls": [SLIDERS[0], SLIDERS[0]]}, "unique"),
        ({"results": {k: v for k, v in grid_results().items() if k != "0.2|20"}}, "0.2|20"),
        ({"results": {**grid_results(), "9|9": {}}}, "9|9"),
        ({"results": {**grid_results(), "0|5": {1j}}}, "JSON"),
        ({"results": {**grid_results(), "0|5": float("nan")}}, "JSON"),
    ],
)
def test_bad_figures_name_the_problem(change, message):
    arguments = {
        "figure_id": "grid",
        "label": "Success",
        "controls": SLIDERS,
        "results": grid_results(),
    }
    arguments.update(change)
    with pytest.raises(Week4Error, match=re.escape(message)):
        explorable(**arguments)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Control.slider("a b", "A", [1]), "control name"),
        (lambda: Control.slider("a", "A", []), "at least one value"),
        (lambda: Control.slider("a", "A", [1, 1.0]), "duplicate"),
        (lambda: Control.slider("a", "A", [1, 2], default=3), "default"),
        (lambda: Control("a", "A", (1, 2), "toggle"), "(False, True)"),
    ],
)
def test_bad_controls_name_the_problem(build, message):
    with pytest.raises(Week4Error, match=re.escape(message)):
        build()


values = st.lists(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=1, max_size=4
).map(lambda xs: list({f"{x:g}": x for x in xs}.values()))


@given(first=values, second=values)
def test_every_setting_of_any_grid_has_a_view_and_the_default_is_shown(first, second):
    controls = [
        Control.slider("a", "A", first),
        Control.slider("b", "B", second, default=second[-1]),
    ]
    results = {setting_key(a, b): [a, b] for a, b in itertools.product(first, second)}
    html = explorable("grid", "Grid", controls, results, render=lambda r: f"<i>{r}</i>")
    data = payload(html)
    assert set(data["views"]) == set(results) == set(data["summaries"])
    for key, (a, b) in results.items():
        assert key == "|".join(
            [
                data["controls"][0]["keys"][first.index(a)],
                data["controls"][1]["keys"][second.index(b)],
            ]
        )
    default = f"<i>{[first[0], second[-1]]}</i>"
    assert f"data-explorable-view>{default}</div>" in html
