"""A message bus: one handler per command, any number per event (cosmicpython's model).

Commands express intent and go to exactly one handler, whose failure is the caller's
failure; events are facts that happened and go to every subscriber, whose failure must not
undo the fact (Percival & Gregory, *Architecture Patterns with Python*, ch. 9-10,
``messagebus.py``). After each message the bus asks ``collect`` for the events the write
produced (the unit of work's ``collect_new_events``) and handles them in turn, so an event
handler may itself issue commands.

Examples:
    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Greet:
    ...     name: str
    >>> bus = MessageBus(commands={Greet: lambda c: f"hello {c.name}"})
    >>> bus.handle(Greet("ada"))
    'hello ada'
    >>> bus.handle("hello")
    Traceback (most recent call last):
    ...
    week4.cqrs.errors.UnknownMessageError: no handler for str: register it as a command or an event
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from week4.cqrs.errors import DuplicateHandlerError, UnknownMessageError

CommandHandler = Callable[[Any], Any]
EventHandler = Callable[[Any], Iterable[object] | None]


class MessageBus:
    """Dispatches commands to their handler and events to their subscribers.

    Args:
        commands: The one handler of each command type.
        events: The subscribers of each event type (an empty list is allowed: the event is
            known, nobody listens).
        collect: Called after each message; returns the new events to dispatch (the unit
            of work's ``collect_new_events``). None: events come only from event handlers
            that return messages.

    Attributes:
        failures: ``(event, error)`` of every event handler that raised. The command that
            produced the event is committed; a failed subscriber is logged, not undone.
    """

    def __init__(
        self,
        commands: Mapping[type[Any], CommandHandler] | None = None,
        events: Mapping[type[Any], Sequence[EventHandler]] | None = None,
        collect: Callable[[], Iterable[object]] | None = None,
    ) -> None:
        self.commands: dict[type[Any], CommandHandler] = {}
        self.events: dict[type[Any], list[EventHandler]] = {}
        self.collect = collect
        self.failures: list[tuple[object, Exception]] = []
        for kind, handler in (commands or {}).items():
            self.register_command(kind, handler)
        for kind, handlers in (events or {}).items():
            self.events.setdefault(kind, [])
            for handler in handlers:
                self.subscribe(kind, handler)

    def register_command(self, kind: type[Any], handler: CommandHandler) -> None:
        """Give ``kind`` its one handler.

        Raises:
            DuplicateHandlerError: ``kind`` already has a handler, or is an event type.
        """
        if kind in self.commands:
            raise DuplicateHandlerError(f"command {kind.__name__} already has a handler")
        if kind in self.events:
            raise DuplicateHandlerError(f"{kind.__name__} is registered as an event")
        self.commands[kind] = handler

    def subscribe(self, kind: type[Any], handler: EventHandler) -> None:
        """Add a subscriber to event type ``kind``.

        Raises:
            DuplicateHandlerError: ``kind`` is registered as a command.
        """
        if kind in self.commands:
            raise DuplicateHandlerError(f"{kind.__name__} is registered as a command")
        self.events.setdefault(kind, []).append(handler)

    def handle(self, message: object) -> Any:
        """Handle ``message`` and every event that follows from it.

        Returns:
            The command handler's result (a :class:`CommandResult` on the bank's write
            side); None when ``message`` is an event.

        Raises:
            UnknownMessageError: ``message`` is neither a registered command nor a known
                event; nothing was handled.
            CommandRejectedError: The command's handler refused it (raised as is).
        """
        kind = type(message)
        if kind not in self.commands and kind not in self.events:
            raise UnknownMessageError(
                f"no handler for {kind.__name__}: register it as a command or an event"
            )
        queue: deque[object] = deque([message])
        result: Any = None
        first = True
        while queue:
            current = queue.popleft()
            handler = self.commands.get(type(current))
            if handler is not None:
                outcome = handler(current)  # a command's failure is the caller's
                if first:
                    result = outcome
            else:
                self._publish(current, queue)
            first = False
            if self.collect is not None:
                queue.extend(self.collect())
        return result

    def _publish(self, event: object, queue: deque[object]) -> None:
        handlers = self.events.get(type(event))
        if handlers is None:
            self.failures.append(
                (event, UnknownMessageError(f"no subscriber list for {type(event).__name__}"))
            )
            return
        for handler in handlers:
            try:
                follow_up = handler(event)
            except Exception as error:
                self.failures.append((event, error))
                continue
            if follow_up is not None:
                queue.extend(follow_up)
