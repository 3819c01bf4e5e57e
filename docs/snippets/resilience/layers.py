from week4.resilience.figures.layers import layers_table
from week4.resilience.simulations.layers import run_layers

run = run_layers(1, layers=3, attempts=3)
print(layers_table(run).to_markdown())
print(f"\nThe user learned of the failure after {run.ended_at:.1f} ms.")
