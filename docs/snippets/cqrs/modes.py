from week4.cqrs import (
    Answer,
    AsyncProjection,
    Deposit,
    GetAccount,
    InMemoryAccountList,
    InMemoryReadStore,
    InMemoryUnitOfWork,
    OpenAccount,
    bank_bus,
    live_account,
)

reads = InMemoryReadStore()
inline = InMemoryAccountList(reads, name="inline_list")  # in the append's transaction
later = InMemoryAccountList(InMemoryReadStore())  # follows the log, later
uow = InMemoryUnitOfWork(read_store=reads, inline=[inline])
bus = bank_bus(uow)
bus.handle(OpenAccount("c-1", "acc-1", "ada"))
written = bus.handle(Deposit("c-2", "acc-1", 500))


def show(mode, answer):
    if isinstance(answer, Answer):
        euros = answer.value.balance_cents / 100
        print(f"{mode}: €{euros:.2f} as of position {answer.position}")
    else:
        print(f"{mode}: {answer}")


show("inline", inline.query(GetAccount("acc-1"), min_position=written.position))
show("async ", later.query(GetAccount("acc-1"), min_position=written.position))
print(
    "the async projection applies", AsyncProjection(uow.store, later).project_available(), "events"
)
show("async ", later.query(GetAccount("acc-1"), min_position=written.position))
print(
    f"live  : €{live_account(uow.store, 'acc-1').balance_cents / 100:.2f}, folded from the stream"
)
