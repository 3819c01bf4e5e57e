"""Between domain events (dataclasses) and stored events (type name + JSON + metadata).

The domain never sees persistence: its events are plain frozen dataclasses; this mapper
names them by class name, writes their fields as JSON data and records the schema version
in the metadata, and on the way back runs the upcasters before building the dataclass. It
plays the part of the ``eventsourcing`` library's ``Mapper`` (``to_stored_event`` /
``to_domain_event`` with a ``Transcoder``) and of cosmicpython's (Percival & Gregory,
*Architecture Patterns with Python*, ch. 11) separation of domain and adapters.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from week4.event_sourcing.aggregates.upcasting import UpcasterChain
from week4.event_sourcing.store.errors import InvalidEventError
from week4.event_sourcing.store.records import NewEvent, RecordedEvent

SCHEMA_VERSION = "schema_version"
"""The metadata key that holds the version of the event's data schema (1 when absent)."""


class EventMapper:
    """Maps registered dataclass events to :class:`NewEvent` and back.

    Args:
        event_types: The dataclasses this mapper knows; each is stored under its class name.
        upcasters: Turn old schema versions into the current one on read; the current
            version of a type is the highest one the chain produces (1 without upcasters).

    Examples:
        >>> from week4.event_sourcing.bank.domain import Deposited
        >>> mapper = EventMapper([Deposited])
        >>> mapper.to_new_event(Deposited(500), {"actor": "ada"})
        NewEvent(type='Deposited', data={'amount_cents': 500, 'currency': 'EUR'}, \
metadata={'schema_version': 1, 'actor': 'ada'})
    """

    def __init__(
        self, event_types: Iterable[type[Any]], upcasters: UpcasterChain | None = None
    ) -> None:
        self._types: dict[str, type[Any]] = {}
        for cls in event_types:
            if not dataclasses.is_dataclass(cls):
                raise InvalidEventError(f"{cls!r} is not a dataclass")
            self._types[cls.__name__] = cls
        self._fields = {
            name: tuple(f.name for f in dataclasses.fields(cls))
            for name, cls in self._types.items()
        }
        # Plain dataclasses (no slots, no __post_init__) whose stored fields match exactly
        # are rebuilt without __init__, as the eventsourcing library's Mapper does: a
        # frozen dataclass's __init__ is several times slower, and replay runs it per event.
        self._exact = {
            name: frozenset(self._fields[name])
            for name, cls in self._types.items()
            if not hasattr(cls, "__slots__") and not hasattr(cls, "__post_init__")
        }
        self.upcasters = upcasters if upcasters is not None else UpcasterChain()
        self._latest = {name: self.upcasters.latest(name) for name in self._types}

    def to_new_event(self, event: object, metadata: Mapping[str, Any] | None = None) -> NewEvent:
        """The stored form of a domain event.

        Args:
            event: An instance of a registered dataclass.
            metadata: Extra metadata (``actor``...), kept next to the schema version.

        Raises:
            InvalidEventError: The event's class is not registered.
        """
        name = type(event).__name__
        names = self._fields.get(name)
        if names is None or type(event) is not self._types[name]:
            raise InvalidEventError(f"{type(event).__name__} is not a registered event type")
        data = {key: getattr(event, key) for key in names}
        meta = {SCHEMA_VERSION: self._latest[name]}
        if metadata:
            meta.update(metadata)
        return NewEvent(name, data, meta)

    def to_domain(self, recorded: RecordedEvent) -> Any:
        """The domain event of a stored one, upcast to the current schema first.

        Raises:
            InvalidEventError: Unknown type, or data that does not fit the dataclass.
        """
        cls = self._types.get(recorded.type)
        if cls is None:
            raise InvalidEventError(f"no event type registered under {recorded.type!r}")
        version = recorded.metadata.get(SCHEMA_VERSION, 1)
        data = recorded.data
        if version != self._latest[recorded.type]:
            data = self.upcasters.upcast(recorded.type, version, data)
        exact = self._exact.get(recorded.type)
        if exact is not None and type(data) is dict and data.keys() == exact:
            event = object.__new__(cls)
            event.__dict__.update(data)
            return event
        try:
            return cls(**data)
        except TypeError as error:
            raise InvalidEventError(
                f"{recorded.type} v{version} data does not fit {cls.__name__}: {error}"
            ) from None
