"""What only the event sourcing pages draw and stage: walkthroughs, races, measurements."""
