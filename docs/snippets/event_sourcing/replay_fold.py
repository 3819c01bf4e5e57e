import re

from week4 import scenarios


def in_euros(text):
    """The domain counts in cents ("4500 cents", "balance is 4000"); this page shows euros."""
    text = re.sub(r"(\d+) cents", lambda m: f"€{int(m[1]) / 100:g}", text)
    return re.sub(r"balance is (\d+)", lambda m: f"balance is €{int(m[1]) / 100:g}", text)


replay = scenarios.get("es-replay").run(seed=1, commands=8)
print(replay.tables["the fold, step by step"].to_markdown())
print()
print("\n".join(f"- {in_euros(note)}" for note in replay.notes))
