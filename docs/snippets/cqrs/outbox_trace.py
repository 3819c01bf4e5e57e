from week4.cqrs.figures.outbox_figures import first_lost_update

print(first_lost_update(seed=1))
