"""What only the simulator page draws: sweeps over loss and latency."""
