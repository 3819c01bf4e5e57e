"""Protocols on the simulator: echo, and heartbeats with a timeout failure detector."""
