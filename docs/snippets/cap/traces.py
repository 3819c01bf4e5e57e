from textwrap import indent

from week4.cap.figures.page import by_mode, same_partition
from week4.render import sequence_diagram

runs = same_partition(seed=1)
for mode, title in (
    ("cp", "CP: the minority cannot reach the leader"),
    ("ap", "AP: n3 answers alone"),
):
    diagram = sequence_diagram(
        by_mode(runs, mode).run.trace,
        since=298,
        until=330,
        max_events=30,
        participants=["c1", "c2", "n1", "n2", "n3", "c3"],
    )
    print(f'=== "{title}"\n\n{indent(diagram, "    ")}\n')
