"""The facts the CAP chapter (docs/cap/) states, checked by calling the functions it calls.

If a change to the simulator or the checkers makes a sentence of the page false, a test here
fails, so the prose cannot drift from the numbers.
"""

import html
import inspect
import json
import re
import runpy
from pathlib import Path

import pytest

from week4 import scenarios
from week4.cap.figures import report
from week4.cap.figures.ca_page import ca_table, ca_variants, events_table, rolled_back_writes
from week4.cap.figures.etcd_page import PAGE_HISTORIES, check_etcd, etcd_table, verdicts
from week4.cap.figures.explain import cut_off_story, short_description
from week4.cap.figures.explore import (
    LENGTHS,
    SETTINGS,
    START,
    pacelc,
    pacelc_chart,
    pacelc_table,
    quorum_explorable,
    quorum_grid,
    quorum_run,
    setting_name,
)
from week4.cap.figures.ladder import (
    MODELS,
    SKEWED,
    TWO_KEYS,
    crossed_writes,
    ladder,
    ladder_runs,
    ladder_table,
)
from week4.cap.figures.page import (
    PARTITION,
    by_mode,
    compare,
    comparison_table,
    counterexample_figure,
    mode_timeline,
    same_partition,
)
from week4.cap.figures.sweep import LATENCIES, configs
from week4.cap.figures.zoom import contradicted, counterexample_svg
from week4.render.controls import setting_key

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = ROOT / "docs" / "snippets"


@pytest.fixture(scope="module")
def runs():
    return same_partition(seed=1)


def measured(runs, mode):
    return compare(by_mode(runs, mode))


def minority_clients(run):
    return list(report.sides(run).values())[1]


def test_the_page_partition_cuts_n3_off_from_300_to_700_ms():
    assert (PARTITION.start, PARTITION.end, PARTITION.label) == (300.0, 700.0, "{n1,n2} | {n3}")


def test_the_four_runs_are_cp_ap_quorum_and_ca_with_failover_after_60_ms(runs):
    assert [c.run.mode for c in runs] == ["cp", "ap", "quorum", "ca"]
    assert by_mode(runs, "ca").run.config.failover == 60.0
    assert by_mode(runs, "ap").run.config.anti_entropy == 50.0
    assert by_mode(runs, "quorum").run.config.quorums() == (2, 2)


def test_the_cut_off_client_gets_a_failure_from_cp_and_an_answer_from_ap(runs):
    for mode, status in (("cp", "fail"), ("ap", "ok")):
        run = by_mode(runs, mode).run
        during = report.during(run.history, PARTITION.start, PARTITION.end)
        first = next(op for op in during if run.client_of(op.process) in minority_clients(run))
        assert first.status == status
    story = cut_off_story(runs)
    assert "CP over the whole run: 0 stale reads, linearizable" in story
    assert "AP over the whole run:" in story
    assert "not linearizable" in story


def test_in_ap_a_majority_client_reads_older_than_the_minoritys_acknowledged_write(runs):
    ap = by_mode(runs, "ap")
    counter = ap.check.counterexample
    culprit = contradicted(counter)
    assert counter.stuck.f == "read"
    assert culprit.f == "write"
    assert culprit.ret < counter.stuck.call
    assert ap.run.client_of(culprit.process) in minority_clients(ap.run)
    assert ap.run.client_of(counter.stuck.process) not in minority_clients(ap.run)


def test_cp_answers_nothing_on_the_minority_side_and_is_linearizable(runs):
    cp = measured(runs, "cp")
    assert (cp.majority, cp.minority, cp.linearizable, cp.stale_rate) == (1.0, 0.0, True, 0.0)


def test_ap_answers_both_sides_serves_stale_reads_and_is_not_linearizable(runs):
    ap = measured(runs, "ap")
    assert (ap.majority, ap.minority, ap.overall) == (1.0, 1.0, 1.0)
    assert ap.stale_rate > 0
    assert ap.linearizable is False
    assert ap.agreement_after_heal is not None


def test_cp_pays_a_majority_round_trip_that_ap_does_not(runs):
    assert measured(runs, "cp").p50 > measured(runs, "ap").p50


def test_quorum_with_r_plus_w_over_n_behaves_like_cp_under_this_partition(runs):
    quorum = measured(runs, "quorum")
    assert (quorum.minority, quorum.stale_rate, quorum.linearizable) == (0.0, 0.0, True)


def test_ca_with_failover_answers_both_sides_and_is_not_linearizable(runs):
    ca = measured(runs, "ca")
    assert (ca.majority, ca.minority, ca.linearizable) == (1.0, 1.0, False)


