from week4.cqrs import (
    CommandRejectedError,
    Deposit,
    InMemoryUnitOfWork,
    OpenAccount,
    Withdraw,
    bank_bus,
)
from week4.event_sourcing.bank import Deposited

seen = []
uow = InMemoryUnitOfWork()
bus = bank_bus(uow, subscribers={Deposited: [seen.append]})

print(bus.handle(OpenAccount("c-1", "acc-1", "ada")))
print(bus.handle(Deposit("c-2", "acc-1", 500)))
print(bus.handle(Deposit("c-2", "acc-1", 500)), "<- the same command id again: no effect")
try:
    bus.handle(Withdraw("c-3", "acc-1", 900))
except CommandRejectedError as refused:
    print("refused:", refused.reason)
print("events the Deposited subscriber saw:", seen)
print("events in the store:", uow.store.last_position())
