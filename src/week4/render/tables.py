"""Tables as data, rendered to Markdown or aligned plain text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


def cell_text(value: object) -> str:
    """How a table shows one value: floats to at most 3 decimals, None as an em dash.

    Examples:
        >>> [cell_text(v) for v in (1.25, 2.0, None, "x")]
        ['1.25', '2', '—', 'x']
    """
    if isinstance(value, float):
        text = f"{value:.3f}".rstrip("0").rstrip(".")
        return text if text not in {"", "-0"} else "0"
    if value is None:
        return "—"
    return str(value)


@dataclass
class Table:
    """A table: column names and rows of cells.

    Examples:
        >>> print(Table(["node", "sent"], [["a", 3], ["b", 12]]).to_markdown())
        | node | sent |
        |:-----|-----:|
        | a    |    3 |
        | b    |   12 |
    """

    columns: Sequence[str]
    rows: list[Sequence[Any]] = field(default_factory=list)

    def _cells(self) -> list[list[str]]:
        return [[cell_text(c) for c in row] for row in self.rows]

    def _numeric(self, cells: list[list[str]]) -> list[bool]:
        def is_num(text: str) -> bool:
            try:
                float(text.rstrip("%"))
            except ValueError:
                return text == "—"
            return True

        return [
            bool(cells) and all(is_num(row[i]) for row in cells) for i in range(len(self.columns))
        ]

    def _widths(self, cells: list[list[str]]) -> list[int]:
        return [
            max([len(str(col)), *(len(row[i]) for row in cells)])
            for i, col in enumerate(self.columns)
        ]

    def to_markdown(self) -> str:
        """A GitHub-flavoured Markdown table, numbers right-aligned."""
        cells = self._cells()
        widths = [max(w, 3) for w in self._widths(cells)]
        numeric = self._numeric(cells)

        def line(values: Sequence[str]) -> str:
            padded = [
                v.rjust(w) if num else v.ljust(w)
                for v, w, num in zip(values, widths, numeric, strict=True)
            ]
            return "| " + " | ".join(padded) + " |"

        rule = (
            "|"
            + "|".join(
                ("-" * (w + 1) + ":") if num else (":" + "-" * (w + 1))
                for w, num in zip(widths, numeric, strict=True)
            )
            + "|"
        )
        header = (
            "| "
            + " | ".join(str(c).ljust(w) for c, w in zip(self.columns, widths, strict=True))
            + " |"
        )
        return "\n".join([header, rule, *(line(r) for r in cells)])

    def to_text(self) -> str:
        """Aligned plain text for the terminal."""
        cells = self._cells()
        widths = self._widths(cells)
        numeric = self._numeric(cells)

        def line(values: Sequence[str]) -> str:
            return "  ".join(
                v.rjust(w) if num else v.ljust(w)
                for v, w, num in zip(values, widths, numeric, strict=True)
            ).rstrip()

        header = "  ".join(str(c).ljust(w) for c, w in zip(self.columns, widths, strict=True))
        rule = "  ".join("-" * w for w in widths)
        return "\n".join([header.rstrip(), rule, *(line(r) for r in cells)])

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"columns": list(self.columns), "rows": [list(r) for r in self.rows]}
