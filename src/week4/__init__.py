"""week4: distributed systems and eventual consistency, simulated.

The package behind the week4 tutorial site. Every figure on the site is computed by
running this code; the same scenarios run in the terminal (``python -m week4``) and in
the browser (Pyodide).

Modules:
    sim: the deterministic discrete-event simulator (virtual clock, network, trace).
    render: Markdown tables, Mermaid diagrams and SVG charts from results.
    scenarios: the one registry of runnable scenarios.
"""

from week4.errors import Week4Error

__version__ = "0.1.0"

__all__ = ["Week4Error", "__version__"]
