from week4.event_sourcing import DomainError, InMemoryEventStore
from week4.event_sourcing.bank.accounts import account_repository
from week4.event_sourcing.bank.domain import Deposit, OpenAccount, Withdraw


def euros(cents):
    return f"€{cents / 100:g}"


store = InMemoryEventStore()
bank = account_repository(store)  # load, decide, append
acc = "account-1"

bank.execute(acc, OpenAccount("ada"), actor="clerk")
bank.execute(acc, Deposit(5000), actor="ada")  # amounts in cents: €50
bank.execute(acc, Withdraw(2000), actor="ada")
try:
    bank.execute(acc, Withdraw(9000), actor="bob")
except DomainError:
    had = bank.load(acc).state.balance_cents
    print(f"refused: bob's withdrawal of {euros(9000)}, balance {euros(had)}")

for e in store.read_stream(acc):
    print(e.version, e.type, e.data, "by", e.metadata["actor"])

account = bank.load(acc)  # a fold over the stream
balance = account.state.balance_cents
print("replayed", account.events_read, "events: balance", euros(balance))
