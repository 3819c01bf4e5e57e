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
    "python -m week4 run shard-modulo-growth --seed 1",
    "python -m week4 run shard-balance --seed 1 --set skew=zipf",
    "python -m week4 run shard-movement --seed 1",
    "python -m week4 run shard-hot-keys --seed 1",
    "python -m week4 run shard-reshard --seed 1 --set crash_at=25",
]
print("```bash\n" + "\n".join(commands) + "\n```")
