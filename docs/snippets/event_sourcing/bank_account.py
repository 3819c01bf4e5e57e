from week4.event_sourcing import DomainError, InMemoryEventStore
from week4.event_sourcing.bank.accounts import account_repository
from week4.event_sourcing.bank.domain import Deposit, OpenAccount, Withdraw

store = InMemoryEventStore()
bank = account_repository(store)  # load, decide, append
acc = "account-1"

bank.execute(acc, OpenAccount("ada"), actor="clerk")
bank.execute(acc, Deposit(5000), actor="ada")  # in cents
bank.execute(acc, Withdraw(2000), actor="ada")
try:
    bank.execute(acc, Withdraw(9000), actor="bob")
except DomainError as refused:
    print("refused:", refused)

for e in store.read_stream(acc):
    print(e.version, e.type, e.data, "by", e.metadata["actor"])

account = bank.load(acc)  # a fold over the stream
balance = account.state.balance_cents
print("replayed", account.events_read, "events:", balance, "cents")
