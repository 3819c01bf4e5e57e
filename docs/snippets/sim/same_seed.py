from week4 import scenarios

first = scenarios.get("lossy-link").run(seed=7).to_json()
second = scenarios.get("lossy-link").run(seed=7).to_json()
other = scenarios.get("lossy-link").run(seed=8).to_json()
print(f"seed 7 twice, identical JSON: {first == second}")
print(f"seed 7 vs seed 8, identical JSON: {first == other}")
