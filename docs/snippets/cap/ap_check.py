from week4.cap import (
    check_linearizable,
    majority_minority,
    run_mode,
    stale_reads,
)

partition = majority_minority(3, 300.0, 700.0)  # {n1,n2} | {n3}
run = run_mode("ap", seed=1, partitions=(partition,))
result = check_linearizable(run.history)

stale = stale_reads(run.history)
print(f"{len(run.history)} operations, {len(stale)} stale reads")
print(f"linearizable: {result.linearizable}")
print(f"states explored: {result.states_explored}")
counter = result.counterexample
if counter:
    placed, stuck = len(counter.prefix), counter.stuck
    client = run.client_of(stuck.process)  # c1, c2 or c3
    span = f"called at {stuck.call:.1f} ms, answered at {stuck.ret:.1f} ms"
    print(f"{placed} operations linearize, then {counter.key} = {counter.state}")
    print(f"cannot be placed: {client}'s {stuck.label()}, {span}")
