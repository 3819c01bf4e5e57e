import os
import re
from pathlib import Path

import week4

# The site's address: $WEEK4_SITE_URL when the build sets it, else mkdocs.yml's default.
config = Path("mkdocs.yml").read_text(encoding="utf-8")
default = re.search(r'site_url: !ENV \[WEEK4_SITE_URL, "([^"]+)"\]', config)[1]
site = os.environ.get("WEEK4_SITE_URL") or default
wheel = f"{site.rstrip('/')}/assets/wheels/week4-{week4.__version__}-py3-none-any.whl"
commands = [
    f"pip install {wheel}",
    "python -m week4 run backoff-contention --seed 1",
    "python -m week4 run breaker-outage --seed 1",
    "python -m week4 run retry-storm --seed 1",
    "python -m week4 run hedging --seed 1 --json",
]
print("```bash\n" + "\n".join(commands) + "\n```")
