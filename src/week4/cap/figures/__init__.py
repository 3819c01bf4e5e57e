"""What only the CAP pages draw: timelines, zoomed counterexamples, tables, sweeps, explorables."""