def test_the_comparison_table_has_one_column_per_run(runs):
    table = comparison_table(runs)
    assert list(table.columns) == ["", "CP", "AP", "quorum R=2 W=2", "CA (failover)"]
    minority = ["available during the partition, minority side", "0%", "100%", "0%", "100%"]
    assert table.rows[1] == minority
    assert len(table.rows) == 8


def test_the_cp_trace_shows_n3_forwarding_the_cut_off_read_and_the_partition_dropping_it(runs):
    trace = by_mode(runs, "cp").run.trace
    drops = [e for e in trace.of_kind("drop") if 298 <= e.time <= 330 and e.node == "n3"]
    assert any(e.peer == "n1" and (e.message or "").startswith("read") for e in drops)


def test_the_ap_trace_shows_n3_acknowledging_a_write_its_gossip_cannot_carry(runs):
    trace = by_mode(runs, "ap").run.trace
    window = [e for e in trace if 298 <= e.time <= 330]
    assert any(e.kind == "drop" and e.node == "n3" and "put" in (e.message or "") for e in window)
    assert any(e.kind == "deliver" and e.node == "c3" and e.peer == "n3" for e in window)


def test_the_timelines_and_the_zoomed_counterexample_are_deterministic_svg(runs):
    """A fresh run (not the cached one) draws the same bytes; the zoom names the stuck read
    and the write whose value it contradicts, whatever those are in this run."""
    ap = by_mode(runs, "ap")
    fresh = by_mode(same_partition.__wrapped__(seed=1), "ap")
    assert fresh is not ap
    assert mode_timeline(fresh) == mode_timeline(ap)
    figure = counterexample_figure(ap)
    assert figure == counterexample_figure(fresh)
    assert figure.startswith("<svg")
    counter = ap.check.counterexample
    stuck, culprit = counter.stuck, contradicted(counter)
    assert stuck.f == "read"
    assert stuck.output != counter.state  # the read returned another value than the state
    assert culprit is not None
    assert culprit.input == counter.state  # the write that set the state the read misses
    assert f"cannot be placed: {html.escape(stuck.label())}" in figure
    assert f"it contradicts: {html.escape(culprit.label())}" in figure
    with pytest.raises(ValueError, match="no counterexample"):
        counterexample_figure(by_mode(runs, "cp"))


def test_the_try_it_block_prints_the_same_figures_as_the_checkers_verdict(runs, capsys):
    runpy.run_path(str(SNIPPETS / "cap" / "ap_check.py"))
    out = capsys.readouterr().out
    ap = by_mode(runs, "ap")
    assert f"states explored: {ap.check.states_explored}\n" in out
    stuck = ap.check.counterexample.stuck
    client = ap.run.client_of(stuck.process)
    assert f"cannot be placed: {client}'s {stuck.label()}, called at {stuck.call:.1f} ms" in out
    assert "linearizable: False" in out


def test_the_pacelc_sweep_covers_five_settings_and_four_link_latencies():
    assert LATENCIES == (2.0, 5.0, 10.0, 20.0)
    assert len(configs(3)) == 5
    assert len(pacelc(seed=1).data["points"]) == 20


def test_r1_w1_pays_in_stale_reads_more_as_links_slow_down():
    points = [p for p in pacelc(seed=1).data["points"] if (p["r"], p["w"]) == (1, 1)]
    rates = [p["stale_rate"] for p in points]
    assert rates == sorted(rates)
    assert rates[-1] > 0


def test_quorums_that_overlap_pay_in_latency_and_are_never_stale():
    points = pacelc(seed=1).data["points"]
    for r, w in configs(3):
        if r + w > 3:
            mine = [p for p in points if (p["r"], p["w"]) == (r, w)]
            assert all(p["stale_rate"] == 0 for p in mine)
            slower = [max(p["read_p99"], p["write_p99"]) for p in mine]
            assert slower == sorted(slower)


def test_r2_w1_could_be_stale_but_these_short_runs_did_not_catch_one():
    points = [p for p in pacelc(seed=1).data["points"] if (p["r"], p["w"]) == (2, 1)]
    assert all(p["stale_rate"] == 0 for p in points)


def test_the_pacelc_chart_and_table_show_every_setting():
    points = pacelc(seed=1).data["points"]
    latency, stale = pacelc_chart(points).split("</svg>")[:2]
    names = [f"R={r} W={w}" for r, w in configs(3)]
    for svg in (latency, stale):
        legend = re.findall(r'<text x="[\d.]+" y="35">([^<]*)</text>', svg)
        assert sorted(n for entry in legend for n in entry.split(", ")) == sorted(names)
    # only R=1 W=1 is ever stale here, so the four others share one line at 0 %, drawn once
    assert latency.count("<polyline") == 5
    assert stale.count("<polyline") == 2
    table = pacelc_table(points)
    assert [row[:2] for row in table.rows] == [
        ["R=1 W=1", "no"],
        ["R=2 W=1", "no"],
        ["R=2 W=2", "yes"],
        ["R=1 W=3", "yes"],
        ["R=3 W=1", "yes"],
    ]


