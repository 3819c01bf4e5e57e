"""Real Jepsen histories of etcd, checked on the CAP page.

The histories are Jepsen's tests of etcd (Kingsbury, "Jepsen: etcd and Consul", 2014), as
kept in Porcupine's test suite with the verdict its tests assert for each (``VERDICTS.txt``;
see ``tests/data/README.md`` for attribution). Each is a single compare-and-set register
used by 5 clients; a client that timed out goes on as a new process, so a history has more
processes than clients. The page checks a handful with
:func:`~week4.cap.checker.linearizability.check_linearizable` and shows the states explored, a count
that, unlike a wall-clock time, is the same on every build.

Examples:
    >>> [c] = check_etcd(["etcd_091.log"])
    >>> c.linearizable, c.expected
    (False, False)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from week4.cap.checker.counterexample import LinearizabilityResult
from week4.cap.checker.history import History
from week4.cap.checker.jepsen import parse_jepsen_history
from week4.cap.checker.linearizability import check_linearizable
from week4.cap.figures.page import mark
from week4.render.tables import Table

#: Where the etcd histories are, relative to the repository's root.
ETCD = Path("tests/data/jepsen-etcd")
#: The page's histories: cheap to check, four linearizable and four not.
PAGE_HISTORIES = (
    "etcd_000.log",
    "etcd_002.log",
    "etcd_007.log",
    "etcd_022.log",
    "etcd_040.log",
    "etcd_075.log",
    "etcd_080.log",
    "etcd_091.log",
)


@dataclass(frozen=True)
class EtcdCheck:
    """One checked history.

    Attributes:
        name: The file's name.
        history: The parsed history.
        result: The checker's result.
        expected: The verdict of Porcupine's tests (None: the file has none).
    """

    name: str
    history: History
    result: LinearizabilityResult
    expected: bool | None

    @property
    def linearizable(self) -> bool | None:
        """Our verdict."""
        return self.result.linearizable


def verdicts(directory: Path | str = ETCD) -> dict[str, bool]:
    """``VERDICTS.txt``: file name to True (linearizable) or False."""
    text = (Path(directory) / "VERDICTS.txt").read_text(encoding="utf-8")
    pairs = (line.split() for line in text.splitlines() if line.strip())
    return {name: verdict == "linearizable" for name, verdict in pairs}


def check_etcd(
    names: Iterable[str] = PAGE_HISTORIES, directory: Path | str = ETCD
) -> list[EtcdCheck]:
    """Parse and check each history (register model), with its expected verdict."""
    expected = verdicts(directory)
    out = []
    for name in names:
        history = parse_jepsen_history((Path(directory) / name).read_text(encoding="utf-8"))
        result = check_linearizable(history, "register")
        out.append(EtcdCheck(name, history, result, expected.get(name)))
    return out


def _verdict(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "—"}[value]


def etcd_table(checks: Iterable[EtcdCheck]) -> Table:
    """History, operations (clients), our verdict, the expected one, agreement, states."""
    return Table(
        [
            "history",
            "ops (clients)",
            "linearizable?<br>(ours)",
            "Porcupine's<br>tests",
            "agree",
            "states<br>explored",
        ],
        [
            [
                Path(c.name).stem,
                f"{len(c.history)} ({len(c.history.processes())})",
                _verdict(c.linearizable),
                _verdict(c.expected),
                mark(c.linearizable is c.expected),
                c.result.states_explored,
            ]
            for c in checks
        ],
    )
