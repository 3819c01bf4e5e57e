"""Turn results into Markdown tables, Mermaid diagrams, SVG charts and explorable figures.

Chapters never format output inline: they return data, and this package draws it. Every
function is deterministic (same input, same bytes) and pure Python, so it also runs in the
browser under Pyodide.
"""

from week4.render.charts import Series, bar_chart, line_chart
from week4.render.controls import Control, setting_key
from week4.render.explorable import explorable, metrics_html
from week4.render.mermaid import sequence_diagram
from week4.render.tables import Table
from week4.render.traces import trace_table

__all__ = [
    "Control",
    "Series",
    "Table",
    "bar_chart",
    "explorable",
    "line_chart",
    "metrics_html",
    "sequence_diagram",
    "setting_key",
    "trace_table",
]
