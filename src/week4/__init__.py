"""week4: distributed systems and eventual consistency, simulated.

The package behind the week4 tutorial site. Every figure on the site is computed by
running this code; the same scenarios run in the terminal (``python -m week4``) and in
the browser (Pyodide).

Layers, each importing only the ones below it (``make lint`` checks this with
import-linter; the contracts are in ``pyproject.toml``)::

    cli                     the terminal: menu, ``run``, ``check-history``
    chapters                basics (the simulator chapter), cap, event_sourcing, cqrs,
                            resilience, sharding
    scenarios               the one registry of runnable scenarios, and their Result
    render                  Markdown tables, Mermaid from traces, SVG charts, explorables
    sim                     the deterministic simulator: clock, network, faults, trace
    (errors, stats)         used by every layer

Every chapter has one shape. Its library part, in subpackages named for what they hold
(``cap/checker/``, ``cap/replicas/``, ``event_sourcing/store/``, ...), is what a user could
import into their own project: it imports the simulator and its own modules, never rendering
or the registry. ``figures/`` holds what exists only for the pages and the CLI (tables,
charts, explanations, sweeps, page-only simulations), and ``scenarios`` the registry
entries, thin wrappers over the figures. A chapter's ``__init__`` re-exports its public
names, so moving a module never breaks an import. Chapters are independent of each other,
but for declared uses of another chapter's library part (CQRS builds on event sourcing's
store, domain and subscriptions). No module imports in a cycle, not even inside a function.
"""

from week4.errors import Week4Error

__version__ = "0.1.0"

__all__ = ["Week4Error", "__version__"]
