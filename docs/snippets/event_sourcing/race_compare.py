from week4 import scenarios
from week4.render import Table

race = scenarios.get("es-concurrency")
rows = []
for expected in ("exact", "any"):
    m = race.run(seed=1, writers=4, balance=100, amount=30, expected=expected).metrics
    rows.append(
        [
            f"`{expected}`",
            m["appended"],
            m["conflicts (ConcurrencyError)"],
            m["refused (DomainError)"],
            m["final balance (€)"],
            "yes" if m["overdrawn"] else "no",
        ]
    )
columns = ["expected version", "appended", "conflicts", "refused", "balance (€)", "overdrawn"]
print(Table(columns, rows).to_markdown())
