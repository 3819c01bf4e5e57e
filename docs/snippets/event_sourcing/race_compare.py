from week4 import scenarios
from week4.render import Table

WRITERS, BALANCE, AMOUNT = 4, 100, 30
race = scenarios.get("es-concurrency")
rows = []
for expected in ("exact", "any"):
    m = race.run(seed=1, writers=WRITERS, balance=BALANCE, amount=AMOUNT, expected=expected).metrics
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
print(f"{WRITERS} writers, each withdrawing €{AMOUNT} from €{BALANCE}:")
print()
columns = ["expected version", "appended", "conflicts", "refused", "balance (€)", "overdrawn"]
print(Table(columns, rows).to_markdown())
