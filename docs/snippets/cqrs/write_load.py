from week4 import scenarios
from week4.render import Table

rows = []
for users in (10, 50):
    lab = scenarios.run("cqrs-staleness", seed=1, users=users)
    by = {record["strategy"]: record for record in lab.data["records"]}
    rows.append([users, *(by[s]["command_p99"] for s in ("async", "inline", "write-model"))])
print("A command's own p99 (ms), by read strategy:\n")
print(Table(["users", "async", "inline", "write-model"], rows).to_markdown())
