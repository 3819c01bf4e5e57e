"""The terminal face of week4: a numbered menu and subcommands over the scenario registry.

Usage:

```text
week4                       the numbered menu (reads choices from stdin, works without a TTY)
week4 list                  every scenario with its chapter and description
week4 run NAME [--seed N] [--set key=value ...] [--json]
week4 check-history FILE [--model register|kv]
```

Bad input prints one line on stderr and exits with code 2; no traceback. Output that cannot
be written (a full disk) is an error of the same kind; a closed pipe (``week4 list | head``)
ends the command quietly.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from collections.abc import Sequence
from typing import NoReturn, TextIO

from week4 import __version__, scenarios
from week4.errors import ParameterError, Week4Error
from week4.scenarios.registry import shown

EXIT_BAD_INPUT = 2
#: What a shell reports for a process ended by SIGPIPE (128 + 13).
EXIT_BROKEN_PIPE = 141
_NUMBER = re.compile(r"[0-9]+")


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


def _pairs(items: Sequence[str], what: str = "--set") -> dict[str, str]:
    values: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise ParameterError(f"invalid {what} {item!r}: expected key=value")
        if key in values:
            raise ParameterError(f"parameter {key!r} is set twice: give each parameter once")
        values[key] = value
    return values


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
    check = sub.add_parser("check-history", help="check a Jepsen history for linearizability")
    check.add_argument("file", help="a Jepsen history: etcd log lines or EDN maps")
    check.add_argument("--model", choices=["register", "kv"], default=None)
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


def _pick(answer: str, count: int) -> int | None:
    """The 1-based choice in ``answer`` if it is one of ``1..count`` in ASCII digits."""
    if _NUMBER.fullmatch(answer) and 1 <= int(answer) <= count:
        return int(answer)
    return None


class _Menu:
    """The numbered menu of the original console demo, driven by lines on ``stdin``."""

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self.stdin = stdin
        self.out = stdout

    def ask(self, prompt: str) -> str | None:
        """One answer, stripped; None at the end of input (after ending the prompt's line)."""
        self.out.write(prompt)
        self.out.flush()
        line = self.stdin.readline()
        if line == "":
            self.out.write("\n")
            return None
        return line.strip()

    def run(self) -> int:
        chapters = scenarios.chapters()
        while True:
            self.out.write("\nweek4: distributed systems, simulated\n")
            for i, key in enumerate(chapters, 1):
                self.out.write(f"  {i}. {scenarios.CHAPTER_TITLES.get(key, key)}\n")
            self.out.write("  q. quit\n")
            choice = self.ask("chapter> ")
            if choice is None or choice.lower() == "q":
                return 0
            number = _pick(choice, len(chapters))
            if number is None:
                self.out.write(f"Please type a number from 1 to {len(chapters)}, or q.\n")
                continue
            if not self.chapter(chapters[number - 1]):
                return 0

    def chapter(self, chapter: str) -> bool:
        """Offer the chapter's scenarios until one ran or the reader goes back; False: quit."""
        items = [s for s in scenarios.all_scenarios() if s.chapter == chapter]
        for i, s in enumerate(items, 1):
            self.out.write(f"  {i}. {s.title}: {s.description}\n")
        self.out.write("  b. back, q. quit\n")
        while True:
            pick = self.ask("scenario> ")
            if pick is None or pick.lower() == "q":
                return False
            if pick.lower() == "b":
                return True
            number = _pick(pick, len(items))
            if number is not None:
                return self.configure_and_run(items[number - 1])
            self.out.write(f"Please type a number from 1 to {len(items)}, b or q.\n")

    def configure_and_run(self, scenario: scenarios.Scenario) -> bool:
        """Ask for a seed and parameters (Enter keeps the defaults), then run; False: quit."""
        while True:
            seed = self.ask("seed (Enter for 1)> ")
            if seed is None or seed.lower() == "q":
                return False
            if seed == "" or re.fullmatch(r"-?[0-9]+", seed):
                break
            self.out.write("Please type a whole number, or press Enter for 1.\n")
        names = ", ".join(p.name for p in scenario.params) or "none"
        while True:
            line = self.ask(f"parameters as key=value ({names}; Enter for the defaults)> ")
            if line is None or line.lower() == "q":
                return False
            try:
                params = _pairs(line.split(), "parameter")
                result = scenario.run(int(seed or "1"), **params)
            except Week4Error as error:
                self.out.write(f"week4: error: {error}\n")
                continue
            self.out.write("\n" + result.to_text())
            return True


def menu(stdin: TextIO, stdout: TextIO) -> int:
    """The numbered menu of the original console demo, driven by lines on ``stdin``."""
    return _Menu(stdin, stdout).run()


def _check_history(path: str, model: str | None) -> tuple[int, str]:
    from week4.cap.check_history_cmd import run_check_history

    return run_check_history(path, model)


def _dispatch(args: argparse.Namespace) -> int:
    if args.command is None:
        return menu(sys.stdin, sys.stdout)
    if args.command == "list":
        sys.stdout.write(list_scenarios())
        return 0
    if args.command == "check-history":
        code, text = _check_history(args.file, args.model)
        sys.stdout.write(text)
        return code
    fmt = "json" if args.json else "markdown" if args.markdown else "text"
    sys.stdout.write(run_scenario(args.name, args.seed, _pairs(args.params), fmt))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 a history is not linearizable, 2 bad input)."""
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
