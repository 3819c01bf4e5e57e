# The original demo: an account is a list of events (amounts in euros).
events = [
    {"type": "opened", "owner": "ada"},
    {"type": "deposited", "amount": 50},
    {"type": "withdrawn", "amount": 20},
    {"type": "deposited", "amount": 15},
]


def apply(balance, event):
    if event["type"] == "deposited":
        return balance + event["amount"]
    if event["type"] == "withdrawn":
        return balance - event["amount"]
    return balance


balance = 0  # replay: fold the events, in order
for event in events:
    balance = apply(balance, event)
    amount = f"€{event['amount']}" if "amount" in event else ""
    print(f"{event['type']:<10} {amount:>4}  -> balance €{balance}")
