"""The CAP page's explanations in words: what the cut-off client saw, and why a check failed.

:func:`cut_off_story` turns the page's CP and AP runs into the few lines that show the
sentence "CP systems choose consistency, AP systems choose availability" (Gilbert & Lynch
2002: during a partition, a replica that cannot reach the others either refuses or may
answer stale data). :func:`short_description` shortens a checker's counterexample (the
longest linearizable prefix, as Porcupine and Knossos report it) to fit a page.

Examples:
    >>> from week4.cap.figures.page import same_partition
    >>> cp_line = cut_off_story(same_partition(seed=1)).splitlines()[0]
    >>> cp_line.startswith('CP: c3 (on n3) calls read("x") at ')  # c3 is on the cut-off n3
    True
    >>> cp_line.endswith("-> fails after 100.0 ms")  # the clients' timeout: CP refused
    True
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from week4.cap.checker.counterexample import Counterexample
from week4.cap.checker.history import Operation
from week4.cap.figures import report
from week4.cap.figures.page import PARTITION, CheckedRun, by_mode
from week4.cap.figures.zoom import contradicted
from week4.render.units import ms


def _side(c: CheckedRun, op: Operation) -> str:
    client = c.run.client_of(op.process)
    return f"{client} (on {c.run.attached[client]})"


def _call(op: Operation) -> str:
    """``read("x")``: the operation's label without its outcome."""
    return op.label().split(" -> ")[0].removesuffix(" failed")


def _outcome(op: Operation) -> str:
    took = f"after {ms(op.ret - op.call)}"
    if op.status == "fail":
        return f"fails {took}"
    if op.status == "info":
        return "no answer (unknown outcome)"
    if op.f == "read":
        return f"returns {op.label().split(' -> ')[-1]} {took}"
    return f"ok {took}"


def cut_off_story(runs: Sequence[CheckedRun]) -> str:
    """What the cut-off client's first operation got in CP and in AP, and the verdicts.

    For a run that is not linearizable, the counterexample is told too: the read that cannot
    be placed and the acknowledged write it missed.
    """
    lines = []
    for mode in ("cp", "ap"):
        c = by_mode(runs, mode)
        minority = list(report.sides(c.run).values())[1]
        first = next(
            op
            for op in report.during(c.run.history, PARTITION.start, PARTITION.end)
            if c.run.client_of(op.process) in minority
        )
        lines.append(
            f"{c.name}: {_side(c, first)} calls {_call(first)} at {ms(first.call)} "
            f"-> {_outcome(first)}"
        )
        counter = c.check.counterexample
        culprit = contradicted(counter) if counter else None
        if counter is not None and culprit is not None:
            stuck = counter.stuck
            lines.append(
                f"{c.name}: {_side(c, stuck)} calls {_call(stuck)} at {ms(stuck.call)} "
                f"-> {_outcome(stuck)}"
            )
            lines.append(
                f"    stale: {_side(c, culprit)}'s {_call(culprit)} was acknowledged at "
                f"{ms(culprit.ret)}"
            )
        stale = report.stale_rate(c.run.history)[0]
        verdict = "linearizable" if c.check.linearizable else "not linearizable"
        lines.append(f"{c.name} over the whole run: {stale} stale reads, {verdict}")
        lines.append("")
    return "\n".join(lines).rstrip()


def short_description(counter: Counterexample, last: int = 3, width: int = 80) -> str:
    """:meth:`Counterexample.describe`, with only the prefix's last ``last`` steps shown.

    Lines longer than ``width`` are wrapped, so the text fits a page without scrolling.

    Examples:
        >>> from week4.cap.checker.history import Operation
        >>> from week4.cap.checker.linearizability import check_linearizable
        >>> ops = [Operation(0, "write", input=i, call=2 * i, ret=2 * i + 1) for i in range(5)]
        >>> ops.append(Operation(1, "read", output=0, call=10, ret=11))
        >>> print(short_description(check_linearizable(ops).counterexample, last=1, width=60))
        Not linearizable.
        The longest linearizable prefix has 5 operation(s):
          … 4 earlier operation(s) …
            5. process 0: write(4) [8, 9]  =>  the register holds 4
        Then the register holds 4, and process 1: read() -> 0 [10,
            11] must take effect before it returns at 11, but it
            cannot: it returned 0, not 4.
        No other operation is pending that could change the state
            first.
    """
    lines = counter.describe().splitlines()
    n = len(counter.prefix)
    head, steps, tail = lines[:2], lines[2 : 2 + n], lines[2 + n :]
    if n > last:
        steps = [f"  … {n - last} earlier operation(s) …", *steps[n - last :]]
    return "\n".join(
        textwrap.fill(line, width, subsequent_indent="    ", break_on_hyphens=False)
        for line in [*head, *steps, *tail]
    )
