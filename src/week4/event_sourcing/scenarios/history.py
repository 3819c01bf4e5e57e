"""The chapter's scenarios about the past: time travel with an audit trail, and upcasting.

Both read a log that is never rewritten: time travel folds a prefix of it (Fowler's
*temporal query*), upcasting reads old events as the current schema on the way out (Greg
Young, *Versioning in an Event Sourced System*).
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Sequence

from week4.errors import ParameterError
from week4.event_sourcing.aggregates.mapper import SCHEMA_VERSION
from week4.event_sourcing.aggregates.time_travel import (
    audit_trail,
    history,
    state_at_time,
    state_at_version,
)
from week4.event_sourcing.bank.accounts import account_repository
from week4.event_sourcing.bank.domain import Deposit, OpenAccount, Withdraw
from week4.event_sourcing.figures.walkthroughs import (
    STREAM,
    bank_day,
    clock_text,
    euros,
    euros_moved,
)
from week4.event_sourcing.store.errors import DomainError, InvalidEventError
from week4.event_sourcing.store.memory_store import InMemoryEventStore
from week4.event_sourcing.store.records import NewEvent
from week4.render.tables import Table
from week4.scenarios.registry import Param, scenario
from week4.scenarios.result import Result

_HHMM = re.compile(r"([01]\d|2[0-3]):([0-5]\d)\Z")


def _minutes(text: str) -> float:
    match = _HHMM.match(text.strip())
    if match is None:
        raise ParameterError(f"invalid value {text!r} for as_of: expected a time HH:MM")
    return int(match[1]) * 60 + int(match[2])


@scenario(
    "es-time-travel",
    chapter="event-sourcing",
    title="Time travel and the audit trail",
    description="The balance as it was at any version or time, and who did what.",
    params=(
        Param("commands", 8, "deposits and withdrawals after the opening", 1, 200),
        Param("as_of", "11:00", "show the balance as it was at this time (HH:MM)"),
        Param("version", 3, "show the balance just after this version", minimum=1),
    ),
)
def time_travel(seed: int, *, commands: int, as_of: str, version: int) -> Result:
    """A day of commands on one account, stamped by a virtual office clock, read back.

    Covers: state as of a version, state as of a time, the audit trail (metadata actor).
    """
    at = _minutes(as_of)
    day = bank_day(seed, commands, timed=True)
    store, repo = day.store, day.repo
    then, then_version = state_at_time(store, repo.mapper, repo.decider, STREAM, at)
    at_version = state_at_version(store, repo.mapper, repo.decider, STREAM, version)
    now = repo.load(STREAM)
    states = [s for _, _, s in history(store, repo.mapper, repo.decider, STREAM)]
    rows: list[Sequence[object]] = [
        [
            e.version,
            clock_text(e.recorded_at),
            e.actor,
            e.type,
            euros_moved(e.data),
            euros(s.balance_cents),
        ]
        for e, s in zip(audit_trail(store, STREAM), states, strict=True)
    ]
    metrics: dict[str, int | float | str | bool | None] = {
        "events": now.version,
        "balance now (€)": euros(now.state.balance_cents),
        f"balance at {as_of} (€)": euros(then.balance_cents),
        f"version at {as_of}": then_version,
        f"balance after version {min(version, now.version)} (€)": euros(at_version.balance_cents),
        "commands refused (not in the log)": day.refused,
    }
    notes = [
        f"At {as_of} the stream was at version {then_version}: the state then is the fold of "
        "those events, read from the same log; nothing was kept aside for it.",
        "Who did what comes from each event's metadata (actor), written at append time.",
    ]
    table = Table(["version", "time", "actor", "event", "amount (€)", "balance after (€)"], rows)
    return Result(metrics=metrics, tables={"audit trail": table}, notes=notes)


@scenario(
    "es-upcasting",
    chapter="event-sourcing",
    title="Upcasting: old events, new schema",
    description="Events stored in an old schema are read as the current one, never rewritten.",
    params=(
        Param("legacy", 3, "Deposited events stored in schema v1 (whole euros)", 1, 50),
        Param("current", 3, "commands run by today's code afterwards", 0, 50),
    ),
)
def upcasting(seed: int, *, legacy: int, current: int) -> Result:
    """Old code wrote ``Deposited {"amount": 5}`` (euros); today's reads it as cents.

    Covers: schema versions in metadata, an upcaster chain, an unknown future version.
    """
    rng = random.Random(f"{seed}/es-upcasting")
    store = InMemoryEventStore()
    repo = account_repository(store)
    repo.execute(STREAM, OpenAccount("ada"), actor="clerk")
    for _ in range(legacy):  # written by the 2019 code: no schema_version, whole euros
        euro = rng.randrange(1, 50)
        store.append(STREAM, [NewEvent("Deposited", {"amount": euro}, {"actor": "ada"})])
    for i in range(current):  # today's code: schema v2, in cents
        cents = rng.randrange(1, 20) * 100
        command = Deposit(cents) if i % 2 == 0 else Withdraw(cents)
        try:
            repo.execute(STREAM, command, actor="ada")
        except DomainError:
            repo.execute(STREAM, Deposit(cents), actor="ada")
    stored_before = [(e.data, e.metadata) for e in store.read_stream(STREAM)]
    rows: list[Sequence[object]] = []
    upcast = 0
    for e in store.read_stream(STREAM):
        schema = e.metadata.get(SCHEMA_VERSION, 1)
        event = repo.mapper.to_domain(e)
        upcast += e.type == "Deposited" and schema == 1
        rows.append([e.version, e.type, schema, json.dumps(e.data), repr(event)])
    stored_after = [(e.data, e.metadata) for e in store.read_stream(STREAM)]
    future = NewEvent("Deposited", {"amount_cents": 100, "currency": "EUR"}, {SCHEMA_VERSION: 3})
    scratch = InMemoryEventStore()
    scratch.append("x", [future])
    try:
        repo.mapper.to_domain(next(scratch.read_stream("x")))
        refusal = "read without complaint"
    except InvalidEventError as error:
        refusal = str(error)
    loaded = repo.load(STREAM)
    metrics: dict[str, int | float | str | bool | None] = {
        "events": loaded.version,
        "stored as Deposited v1": legacy,
        "upcast on read": upcast,
        "stored events changed by reading": sum(
            a != b for a, b in zip(stored_before, stored_after, strict=True)
        ),
        "balance (€)": euros(loaded.state.balance_cents),
    }
    notes = [
        "The v1 events are still in the log exactly as written; the mapper lifts each one "
        "to v2 (cents, currency) every time it is read.",
        f"A v3 event read by this code is refused: {refusal}.",
    ]
    table = Table(["version", "type", "schema", "stored data", "read as"], rows)
    return Result(metrics=metrics, tables={"stored vs read": table}, notes=notes)
