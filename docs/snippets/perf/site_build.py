import json
from pathlib import Path

from week4.render import Table

path = Path("bench/results/site_build.json")
if not path.exists():
    print("!!! note\n    No measurement yet: run `make bench`.")
else:
    r = json.loads(path.read_text())
    m = r["machine"]
    print(f"Measured {m['date']} on {m['cores']} cores ({m['cpu']}), Python {m['python']}.\n")
    rows = [
        ["empty Material site", r["empty_material_s"], 1.0],
        ["week4 site, every simulation executed", r["week4_site_s"], r["ratio"]],
    ]
    print(Table(["strict build", "seconds (best of runs)", "× empty site"], rows).to_markdown())
    print(f"\nTarget: at most {r['target_ratio']}× the empty site.")
