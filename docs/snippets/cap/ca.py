from week4.cap.figures.ca_page import ca_table, ca_variants

# The 'CA' store under the page's partition: without failover, then with it (after 60 ms)
print(ca_table(ca_variants(seed=1)).to_markdown())
