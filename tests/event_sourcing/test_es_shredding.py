"""Crypto-shredding: forgetting a subject's key makes its data unreadable, log unchanged."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import week4
from week4.event_sourcing import ForgottenError, InMemoryEventStore, InvalidEventError, NewEvent
from week4.event_sourcing.aggregates.shredding import (
    FORGOTTEN,
    CryptoShredder,
    InMemoryKeyStore,
    decrypt,
    encrypt,
)
from week4.event_sourcing.bank.accounts import bank_mapper
from week4.event_sourcing.bank.domain import ACCOUNT


def counting_bytes(size: int) -> object:
    counter = itertools.count(1)
    return lambda: next(counter).to_bytes(size, "big")


def make_shredder() -> CryptoShredder:
    keys = InMemoryKeyStore(new_key=counting_bytes(32), new_nonce=counting_bytes(16))  # type: ignore[arg-type]
    return CryptoShredder(keys, {"AccountOpened": ["owner"], "Moved": ["address"]})


def test_personal_fields_are_stored_sealed_and_read_back_in_clear() -> None:
    store, shredder = InMemoryEventStore(), make_shredder()
    opened = NewEvent("AccountOpened", {"owner": "Ada Lovelace", "currency": "EUR"})
    store.append("account-1", [shredder.protect("ada", opened)])
    [stored] = store.read_stream("account-1")
    assert "Ada" not in json.dumps(stored.data)
    assert stored.data["currency"] == "EUR"
    assert shredder.reveal(stored).data == opened.data


def test_forgetting_a_subject_keeps_the_log_but_hides_only_its_data() -> None:
    store, shredder = InMemoryEventStore(), make_shredder()
    for subject, owner in (("ada", "Ada"), ("bob", "Bob")):
        event = NewEvent("AccountOpened", {"owner": owner, "currency": "EUR"})
        store.append(f"account-{subject}", [shredder.protect(subject, event)])
    before = list(store.read_all())
    shredder.keys.forget("ada")
    assert list(store.read_all()) == before  # nothing rewritten
    ada, bob = (shredder.reveal(e) for e in store.read_all())
    assert (ada.data["owner"], bob.data["owner"]) == (FORGOTTEN, "Bob")
    with pytest.raises(ForgottenError):
        shredder.reveal(before[0], strict=True)
    with pytest.raises(ForgottenError):
        shredder.protect("ada", NewEvent("AccountOpened", {"owner": "Ada"}))
    state = ACCOUNT.fold([bank_mapper().to_domain(ada)])
    assert (state.owner, state.status) == (FORGOTTEN, "open")


def test_events_without_personal_fields_pass_through_untouched() -> None:
    shredder = make_shredder()
    event = NewEvent("Deposited", {"amount_cents": 5})
    assert shredder.protect("ada", event) is event


def test_a_tampered_or_wrong_key_ciphertext_is_detected() -> None:
    sealed = encrypt(bytes(32), bytes(16), {"street": "Main St", "n": 1})
    assert decrypt(bytes(32), sealed) == {"street": "Main St", "n": 1}
    with pytest.raises(InvalidEventError, match="integrity"):
        decrypt(b"\x01" * 32, sealed)


def test_long_values_span_several_keystream_blocks() -> None:
    text = "x" * 1000
    assert decrypt(b"k" * 32, encrypt(b"k" * 32, b"n" * 16, text)) == text


def test_the_package_imports_and_works_where_sqlite3_is_missing() -> None:
    code = (
        "import sys; sys.modules['sqlite3'] = None\n"
        "import week4.event_sourcing as es\n"
        "from week4.event_sourcing import subscriptions\n"
        "from week4.event_sourcing.aggregates import snapshots, time_travel, shredding\n"
        "s = es.InMemoryEventStore()\n"
        "print(s.append('a', [es.NewEvent('E', {})], 0))\n"
    )
    source_root = str(Path(week4.__file__).resolve().parents[1])
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([source_root, os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env
    )
    assert (done.returncode, done.stdout.strip()) == (0, "1"), done.stderr
