shard_count = 10
for user_id in (41, 42, 43, 1234, 99_999):
    print(f"user {user_id:>6} -> shard {user_id % shard_count}")
