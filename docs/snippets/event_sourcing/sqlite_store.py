import tempfile
from pathlib import Path

from week4.event_sourcing import InMemoryEventStore, SQLiteEventStore
from week4.event_sourcing.bank.accounts import account_repository
from week4.event_sourcing.bank.domain import Deposit, OpenAccount, Withdraw


def run_day(store):
    bank = account_repository(store)
    for command in (OpenAccount("ada"), Deposit(5000), Withdraw(2000)):
        bank.execute("account-1", command, actor="ada")


def contents(store):
    return [(e.version, e.type, e.data) for e in store.read_all()]


memory = InMemoryEventStore()
run_day(memory)

with tempfile.TemporaryDirectory() as folder:
    for level in ("FULL", "NORMAL"):
        path = Path(folder) / f"events-{level}.db"
        with SQLiteEventStore(path, synchronous=level) as store:
            run_day(store)
        with SQLiteEventStore(path) as reopened:  # as a new process
            same = contents(reopened) == contents(memory)
            answer = "yes" if same else "no"
            print(f"{level:<6} reopened, same events as in memory: {answer}")
