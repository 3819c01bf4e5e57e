from week4.cap.figures import report
from week4.cap.figures.explore import quorum_run
from week4.cap.figures.zoom import counterexample_svg

run = quorum_run(seed=1, n=3, r=1, w=3, length=600.0)
print(
    counterexample_svg(
        run.history,
        report.check(run).counterexample,
        # A client that timed out goes on as a new process: one row per process.
        row_of=lambda op: f"{run.client_of(op.process)} p{op.process}",
        partitions=[(p.start, p.end, p.label) for p in run.partitions],
        title="N=3 R=1 W=3: the read that cannot be placed",
    )
)
