from week4.cap.figures.ladder import TWO_KEYS, crossed_writes, ladder_runs

run = next(c.run for c in ladder_runs(seed=1) if c.name == TWO_KEYS)
for op in crossed_writes(run.history):
    client = run.client_of(op.process)
    print(f"{client} on {run.attached[client]}: {op.describe()}")
