from week4 import scenarios

lab = scenarios.run("cqrs-staleness", seed=1)
for name, table in lab.tables.items():
    print(f"**{name}**\n")
    print(table.to_markdown())
    print()
