"""What the resilience pages and the CLI draw: sweeps, tables, charts, timelines, results.

Built on `week4.resilience.simulations`; the scenarios in `week4.resilience.scenarios` are
thin wrappers over the `*_result` functions here.
"""
