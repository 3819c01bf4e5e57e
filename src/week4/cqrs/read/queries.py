"""The query side's bus: each query type goes to the one read model that answers it.

The mirror of the command bus (cosmicpython's ``views.py`` made into a router): a client
asks ``GetAccount("acc-1")`` without knowing which table answers it, and may demand a
position (``min_position``) to read its own write.

Examples:
    >>> from week4.cqrs.app import in_memory_bank
    >>> from week4.cqrs import GetAccount, OpenAccount
    >>> bank = in_memory_bank(inline=["account_list", "movements"])
    >>> written = bank.bus.handle(OpenAccount("c-1", "acc-1", "ada"))
    >>> queries = Queries([bank.accounts, bank.movements])
    >>> queries.ask(GetAccount("acc-1"), min_position=written.position).value.owner
    'ada'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from week4.cqrs.errors import UnknownMessageError
from week4.cqrs.read.model import Answer, NotYet, ReadModel, one_model_per_query


class Queries:
    """Routes queries to read models.

    Args:
        models: The read models; two answering the same query type is an error.
    """

    def __init__(self, models: Sequence[ReadModel[Any]]) -> None:
        self.routes = one_model_per_query(list(models))

    def ask(self, query: object, min_position: int = 0) -> Answer[Any] | NotYet:
        """Answer ``query`` from its read model, if it has reached ``min_position``.

        Raises:
            UnknownMessageError: No read model answers this type of query.
        """
        model = self.routes.get(type(query))
        if model is None:
            raise UnknownMessageError(f"no read model answers {type(query).__name__}")
        return model.query(query, min_position)
