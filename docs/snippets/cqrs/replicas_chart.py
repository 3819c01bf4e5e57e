from week4.cqrs.figures.replica_figures import positions_chart
from week4.cqrs.simulations.replicas import count_violations, run_replicas

runs = [run_replicas(1, routing, rounds=4) for routing in ("random", "sticky")]
print(positions_chart(runs, "u1"))
for run in runs:
    mine = [read for read in run.reads if read.user == "u1"]
    went_back = count_violations(run.routing, mine).went_back
    print(f"<p>{run.routing}: u1's answers went back {went_back} times in {len(mine)} reads.</p>")
