from week4 import scenarios

first = scenarios.get("lossy-link").run(seed=7).to_json()
second = scenarios.get("lossy-link").run(seed=7).to_json()
other = scenarios.get("lossy-link").run(seed=8).to_json()
words = {True: "yes", False: "no"}
print(f"seed 7 twice, identical JSON: {words[first == second]}")
print(f"seed 7 vs seed 8, identical JSON: {words[first == other]}")
