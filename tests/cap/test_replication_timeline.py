from html import escape

from week4.cap.checker.history import History, Operation
from week4.cap.figures import report, views
from week4.cap.figures.timeline import COLOURS, HIGHLIGHT, timeline_svg
from week4.cap.replicas.cluster import run_mode
from week4.cap.replicas.faults import majority_minority

SCRIPTED = (majority_minority(3, 300.0, 700.0),)


def test_the_timeline_draws_one_bar_per_operation_and_shades_the_partition():
    run = run_mode("cp", 1, partitions=SCRIPTED)
    svg = views.timeline(run)
    assert svg.startswith("<svg")
    assert svg.endswith("</svg>")
    assert svg.count("<rect") >= len(run.history) + 1 + 3  # bars, shading, legend
    assert "partition {n1,n2} | {n3}" in svg
    for client in ("c1 (n1)", "c2 (n2)", "c3 (n3)"):
        assert client in svg
    assert COLOURS["fail"] in svg


def test_the_timeline_outlines_the_operation_a_counterexample_cannot_place():
    run = run_mode("ap", 1, partitions=SCRIPTED)
    check = report.check(run)
    svg = views.timeline(run, check)
    assert check.counterexample is not None
    assert f'stroke="{HIGHLIGHT}"' in svg
    assert escape("cannot be placed: " + check.counterexample.stuck.label()) in svg


def test_unknown_outcomes_are_drawn_dashed_up_to_the_timeout():
    history = History(
        [
            Operation(0, "write", key="x", input=1, call=10.0, status="info"),
            Operation(1, "read", key="x", output=None, call=0.0, ret=5.0),
        ]
    )
    svg = timeline_svg(history, timeout=50.0)
    assert 'stroke-dasharray="3 2"' in svg
    assert svg.count("<rect") == 2 + 3


def test_the_same_run_draws_the_same_bytes():
    first = views.timeline(run_mode("ap", 2, partitions=SCRIPTED))
    assert first == views.timeline(run_mode("ap", 2, partitions=SCRIPTED))
