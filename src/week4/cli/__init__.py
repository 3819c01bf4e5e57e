"""The terminal face of week4: a numbered menu and subcommands over the scenario registry.

Usage:

```text
week4                       the numbered menu (reads choices from stdin, works without a TTY)
week4 list                  every scenario with its chapter and description
week4 run NAME [--seed N] [--set key=value ...] [--json]
week4 check-history FILE [--model register|cas-register|kv] [--initial EDN] [--timeout S]
```

Bad input prints one line on stderr and exits with code 2; no traceback. Output that cannot
be written (a full disk) is an error of the same kind; a closed pipe (``week4 list | head``)
ends the command quietly.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from week4 import __version__, scenarios
from week4.cli.menu import menu, parse_pairs
from week4.errors import Week4Error
from week4.scenarios.registry import shown

EXIT_BAD_INPUT = 2
#: What a shell reports for a process ended by SIGPIPE (128 + 13).
EXIT_BROKEN_PIPE = 141
EXIT_UNKNOWN = 3  # check-history: no verdict within the budget
EXIT_INTERNAL_ERROR = 70  # EX_SOFTWARE: a bug, never mistaken for a verdict


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one-line Week4Errors, not usage dumps."""

    def error(self, message: str) -> NoReturn:
        raise Week4Error(message)


def _seed(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid seed {shown(text)}: expected an integer"
        ) from None


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 < value <= 86_400:
        raise argparse.ArgumentTypeError(
            f"invalid --timeout {text!r}: expected seconds, more than 0 and at most 86400"
        )
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for the docs and tests)."""
    parser = _Parser(
        prog="week4",
        description="Distributed systems, simulated. With no command, week4 opens the "
        "numbered menu of the original console demo: pick a chapter, a scenario, a seed "
        "and parameters, and read the result.",
    )
    parser.add_argument("--version", action="version", version=f"week4 {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    sub.add_parser("list", help="list every scenario")
    run = sub.add_parser("run", help="run one scenario")
    run.add_argument("name", help="the scenario's name (see `week4 list`)")
    run.add_argument("--seed", type=_seed, default=1, help="the random seed (default 1)")
    run.add_argument(
        "--set",
        dest="params",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="set a parameter (repeatable)",
    )
    fmt = run.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the result as JSON")
    fmt.add_argument("--markdown", action="store_true", help="print the result as Markdown")
    check = sub.add_parser(
        "check-history",
        help="check a Jepsen history for linearizability "
        "(exit 0 linearizable, 1 not, 2 bad input, 3 unknown)",
    )
    check.add_argument("file", help="a Jepsen history: etcd log lines or EDN (history.edn)")
    check.add_argument(
        "--model",
        choices=["register", "cas-register", "kv"],
        default=None,
        help="default: kv for get/put/append; for read/write/cas, Knossos's cas-register "
        "for EDN files (a read of nil constrains nothing), register for etcd logs",
    )
    check.add_argument(
        "--initial", default=None, metavar="EDN", help="the initial value (default nil)"
    )
    check.add_argument(
        "--timeout",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help="give up with the verdict unknown (exit 3) after this long (default 60)",
    )
    return parser


def list_scenarios() -> str:
    """The text of ``week4 list``."""
    rows = [(s.name, s.chapter, s.description) for s in scenarios.all_scenarios()]
    width = max(len(r[0]) for r in rows)
    chapter_width = max(len(r[1]) for r in rows)
    return "\n".join(f"{n.ljust(width)}  {c.ljust(chapter_width)}  {d}" for n, c, d in rows) + "\n"


def run_scenario(name: str, seed: int, params: dict[str, str], fmt: str = "text") -> str:
    """The text of ``week4 run`` in one of the formats text, json, markdown."""
    result = scenarios.get(name).run(seed, **params)
    if fmt == "json":
        return result.to_json()
    if fmt == "markdown":
        return result.to_markdown()
    return result.to_text()


def _check_history(args: argparse.Namespace) -> tuple[int, str]:
    """Run ``check-history``; an internal error is exit 70 with one line, never exit 1."""
    from week4.cap.check_history_cmd import DEFAULT_TIMEOUT, run_check_history

    timeout = DEFAULT_TIMEOUT if args.timeout is None else args.timeout
    try:
        return run_check_history(args.file, args.model, initial=args.initial, timeout=timeout)
    except Week4Error:
        raise
    except MemoryError:
        return EXIT_UNKNOWN, "Unknown: the check ran out of memory before a verdict.\n"
    except Exception as exc:  # a bug: say so in one line, and never exit 1 ("not linearizable")
        sys.stderr.write(f"week4: internal error: {type(exc).__name__}: {exc}\n")
        return EXIT_INTERNAL_ERROR, ""


def _dispatch(args: argparse.Namespace) -> int:
    if args.command is None:
        return menu(sys.stdin, sys.stdout)
    if args.command == "list":
        sys.stdout.write(list_scenarios())
        return 0
    if args.command == "check-history":
        code, text = _check_history(args)
        sys.stdout.write(text)
        return code
    fmt = "json" if args.json else "markdown" if args.markdown else "text"
    sys.stdout.write(run_scenario(args.name, args.seed, parse_pairs(args.params), fmt))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code.

    0 ok, 1 a history is not linearizable, 2 bad input, 3 a history's verdict is unknown.
    """
    try:
        code = _dispatch(build_parser().parse_args(argv))
        sys.stdout.flush()  # a full disk fails here, inside the handlers, not at exit
        return code
    except Week4Error as error:
        sys.stderr.write(f"week4: error: {error}\n")
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader closed the pipe (``week4 list | head -1``): stop writing, quietly, and
        # point stdout at /dev/null so the interpreter's last flush cannot fail again.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except OSError as error:
        sys.stderr.write(f"week4: error: cannot write the output: {error.strerror or error}\n")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
