from week4.cqrs import (
    Deposit,
    GetAccount,
    InMemoryAccountList,
    InMemoryReadStore,
    InMemoryUnitOfWork,
    OpenAccount,
    bank_bus,
)

# One process, two handlers: commands change state, queries read it.
reads = InMemoryReadStore()
accounts = InMemoryAccountList(reads)  # the read model: one row per account
bus = bank_bus(InMemoryUnitOfWork(read_store=reads, inline=[accounts]))

bus.handle(OpenAccount("c-1", "acc-1", "ada"))
written = bus.handle(Deposit("c-2", "acc-1", 500))  # a command
print("command answered:", written)

answer = accounts.query(GetAccount("acc-1"))  # a query: changes nothing
row = answer.value
print(
    f"query answered: {row.owner}, €{row.balance_cents / 100:.2f}, as of position {answer.position}"
)
