from week4 import scenarios

replay = scenarios.get("es-replay").run(seed=1, commands=8)
print(replay.tables["the fold, step by step"].to_markdown())
print()
print("\n".join(f"- {note}" for note in replay.notes))
