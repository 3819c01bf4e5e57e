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
    "python -m week4 run es-replay --seed 1",
    "python -m week4 run es-concurrency --seed 1",
    "python -m week4 run es-concurrency --seed 1 --set writers=4 --set expected=any",
    "python -m week4 run es-time-travel --seed 1",
    "python -m week4 run es-snapshots --seed 1",
    "python -m week4 run es-upcasting --seed 1",
    "python -m week4 run es-subscription --seed 1",
]
print("```bash\n" + "\n".join(commands) + "\n```")
