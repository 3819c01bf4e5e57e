"""What every read model shares: generations, its position, and queries "as of position p".

A read model is a projection of the event log into tables shaped for one screen. It records
the global position it has applied (its checkpoint, committed with its rows), so a query
can say how fresh its answer is, and a client that has just written at position ``p`` can
ask for ``min_position=p``: the answer is either :class:`Answer` (the read model has applied
``p``, so the client's own write is visible) or :class:`NotYet` (a typed "not yet", not an
exception), Marten's *wait for non-stale data* without the waiting, which the caller drives
(the simulation in virtual time, or :func:`~week4.cqrs.read.waiting.wait_for_position`).

Sources: Greg Young, *CQRS Documents* (2010), "the read model is eventually consistent";
Marten docs, *Projections* and *Querying for non-stale data*.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from week4.cqrs.errors import ReadModelError
from week4.cqrs.read.stores import ReadStore, check_model_name, checkpoint_name, table_name
from week4.event_sourcing import RecordedEvent
from week4.event_sourcing.bank import EVENT_TYPES, bank_mapper

Tx = TypeVar("Tx")
T = TypeVar("T")
BANK_EVENTS = frozenset(cls.__name__ for cls in EVENT_TYPES)
"""The stored type names of the bank's events; read models skip every other event."""


@dataclass(frozen=True)
class Answer(Generic[T]):
    """A query's answer, as of ``position`` (every event up to it is reflected)."""

    value: T
    position: int


@dataclass(frozen=True)
class NotYet:
    """The read model has not reached the position the query asked for.

    Attributes:
        wanted: The ``min_position`` asked for.
        position: Where the read model is.
    """

    wanted: int
    position: int


QueryHandler = Callable[[Any, str, Any], Any]
"""``handler(view, table, query)``: answers ``query`` from the live ``table``."""


class ReadModel(ABC, Generic[Tx]):
    """A projection into one table per generation, with query handlers.

    Subclasses give :meth:`create`, :meth:`drop`, :meth:`apply_event` for their backend and
    the ``handlers`` of their queries.

    Args:
        store: The read store it lives in.
        name: Its name (table prefix and checkpoint key).
    """

    handlers: ClassVar[Mapping[type[Any], QueryHandler]] = {}

    def __init__(self, store: ReadStore[Tx], name: str) -> None:
        self.store = store
        self.name = check_model_name(name)
        self.mapper = bank_mapper()
        with store.transaction() as tx:
            self.create(tx, store.generation(self.name))

    @abstractmethod
    def create(self, tx: Tx, generation: int) -> None:
        """Create the (empty) table of ``generation`` if it does not exist."""

    @abstractmethod
    def drop(self, tx: Tx, generation: int) -> None:
        """Drop the table of ``generation``."""

    @abstractmethod
    def apply_event(self, tx: Tx, table: str, event: RecordedEvent, domain_event: Any) -> None:
        """Apply one bank event to ``table``."""

    def apply(self, tx: Tx, generation: int, event: RecordedEvent) -> None:
        """Apply one stored event to ``generation`` (other chapters' events are skipped)."""
        if event.type in BANK_EVENTS:
            domain_event = self.mapper.to_domain(event)
            self.apply_event(tx, table_name(self.name, generation), event, domain_event)

    @property
    def generation(self) -> int:
        """The generation queries are answered from."""
        return self.store.generation(self.name)

    @property
    def position(self) -> int:
        """The global position the live generation has applied (0: none yet)."""
        return self.store.load(checkpoint_name(self.name, self.generation))

    def query(self, query: object, min_position: int = 0) -> Answer[Any] | NotYet:
        """Answer ``query`` from the live generation, if it has reached ``min_position``.

        Args:
            query: One of this model's query messages.
            min_position: The lowest position the answer must reflect (the
                :class:`CommandResult.position` of the client's own write); 0: any.

        Returns:
            :class:`Answer` with the value and the position it reflects, or
            :class:`NotYet` when the model is behind ``min_position``.

        Raises:
            ReadModelError: The query is not one of this model's, or ``min_position`` < 0.
        """
        handler = self.handlers.get(type(query))
        if handler is None:
            raise ReadModelError(f"{self.name} answers no {type(query).__name__} query")
        if isinstance(min_position, bool) or not isinstance(min_position, int) or min_position < 0:
            raise ReadModelError(f"min_position must be an int >= 0, got {min_position!r}")
        with self.store.snapshot() as view:
            generation = self.store.generation(self.name)
            position = self.store.load(checkpoint_name(self.name, generation))
            if position < min_position:
                return NotYet(min_position, position)
            return Answer(handler(view, table_name(self.name, generation), query), position)

    def ask(self, query: object) -> Any:
        """The answer's value, whatever the model's position (a plain, possibly stale read)."""
        answer = self.query(query)
        assert isinstance(answer, Answer)  # min_position 0 is always reached
        return answer.value


def one_model_per_query(models: list[ReadModel[Any]]) -> dict[type[Any], ReadModel[Any]]:
    """Map each query type to the model answering it (a query has one handler)."""
    routes: dict[type[Any], ReadModel[Any]] = {}
    for model in models:
        for kind in model.handlers:
            if kind in routes:
                raise ReadModelError(
                    f"{kind.__name__} is answered by both {routes[kind].name} and {model.name}"
                )
            routes[kind] = model
    return routes
