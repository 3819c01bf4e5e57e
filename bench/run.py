"""Run every benchmark (``make bench``); each writes its figures to ``bench/results/``.

The site's Performance page renders those committed JSON files, with the date and machine
they were measured on, so wall-clock figures never leak onto the deterministic pages.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n=== {script.name} ===", flush=True)
        if subprocess.run([sys.executable, str(script), *argv], check=False).returncode:
            failed.append(script.name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
        return 1
    print(f"\nresults in {HERE / 'results'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
