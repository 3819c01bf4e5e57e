from week4.cap.figures.ladder import ladder_runs, ladder_table, violations

runs = ladder_runs(seed=1)
print(ladder_table(runs).to_markdown())
print()
for line in violations(runs):
    print(f"- {line}")
