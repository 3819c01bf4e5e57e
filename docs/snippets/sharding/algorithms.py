from week4.sharding import jump_hash, key_slot, make_strategy, shard_names

print("jump_hash(123456789, 10) =", jump_hash(123456789, 10))
print("jump_hash(123456789, 11) =", jump_hash(123456789, 11))
print('key_slot("123456789")    =', key_slot("123456789"))
print(
    'key_slot("{user:42}.cart") == key_slot("{user:42}.orders"):',
    key_slot("{user:42}.cart") == key_slot("{user:42}.orders"),
)
print()
for name in ("rendezvous", "jump", "maglev", "slots"):
    strategy = make_strategy(name, shard_names(5))
    print(f"{name:>10}: user:42 -> {strategy.shard_for('user:42')}")
