"""Crypto-shredding: forget a person's data while the append-only log stays intact.

Personal fields are encrypted with a key per subject (person) kept *outside* the log;
to forget the subject (GDPR art. 17), delete the key: the ciphertext stays in the log but
can never be read again (Mathias Verraes, *Crypto-shredding*, 2016; the ``eventsourcing``
library's ``EncryptionCipher`` encrypts whole events with AES-GCM instead).

**A teaching cipher, not for production.** It is pure Python so it runs in the browser:
an XOR with a keystream of BLAKE2b in counter mode (keyed, per-message nonce) and a
BLAKE2b MAC over nonce and ciphertext. It has not been reviewed; use AES-GCM or
ChaCha20-Poly1305 from a vetted library (``cryptography``) for real data.

Examples:
    >>> keys = InMemoryKeyStore(new_key=lambda: bytes(32), new_nonce=lambda: bytes(16))
    >>> shredder = CryptoShredder(keys, {"AccountOpened": ("owner",)})
    >>> sealed = shredder.protect("ada", NewEvent("AccountOpened", {"owner": "Ada"}))
    >>> sealed.data["owner"].startswith("shredded:v1:")
    True
    >>> keys.forget("ada")
    >>> shredder.reveal_data("AccountOpened", sealed.data, sealed.metadata)
    {'owner': '[forgotten]'}
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from collections.abc import Callable, Collection, Mapping
from dataclasses import replace
from typing import Any

from week4.event_sourcing.store.errors import ForgottenError, InvalidEventError
from week4.event_sourcing.store.records import NewEvent, RecordedEvent

PREFIX = "shredded:v1:"
FORGOTTEN = "[forgotten]"
"""What a personal field reads as once its subject's key is gone."""
_BLOCK = 64


def _keystream_xor(key: bytes, nonce: bytes, data: bytes) -> bytes:
    out = bytearray(len(data))
    for block, start in enumerate(range(0, len(data), _BLOCK)):
        pad = hashlib.blake2b(nonce + block.to_bytes(8, "big"), key=key).digest()
        chunk = data[start : start + _BLOCK]
        out[start : start + len(chunk)] = bytes(a ^ b for a, b in zip(chunk, pad, strict=False))
    return bytes(out)


def _tag(key: bytes, nonce: bytes, ciphertext: bytes) -> bytes:
    return hashlib.blake2b(b"mac" + nonce + ciphertext, key=key, digest_size=16).digest()


def encrypt(key: bytes, nonce: bytes, value: Any) -> str:
    """Seal a JSON value: ``shredded:v1:`` + base64(nonce | ciphertext | tag)."""
    plaintext = json.dumps(value, separators=(",", ":")).encode()
    ciphertext = _keystream_xor(key, nonce, plaintext)
    token = nonce + ciphertext + _tag(key, nonce, ciphertext)
    return PREFIX + base64.urlsafe_b64encode(token).decode()


def decrypt(key: bytes, sealed: str) -> Any:
    """Open a value sealed by :func:`encrypt`; InvalidEventError if tampered with."""
    token = base64.urlsafe_b64decode(sealed.removeprefix(PREFIX))
    nonce, ciphertext, tag = token[:16], token[16:-16], token[-16:]
    if not hmac.compare_digest(tag, _tag(key, nonce, ciphertext)):
        raise InvalidEventError("a sealed field failed its integrity check")
    return json.loads(_keystream_xor(key, nonce, ciphertext))


class InMemoryKeyStore:
    """One key per subject; forgetting a subject deletes its key for good.

    Args:
        new_key: Makes a 32-byte key (default ``os.urandom``; inject for tests).
        new_nonce: Makes a 16-byte nonce per sealed field (default ``os.urandom``).
    """

    def __init__(
        self,
        new_key: Callable[[], bytes] | None = None,
        new_nonce: Callable[[], bytes] | None = None,
    ) -> None:
        self._keys: dict[str, bytes] = {}
        self._forgotten: set[str] = set()
        self.new_key = new_key or (lambda: os.urandom(32))
        self.new_nonce = new_nonce or (lambda: os.urandom(16))

    def key_for(self, subject: str) -> bytes:
        """The subject's key, made on first use; ForgottenError once forgotten."""
        if subject in self._forgotten:
            raise ForgottenError(f"subject {subject!r} was forgotten; no new data may be sealed")
        if subject not in self._keys:
            self._keys[subject] = self.new_key()
        return self._keys[subject]

    def get(self, subject: str) -> bytes | None:
        """The subject's key, or None when it never had one or was forgotten."""
        return self._keys.get(subject)

    def forget(self, subject: str) -> None:
        """Delete the subject's key: its sealed fields become unreadable."""
        self._keys.pop(subject, None)
        self._forgotten.add(subject)


class CryptoShredder:
    """Seals the personal fields of events on write and opens them on read.

    Args:
        keys: The per-subject key store.
        personal: For each event type, the data fields that are personal.
    """

    def __init__(self, keys: InMemoryKeyStore, personal: Mapping[str, Collection[str]]) -> None:
        self.keys = keys
        self.personal = {kind: tuple(fields) for kind, fields in personal.items()}

    def protect(self, subject: str, event: NewEvent) -> NewEvent:
        """The event with its personal fields sealed under ``subject``'s key."""
        fields = self.personal.get(event.type, ())
        if not fields:
            return event
        key = self.keys.key_for(subject)
        data = dict(event.data)
        for name in fields:
            if name in data:
                data[name] = encrypt(key, self.keys.new_nonce(), data[name])
        return replace(event, data=data, metadata={**event.metadata, "subject": subject})

    def reveal_data(
        self, kind: str, data: Any, metadata: Mapping[str, Any], *, strict: bool = False
    ) -> Any:
        """``data`` with its sealed fields opened, or :data:`FORGOTTEN` where the key is gone.

        Raises:
            ForgottenError: ``strict`` and the subject was forgotten.
        """
        fields = self.personal.get(kind, ())
        subject = metadata.get("subject")
        if not fields or subject is None:
            return data
        key = self.keys.get(subject)
        if key is None and strict:
            raise ForgottenError(f"the data of subject {subject!r} was shredded")
        opened = dict(data)
        for name in fields:
            value = opened.get(name)
            if isinstance(value, str) and value.startswith(PREFIX):
                opened[name] = decrypt(key, value) if key is not None else FORGOTTEN
        return opened

    def reveal(self, event: RecordedEvent, *, strict: bool = False) -> RecordedEvent:
        """The recorded event with its personal fields opened (see :meth:`reveal_data`)."""
        return event._replace(
            data=self.reveal_data(event.type, event.data, event.metadata, strict=strict)
        )