def test_the_ladder_marks_are_the_checkers_verdicts():
    yes, no = True, False
    assert ladder(ladder_runs(seed=1)) == {
        "CP": dict.fromkeys(MODELS, yes),
        "AP": {**dict.fromkeys(MODELS, yes), "linearizability": no},
        "quorum R=2 W=2": dict.fromkeys(MODELS, yes),
        "CA (failover)": {**dict.fromkeys(MODELS, yes), "linearizability": no},
        SKEWED: {**dict.fromkeys(MODELS, yes), "linearizability": no, "read-your-writes": no},
        TWO_KEYS: {
            **dict.fromkeys(MODELS, yes),
            "linearizability": no,
            "sequential consistency": no,
        },
    }
    table = ladder_table(ladder_runs(seed=1))
    assert len(table.columns) == 1 + len(MODELS)  # one column per model: fits the column
    assert [row[0] for row in table.rows] == list(ladder(ladder_runs(seed=1)))
    assert [row[1] for row in table.rows] == ["✓", "✗", "✓", "✗", "✗", "✗"]  # linearizability


def test_only_the_two_key_run_has_clients_that_each_missed_the_others_write():
    for c in ladder_runs(seed=1):
        crossed = crossed_writes(c.run.history)
        assert (crossed is not None) == (c.name == TWO_KEYS)
    w1, r1, w2, r2 = crossed_writes(ladder_runs(seed=1)[-1].run.history)
    assert w1.process == r1.process != w2.process == r2.process
    assert (w1.key, r1.key) == (r2.key, w2.key)


def test_with_skewed_clocks_a_client_reads_a_write_older_than_its_own():
    skewed = next(c for c in ladder_runs(seed=1) if c.name == SKEWED)
    ryw = next(g for g in skewed.guarantees if g.guarantee == "read-your-writes")
    own, read = ryw.witness
    assert own.process == read.process
    assert read.output != own.input


def test_ca_without_failover_blocks_the_minority_and_stays_linearizable():
    blocking, _ = ca_variants(seed=1)
    m = compare(blocking)
    assert (m.majority, m.minority, m.linearizable) == (1.0, 0.0, True)
    assert report.lost_writes(blocking.run) == 0


def test_ca_with_failover_loses_every_write_the_majority_acknowledged_during_the_partition():
    _, failover = ca_variants(seed=1)
    run = failover.run
    lost = rolled_back_writes(run)
    assert len(lost) == report.lost_writes(run) > 0
    majority = next(iter(report.sides(run).values()))
    acknowledged = [
        op
        for op in report.during(run.history, PARTITION.start, PARTITION.end)
        if op.status == "ok"
        and run.client_of(op.process) in majority
        and (op.f == "write" or (op.f == "cas" and op.output is True))
    ]
    assert lost == acknowledged


def test_the_ca_trace_shows_a_takeover_during_the_partition_and_a_rollback_after_the_heal():
    _, failover = ca_variants(seed=1)
    states = failover.run.trace.of_kind("state")
    takeover = next(e for e in states if "takes over" in e.detail)
    stepdown = next(e for e in states if "steps down" in e.detail)
    assert (takeover.node, stepdown.node) == ("n3", "n1")
    assert PARTITION.start < takeover.time < PARTITION.end < stepdown.time
    table = events_table(failover.run.trace).to_markdown()
    assert "n1,n2,c1,c2 \\| n3,c3" in table


def test_the_ca_table_agrees_with_the_cap_ca_partition_scenario():
    table = ca_table(ca_variants(seed=1))
    metrics = scenarios.get("cap-ca-partition").run(seed=1).metrics
    assert table.rows[1][3] == metrics["lost acknowledged writes, with failover"]
    assert table.rows[0][2] == f"{metrics['minority availability, without failover']:.0%}"


def test_the_etcd_histories_on_the_page_are_mixed_and_agree_with_porcupine():
    checks = check_etcd()
    assert [c.name for c in checks] == list(PAGE_HISTORIES)
    assert all(c.linearizable is c.expected for c in checks)
    assert sorted(c.linearizable for c in checks) == [False] * 4 + [True] * 4
    assert all(len(c.history.processes()) > 5 for c in checks)
    assert all(row[4] == "✓" for row in etcd_table(checks).rows)


