"""Entry point for ``python -m week4``."""

from week4.cli import main

raise SystemExit(main())
