from week4.cap.figures.page import comparison_table, same_partition

print(comparison_table(same_partition(seed=1)).to_markdown())