def test_the_etcd_states_explored_are_the_same_on_every_run():
    first = [c.result.states_explored for c in check_etcd()]
    assert first == [c.result.states_explored for c in check_etcd()]


def test_the_test_data_holds_102_etcd_verdicts():
    assert len(verdicts()) == 102


def test_etcd_091_reads_2_right_after_a_write_of_4_returned():
    """Checked against the log's own lines, not against the checker's earlier output."""
    [etcd] = check_etcd(["etcd_091.log"])
    counter = etcd.result.counterexample
    culprit = contradicted(counter)
    log = (ROOT / "tests" / "data" / "jepsen-etcd" / "etcd_091.log").read_text().splitlines()
    # Times in an etcd history are line numbers: the write of 4 returned on line culprit.ret,
    # and the read that returned 2 was invoked on the next line.
    assert (culprit.f, culprit.input, counter.state) == ("write", 4, 4)
    assert log[int(culprit.ret) - 1].split()[-3:] == [":ok", ":write", "4"]
    assert (counter.stuck.f, counter.stuck.output) == ("read", 2)
    assert counter.stuck.call == culprit.ret + 1
    assert log[int(counter.stuck.call) - 1].split()[-3:] == [":invoke", ":read", "nil"]
    assert log[int(counter.stuck.ret) - 1].split()[-3:] == [":ok", ":read", "2"]
    assert counter.pending == ()
    text = short_description(counter)
    last = inspect.signature(short_description).parameters["last"].default
    assert len(counter.prefix) > last
    assert f"… {len(counter.prefix) - last} earlier operation(s) …" in text
    assert text.count("=>") == last  # only the last steps of the prefix are shown
    assert max(len(line) for line in text.splitlines()) <= 80
    svg = counterexample_svg(etcd.history, counter, x_label="line of the Jepsen log")
    assert "line of the Jepsen log" in svg


def test_the_explorable_covers_every_partition_length_and_quorum_setting():
    grid = quorum_grid(seed=1)
    assert len(grid) == len(LENGTHS) * len(SETTINGS) == 20
    assert 600.0 in LENGTHS
    assert START == 300.0  # the Explore section: "the last replicas cut off from 300 ms"
    html = quorum_explorable(seed=1)
    assert html.startswith('<figure class="week4-explorable" id="explorable-cap-quorum"')


def test_in_the_explorable_r1_w1_answers_both_sides_with_stale_reads():
    point = quorum_grid(seed=1)[setting_key(400.0, setting_name(3, 1, 1))]
    assert point["majority side available"] == point["minority side available"] == 1.0
    assert point["stale-read rate"] > 0
    assert point["linearizable"] is False


def test_in_the_explorable_r1_w3_reads_everywhere_and_writes_nowhere_during_a_partition():
    run = quorum_run(seed=1, n=3, r=1, w=3, length=400.0)
    during = report.during(run.history, 300.0, 700.0)
    assert all(op.status == "ok" for op in during if op.f == "read")
    assert not any(op.status == "ok" for op in during if op.f == "write")


def test_r_plus_w_over_n_is_not_linearizable_when_writes_time_out():
    run = quorum_run(seed=1, n=3, r=1, w=3, length=600.0)
    check = report.check(run)
    assert check.linearizable is False
    assert report.stale_rate(run.history)[0] == 0
    assert any(op.f == "write" and op.status == "info" for op in run.history)


def test_the_performance_snippet_says_when_there_is_no_measurement(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    runpy.run_path(str(SNIPPETS / "perf" / "linearizability.py"))
    assert "No measurement yet" in capsys.readouterr().out


def test_the_performance_snippet_shows_only_figures_of_the_run_and_which_commit(
    tmp_path, monkeypatch, capsys
):
    suite = {
        "histories": 2,
        "total_s": 0.01,
        "max_s": 0.006,
        "max_history": "etcd_001.log",
        "states_explored": 40,
        "verdicts_agree": True,
        "parse_total_s": 0.002,
    }
    results = {
        "python": "CPython 3.11",
        "machine": "x86_64",
        "repeats": 3,
        "commit": "0123456789abcdef",
        "dirty": True,
        "etcd": suite,
        "porcupine_reference": {"etcd_total_s": 0.55},  # an old file's typed figure
    }
    (tmp_path / "bench" / "results").mkdir(parents=True)
    (tmp_path / "bench" / "results" / "linearizability.json").write_text(json.dumps(results))
    monkeypatch.chdir(tmp_path)
    runpy.run_path(str(SNIPPETS / "perf" / "linearizability.py"))
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("| etcd (register)"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[1:] == ["2", "0.010", "0.006", "40", "yes"]
    assert "0.55" not in out
    assert "Porcupine" not in out
    assert "commit `0123456`, with uncommitted changes" in out
