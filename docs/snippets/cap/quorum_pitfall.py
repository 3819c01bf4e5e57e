from week4.cap.figures import report
from week4.cap.figures.explore import LENGTHS, START, quorum_run

# N=3, R=1, W=3 (R + W > N), the last replica cut off for the explorable's longest partition
length = max(LENGTHS)
run = quorum_run(seed=1, n=3, r=1, w=3, length=length)
check = report.check(run)
stale, reads, _ = report.stale_rate(run.history)
unknown = sum(1 for op in run.history if op.f == "write" and op.status == "info")
print(f"partition: from {START:.1f} ms to {START + length:.1f} ms")
print(f"stale reads: {stale} of {reads}; writes that timed out (unknown outcome): {unknown}")
print(f"linearizable: {check.linearizable} ({check.states_explored} states explored)")
