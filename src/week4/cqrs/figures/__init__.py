"""What only the CQRS pages and the CLI draw: the lab's tables and charts, timelines, sweeps."""
