import json
from pathlib import Path

from week4.render import Table

path = Path("bench/results/site_build.json")
record = json.loads(path.read_text()) if path.exists() else {}
if "seconds" not in record:
    print("!!! note\n    No measurement of the cached build yet: run `make bench`.")
else:
    m = record["machine"]
    commit = record["git"]["commit"][:10] or "unknown"
    print(
        f"Measured {m['date']} on {m['cores']} cores ({m['cpu']}), Python {m['python']}, "
        f"commit `{commit}`, best of {record['runs']} run{'s' if record['runs'] != 1 else ''}."
    )
    if "load_average" in record:
        before, after = record["load_average"]
        print(
            f"The machine's load average was {before} before the run and {after} after it "
            f"(on {m['cores']} cores, a load above {m['cores']} means other work shared them)."
        )
    print()
    labels = {
        "off": "CI build: no cache, every block runs",
        "cold": "cold build: empty cache",
        "warm": "warm build: nothing changed",
        "prose": "after a one-line prose edit",
    }
    targets = record["targets"]
    rows = [["empty Material site", record["empty_material_s"], 1.0, "", ""]]
    if "empty_pages_s" in record:  # what the size of the site costs with no content
        many = record["empty_pages_s"]
        ratio = round(many / record["empty_material_s"], 2)
        rows.append([f"empty site of {record['pages']} one-line pages", many, ratio, "", ""])
    for name, label in labels.items():
        target = f"≤ {targets[name]}×" if name in targets else ""
        met = ("yes" if record["ratios"][name] <= targets[name] else "no") if target else ""
        rows.append([label, record["seconds"][name], record["ratios"][name], target, met])
    headers = ["strict build", "seconds", "× empty site", "target", "met"]
    print(Table(headers, rows).to_markdown())
    serve = {
        "serve prose": ("a one-line prose edit, saved until served", "about 2 s"),
        "serve module": ("an edit to one module of the package, saved until served", ""),
    }
    if all(name in record["seconds"] for name in serve):
        print("\nUnder `mkdocs serve`, with the cache the builds above left:\n")
        rows = [[label, record["seconds"][name], goal] for name, (label, goal) in serve.items()]
        print(Table(["mkdocs serve", "seconds", "target"], rows).to_markdown())
    same = "byte-identical" if record["identical"] else "NOT identical"
    print(f"\nThe pages built with the cache off, cold and warm were {same}.")
    folders = record.get("ci_build_by_folder") or {}
    if folders:
        what = {
            "reference/": "the API reference (mkdocstrings renders every module)",
            "scenarios/": "the scenario pages (each runs its scenario at seed 1)",
            "top level": "the pages at the top (the simulator chapter, home, this page)",
        }
        total = sum(folders.values())
        if record["ratios"]["cold"] > targets["cold"]:
            print(
                "\nThe cold target is not met. A cold build has to run every simulation and "
                "render the whole API reference once: the cache cannot help the first build."
            )
            cpu = record.get("cpu_seconds", {}).get("cold")
            if cpu:
                floor = cpu / m["cores"]
                ratio = floor / record["empty_material_s"]
                print(
                    f"That build used {cpu:.1f} s of CPU time (its worker processes included); "
                    f"on {m['cores']} cores no schedule finishes it in under {floor:.1f} s, "
                    f"{ratio:.0f}× the empty site."
                )
                if "empty_pages_s" in record:
                    alone = record["empty_pages_s"] / record["empty_material_s"]
                    print(
                        f"Its {record['pages']} pages alone, with one line of text each, "
                        f"take {alone:.1f}× (the second row)."
                    )
                if ratio > targets["cold"]:
                    print(f"Meeting {targets['cold']}× takes less work, not more parallelism.")
                else:
                    print("A better use of the cores could still meet the target.")
        print(
            f"\nWhere the CI build's time went: converting the pages took {total:.1f} s of its "
            f"{record['seconds']['off']:.1f} s (every block run and the whole API reference "
            "rendered included; the rest is start-up and the theme), by folder:\n"
        )
        rows = [
            [what.get(f, f"the {f.rstrip('/')} chapter (`{f}`)"), f"{s:.1f}"]
            for f, s in folders.items()
        ]
        print(Table(["pages", "seconds"], rows).to_markdown())
