import os

import week4

default = "https://week4-dev.github.io/week4/"
site = os.environ.get("WEEK4_SITE_URL", default)
name = f"week4-{week4.__version__}-py3-none-any.whl"
wheel = f"{site}assets/wheels/{name}"
commands = [
    f"pip install {wheel}",
    "week4 run backoff-contention --seed 1",
    "week4 run breaker-outage --seed 1",
    "week4 run retry-storm --seed 1",
    "week4 run hedging --seed 1 --json",
]
print("```bash\n" + "\n".join(commands) + "\n```")
