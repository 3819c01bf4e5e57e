"""The numbered menu of the original console demo, driven by lines on stdin.

It works without a TTY (tests and pipes feed it lines), asks again after an answer it
cannot use, and lets the reader choose the seed and parameters before a run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TextIO

from week4 import scenarios
from week4.errors import ParameterError, Week4Error

_NUMBER = re.compile(r"[0-9]+")


def parse_pairs(items: Sequence[str], what: str = "--set") -> dict[str, str]:
    """``key=value`` words as a dict; a malformed word or a repeated key is a ParameterError."""
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
                params = parse_pairs(line.split(), "parameter")
                result = scenario.run(int(seed or "1"), **params)
            except Week4Error as error:
                self.out.write(f"week4: error: {error}\n")
                continue
            self.out.write("\n" + result.to_text())
            return True


def menu(stdin: TextIO, stdout: TextIO) -> int:
    """The numbered menu of the original console demo, driven by lines on ``stdin``."""
    return _Menu(stdin, stdout).run()
