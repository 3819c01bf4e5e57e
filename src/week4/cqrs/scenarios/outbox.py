"""The dual write against the transactional outbox, over many seeded crashes."""

from __future__ import annotations

from dataclasses import asdict

from week4.cqrs.figures.outbox_figures import outbox_table
from week4.cqrs.simulations.outbox import DESIGNS as OUTBOX_DESIGNS
from week4.cqrs.simulations.outbox import run_outbox
from week4.errors import ParameterError
from week4.scenarios.registry import Param, scenario
from week4.scenarios.result import Result

CHAPTER = "cqrs"
MAX_CRASH_WORK = 20_000
"""cqrs-outbox: the most crash points to visit (crashes / probability)."""


@scenario(
    "cqrs-outbox",
    chapter=CHAPTER,
    title="The dual write and the transactional outbox, with crashes",
    description="The write side's process dies between steps hundreds of times: 'commit, "
    "then publish' loses read-model updates, the outbox loses none.",
    params=(
        Param("crashes", 200, "times the process dies", minimum=0, maximum=2000),
        Param("probability", 0.1, "chance of dying at each crash point", minimum=0.01, maximum=0.9),
        Param("accounts", 3, "accounts the client works on", minimum=1, maximum=50),
    ),
)
def outbox(seed: int, *, crashes: int, probability: float, accounts: int) -> Result:
    """Run both designs with the same crash budget and count what the read side lost.

    Covers: the dual write, the transactional outbox, at-least-once relaying, idempotent
    consumers.
    """
    if crashes / probability > MAX_CRASH_WORK:
        raise ParameterError(
            f"invalid value {probability:g} for probability: with crashes={crashes} expected at "
            f"least {crashes / MAX_CRASH_WORK:g} (crashes / probability at most {MAX_CRASH_WORK})"
        )
    reports = [
        run_outbox(seed, design, crashes=crashes, probability=probability, accounts=accounts).report
        for design in OUTBOX_DESIGNS
    ]
    by = {r.design: r for r in reports}
    metrics: dict[str, int | float | str | bool | None] = {
        "crashes per design": crashes,
        "commit, then publish: updates lost": by["dual-write"].lost,
        "outbox: updates lost": by["outbox"].lost,
        "outbox: messages delivered twice (skipped)": by["outbox"].duplicated,
    }
    notes = [
        "lost: changes committed to the accounts table that the read side never applied. "
        "delivered twice: messages that arrived again after being applied; the idempotent "
        "consumer skipped them (applied twice stays 0).",
    ]
    data = {"designs": [asdict(r) for r in reports]}
    return Result(
        metrics=metrics, tables={"designs": outbox_table(reports)}, notes=notes, data=data
    )
